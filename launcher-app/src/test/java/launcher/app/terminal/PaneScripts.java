package launcher.app.terminal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import launcher.app.TerminalFixtures;

/**
 * Shell scripts for tmux panes that start a Java main class of this module as a real child
 * process on the class path from {@code target/}, and record around it the terminal settings
 * ({@code stty -g}) and its exit code.
 */
final class PaneScripts {

    private final Path folder;

    PaneScripts(Path folder) {
        this.folder = folder;
    }

    Path before() {
        return folder.resolve("stty-before.txt");
    }

    Path after() {
        return folder.resolve("stty-after.txt");
    }

    Path exitCodeFile() {
        return folder.resolve("exit-code.txt");
    }

    /** Returns the exit code that the pane recorded, once it has. */
    Optional<Integer> exitCode() {
        try {
            return Files.exists(exitCodeFile())
                    ? Optional.of(Integer.parseInt(Files.readString(exitCodeFile()).strip()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes a script that runs {@code mainClass} with {@code arguments} in {@code directory}. */
    Path javaMain(Path directory, String mainClass, List<String> arguments) throws IOException {
        return javaMain(directory, Map.of(), mainClass, arguments);
    }

    /**
     * Writes a script that runs {@code mainClass} with {@code arguments} in {@code directory},
     * with {@code variables} added to the pane's environment.
     */
    Path javaMain(Path directory, Map<String, String> variables, String mainClass,
            List<String> arguments) throws IOException {
        return javaMain(directory, variables, mainClass, arguments, "");
    }

    /**
     * Writes a script as {@link #javaMain(Path, Map, String, List)} does, which runs the shell
     * commands {@code afterwards} once it has recorded the exit code.
     */
    Path javaMain(Path directory, Map<String, String> variables, String mainClass,
            List<String> arguments, String afterwards) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(TerminalFixtures.nativeFolderOptions());
        command.addAll(List.of("-cp", TerminalFixtures.classPath(), mainClass));
        command.addAll(arguments);

        StringBuilder exports = new StringBuilder();
        new TreeMap<>(variables).forEach((name, value) -> exports
                .append("export ").append(name).append('=').append(quote(value)).append('\n'));
        String script = exports + "cd " + quote(directory.toString()) + "\n"
                + "stty -g > " + quote(before().toString()) + "\n"
                + String.join(" ", command.stream().map(PaneScripts::quote).toList()) + "\n"
                + "code=$?\n"
                + "stty -g > " + quote(after().toString()) + "\n"
                + "echo $code > " + quote(exitCodeFile() + ".tmp") + "\n"
                + "mv " + quote(exitCodeFile() + ".tmp") + " " + quote(exitCodeFile().toString())
                + "\n"
                + afterwards
                // Keeps the pane, and so its screen, until the test kills the tmux server.
                + "exec sleep 600\n";
        return Files.writeString(folder.resolve("pane.sh"), script);
    }

    /** Writes an executable shell script. */
    Path executable(String name, String body) throws IOException {
        Path file = Files.writeString(folder.resolve(name), "#!/bin/sh\n" + body);
        file.toFile().setExecutable(true);
        return file;
    }

    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
