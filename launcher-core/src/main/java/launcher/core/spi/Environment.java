package launcher.core.spi;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import launcher.core.io.Folders;

/**
 * The home folder, environment variables and operating system that paths are resolved against.
 * Providers receive it as an argument and never read globals, so tests can point every path at a
 * temporary folder.
 *
 * @param home the user's home folder
 * @param variables the environment variables, never null
 * @param operatingSystem the operating system
 */
public record Environment(Path home, Map<String, String> variables, OperatingSystem operatingSystem) {

    public Environment {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(operatingSystem, "operatingSystem");
        variables = Map.copyOf(variables);
    }

    /**
     * Returns the environment of this process. The home folder is {@code $HOME} when set
     * ({@code %USERPROFILE%} on Windows), as the CLIs themselves resolve it, and the JVM's
     * {@code user.home} otherwise, which comes from the password database and ignores
     * {@code $HOME}.
     */
    public static Environment current() {
        OperatingSystem operatingSystem = OperatingSystem.fromName(System.getProperty("os.name"));
        return new Environment(
                homeFolder(System.getenv(), operatingSystem, System.getProperty("user.home")),
                System.getenv(),
                operatingSystem);
    }

    /** Picks the home folder the way the CLIs do, given the variables and {@code user.home}. */
    static Path homeFolder(
            Map<String, String> variables, OperatingSystem operatingSystem, String userHome) {
        String name = operatingSystem == OperatingSystem.WINDOWS ? "USERPROFILE" : "HOME";
        String value = variables.get(name);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        return Path.of(userHome);
    }

    /** Returns the value of a variable, or empty when it is unset or blank. */
    public Optional<String> variable(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /**
     * Returns {@code value}, the value of the variable {@code name} that names a CLI's folder, as
     * a normalized path.
     *
     * @throws InvalidEnvironmentException when the value is a relative path, or when it or a
     *     folder above it is a file, because no file could then be created in the folder
     */
    public static Path absoluteFolder(String name, String value) {
        Path folder = Path.of(value);
        if (!folder.isAbsolute()) {
            throw new InvalidEnvironmentException(name + " is not an absolute path: " + value,
                    "Set " + name + " to an absolute path.");
        }
        folder = folder.normalize();
        Optional<Path> file = Folders.fileInPlaceOf(folder);
        if (file.isPresent()) {
            String where = file.get().equals(folder)
                    ? ", which is a file, not a folder"
                    : ", but " + file.get() + " is a file, not a folder";
            throw new InvalidEnvironmentException(name + " is " + folder + where,
                    "Point " + name + " at a folder, then try again.");
        }
        return folder;
    }

    /** Returns a copy with one variable set, or removed when {@code value} is null. */
    public Environment withVariable(String name, String value) {
        Map<String, String> changed = new HashMap<>(variables);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new Environment(home, changed, operatingSystem);
    }
}
