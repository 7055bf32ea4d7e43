package launcher.core.spi;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /** Returns the environment of this process. */
    public static Environment current() {
        return new Environment(
                Path.of(System.getProperty("user.home")),
                System.getenv(),
                OperatingSystem.fromName(System.getProperty("os.name")));
    }

    /** Returns the value of a variable, or empty when it is unset or blank. */
    public Optional<String> variable(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value);
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
