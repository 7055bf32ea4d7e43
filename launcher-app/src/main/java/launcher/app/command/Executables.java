package launcher.app.command;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;

/** Finds executables the way a shell does, on the {@code PATH} of an environment. */
final class Executables {

    private Executables() {
    }

    /** Returns the absolute path of {@code name}: itself when it contains a separator. */
    static Optional<Path> find(String name, Environment environment, Path workingDirectory) {
        if (!isBareName(name)) {
            Path path = workingDirectory.resolve(name).normalize();
            return isExecutable(path) ? Optional.of(path) : Optional.empty();
        }

        String searchPath = environment.variable("PATH").orElse("");
        List<String> suffixes = environment.operatingSystem() == OperatingSystem.WINDOWS
                ? List.of("", ".exe", ".cmd", ".bat")
                : List.of("");
        for (String folder : searchPath.split(File.pathSeparator)) {
            if (folder.isBlank()) {
                continue;
            }
            for (String suffix : suffixes) {
                Path candidate = workingDirectory.resolve(folder).resolve(name + suffix);
                if (isExecutable(candidate)) {
                    return Optional.of(candidate.normalize());
                }
            }
        }
        return Optional.empty();
    }

    /** Returns whether {@code name} has no separator, so that it is looked up on PATH. */
    static boolean isBareName(String name) {
        return !name.contains("/") && !name.contains(File.separator);
    }

    private static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
