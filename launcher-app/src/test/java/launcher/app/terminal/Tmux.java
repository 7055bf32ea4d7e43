package launcher.app.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A private tmux server, on a socket of its own, that runs one pane: a real terminal for tests.
 * Closing it kills the server and everything that still runs in it.
 */
final class Tmux implements AutoCloseable {

    /** How long a pane may take to show what a test waits for; a ceiling, not a measurement. */
    private static final Duration WAIT_LIMIT = Duration.ofSeconds(60);

    private static final String SESSION = "test";

    private final Path executable;
    private final String socketName = "launcher-test-" + UUID.randomUUID();
    private Path socket;

    private Tmux(Path executable) {
        this.executable = executable;
    }

    /**
     * Returns a server on a new socket; skips the test when tmux is missing, unless the
     * environment variable {@code CI} is {@code true}, where tmux must be installed.
     */
    static Tmux start() {
        Path found = findOnPath("tmux");
        if (found == null && "true".equals(System.getenv("CI"))) {
            fail("tmux is not installed, but CI=true requires it for the terminal tests");
        }
        assumeTrue(found != null, "tmux is not installed");
        return new Tmux(found);
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String folder : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Starts the pane with the given size, running {@code script} with {@code /bin/sh}. */
    void open(int columns, int rows, Path script) throws IOException, InterruptedException {
        run("-f", "/dev/null", "new-session", "-d", "-s", SESSION,
                "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                "/bin/sh " + script);
        socket = Path.of(run("display-message", "-p", "#{socket_path}").strip());
    }

    /** Appends every byte that programs write to the pane from now on to {@code file}. */
    void pipeOutput(Path file) throws IOException, InterruptedException {
        run("pipe-pane", "-t", SESSION, "cat >> " + PaneScripts.quote(file.toString()));
    }

    /** Resizes the pane's window, which sends {@code SIGWINCH} to the program in it. */
    void resize(int columns, int rows) throws IOException, InterruptedException {
        run("resize-window", "-t", SESSION, "-x", Integer.toString(columns),
                "-y", Integer.toString(rows));
    }

    /** Types into the pane; tmux key names such as {@code Enter} or {@code C-c} are keys. */
    void sendKeys(String... keys) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("send-keys", "-t", SESSION));
        arguments.addAll(List.of(keys));
        run(arguments.toArray(String[]::new));
    }

    /** Returns the settings of the pane's terminal, as {@code stty -g} in the pane prints them. */
    String terminalSettings() throws IOException, InterruptedException {
        String device = run("display-message", "-p", "-t", SESSION, "#{pane_tty}").strip();
        Process process = new ProcessBuilder("stty", "-F", device, "-g")
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "stty -F " + device + " -g:\n" + output);
        return output;
    }

    /** Returns the text on the pane's screen. */
    String screen() throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-t", SESSION);
    }

    /** Waits until the screen shows {@code text}, and fails with the screen when it never does. */
    void waitForScreen(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (screen().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("The pane never showed '" + text + "'. Screen:\n" + screen());
    }

    /** Waits until {@code condition} holds, and fails with the screen when it never does. */
    void waitFor(String description, BooleanSupplier condition)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("Timed out waiting for " + description + ". Screen:\n" + screen());
    }

    private String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-L", socketName));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "tmux " + String.join(" ", arguments) + ":\n" + output);
        return output;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        List<String> command = List.of(executable.toString(), "-L", socketName, "kill-server");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        process.getInputStream().readAllBytes();
        process.waitFor();
        if (socket != null) {
            // tmux 3.3 leaves the socket file behind after kill-server.
            Files.deleteIfExists(socket);
        }
    }
}
