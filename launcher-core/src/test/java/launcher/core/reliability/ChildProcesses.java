package launcher.core.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts child JVMs that run a test class's {@code main} on this JVM's class path, tuned to
 * start quickly because the harness starts hundreds of them.
 */
final class ChildProcesses {

    /**
     * Options that shorten the start of a child JVM: C1 only, the serial collector and no
     * performance-data file in {@code /tmp}.
     */
    private static final List<String> QUICK_START = List.of(
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto");

    private ChildProcesses() {
    }

    /** Returns the command line that runs {@code mainClass} with {@code arguments}. */
    static List<String> command(Class<?> mainClass, String... arguments) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(QUICK_START);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Starts {@code mainClass} with stderr merged into stdout. */
    static Process start(Class<?> mainClass, String... arguments) throws IOException {
        return new ProcessBuilder(command(mainClass, arguments))
                .redirectErrorStream(true)
                .start();
    }

    /**
     * Reads the first line that a child prints, byte by byte so that nothing after it is
     * consumed, or returns what came before the end of the stream.
     */
    static String readLine(InputStream output) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = output.read(); next != -1 && next != '\n'; next = output.read()) {
            line.append((char) next);
        }
        return line.toString();
    }

    /** Returns everything that a finished child printed. */
    static String remainingOutput(Process child) throws IOException {
        return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
