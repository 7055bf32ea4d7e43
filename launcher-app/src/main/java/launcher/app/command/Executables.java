package launcher.app.command;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import launcher.app.CliNotFoundException;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;

/** Finds executables the way a shell does, on the {@code PATH} of an environment. */
final class Executables {

    /** The bytes of a script's start in which Linux looks for the {@code #!} line. */
    private static final int SHEBANG_BYTES = 256;

    /** The maximum depth of interpreters that are scripts themselves, which the check follows. */
    private static final int MAX_SCRIPT_DEPTH = 4;

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

    /**
     * Checks that the system can start {@code program} when it is a script: that the interpreter
     * on its {@code #!} line exists and is executable, and for {@code #!/usr/bin/env NAME}, that
     * {@code NAME} is on the {@code PATH} of {@code child}, the environment that the CLI gets.
     * Without this check such a script fails inside the pty with exit code 127 and no message.
     * A file without {@code #!} is not checked, because the system then rejects it with ENOEXEC
     * and a shell would run it.
     *
     * @param directory the working directory of the child, which a relative interpreter is
     *        resolved against, as the kernel does
     * @throws CliNotFoundException when the script's interpreter cannot be started
     */
    static void requireInterpreter(Path program, Environment child, Path directory) {
        requireInterpreter(program, child, directory, 1);
    }

    private static void requireInterpreter(
            Path program, Environment child, Path directory, int depth) {
        Optional<String> line = shebangLine(program);
        if (line.isEmpty()) {
            return;
        }
        String fix = "Change the #! line of " + program + " to an interpreter that exists, or"
                + " install it.";
        if (line.get().endsWith("\r")) {
            throw new CliNotFoundException("the script " + program + " cannot be started: its #!"
                    + " line ends with a carriage return (CR LF line ends), which the system"
                    + " takes as part of the interpreter's name or argument.",
                    "Convert " + program + " to LF line ends, for example with"
                            + " sed -i 's/\\r$//' " + program + ".");
        }

        // Linux splits the line once: the interpreter ends at the first space or tab, and the
        // rest, trimmed, is passed to it as one argument.
        String text = line.get().strip();
        int space = indexOfBlank(text);
        String interpreter = space < 0 ? text : text.substring(0, space);
        String argument = space < 0 ? "" : text.substring(space).strip();
        if (interpreter.isEmpty()) {
            throw new CliNotFoundException("the script " + program + " cannot be started: its #!"
                    + " line names no interpreter.", fix);
        }
        Path interpreterPath = directory.resolve(interpreter).normalize();
        if (!isExecutable(interpreterPath)) {
            String problem = Files.exists(interpreterPath)
                    ? " is not an executable file."
                    : " does not exist.";
            throw new CliNotFoundException("the script " + program + " cannot be started: the"
                    + " interpreter " + interpreter + " on its #! line" + problem, fix);
        }
        if (interpreterPath.getFileName().toString().equals("env")) {
            requireEnvCommand(program, argument, child, directory);
        }
        // Linux also runs an interpreter that is itself a script, so that one is checked too.
        if (depth < MAX_SCRIPT_DEPTH) {
            requireInterpreter(interpreterPath, child, directory, depth + 1);
        }
    }

    /**
     * Checks the command that {@code #!/usr/bin/env ARGUMENT} runs. Linux passes the whole rest
     * of the line as one argument, so {@code env} looks for a command named {@code python3 -u}
     * unless the line uses {@code env -S}, which splits it. On other systems, such as macOS,
     * which split the line themselves, the first word is checked. A form that starts with
     * another option is not checked.
     */
    private static void requireEnvCommand(
            Path program, String argument, Environment child, Path directory) {
        boolean split = argument.startsWith("-S");
        String command;
        if (split || child.operatingSystem() != OperatingSystem.LINUX) {
            String words = split ? argument.substring(2).strip() : argument;
            command = words.split("[ \t]+")[0];
        } else if (argument.startsWith("-") || argument.contains("=")) {
            return;
        } else {
            command = argument;
        }
        if (command.isEmpty()) {
            return;
        }
        if (find(command, child, directory).isPresent()) {
            return;
        }
        String where = isBareName(command)
                ? " was not found on the PATH that the CLI gets"
                : " does not exist or is not executable";
        String splitHint = indexOfBlank(command) >= 0
                ? ". The system passes the rest of the #! line to env as one argument, so use"
                        + " '#!/usr/bin/env -S " + command + "' to split it"
                : "";
        throw new CliNotFoundException("the script " + program + " cannot be started: the"
                + " command '" + command + "' that its #! line runs with env" + where
                + splitHint + ".",
                "Install " + command.split("[ \t]")[0] + " or add its folder to PATH, or change"
                        + " the #! line of " + program + ".");
    }

    /**
     * Returns the {@code #!} line of {@code file} without {@code #!} and its LF, or empty when
     * the file does not start with {@code #!} or cannot be read. Linux 5.1 and later read at
     * most the first {@value #SHEBANG_BYTES} bytes of the line.
     */
    private static Optional<String> shebangLine(Path file) {
        byte[] head = new byte[SHEBANG_BYTES];
        int length = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while (length < head.length
                    && (read = in.read(head, length, head.length - length)) > 0) {
                length += read;
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (length < 2 || head[0] != '#' || head[1] != '!') {
            return Optional.empty();
        }
        int end = 2;
        while (end < length && head[end] != '\n') {
            end++;
        }
        return Optional.of(new String(head, 2, end - 2, StandardCharsets.UTF_8));
    }

    private static int indexOfBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
