package launcher.app.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import launcher.app.Main;
import launcher.app.TerminalFixtures;
import launcher.core.store.StoreLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a real child JVM whose standard input is a pipe, so that it relays standard
 * input with {@code poll(2)} rather than from a stream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LauncherPipeTests {

    @TempDir
    Path folder;

    TerminalFixtures fixtures;
    Path errors;

    @BeforeEach
    void prepare() throws IOException, InterruptedException {
        fixtures = TerminalFixtures.withAccountAndWorktree(folder.resolve("launcher"));
        errors = folder.resolve("stderr.txt");
    }

    /** Returns a launcher process that starts {@code cli} with the arguments {@code extra}. */
    private ProcessBuilder launcher(Path cli, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(TerminalFixtures.nativeFolderOptions());
        command.addAll(List.of("-cp", TerminalFixtures.classPath(), Main.class.getName(),
                "--provider", "testcli", "--account", "work",
                "--worktree", fixtures.worktree().toString(), "--executable", cli.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(fixtures.workingDirectory().toFile())
                .redirectError(errors.toFile());
        builder.environment().putAll(fixtures.variables());
        return builder;
    }

    private Path executable(String name, String body) throws IOException {
        Path file = Files.writeString(folder.resolve(name), "#!/bin/sh\n" + body);
        assertTrue(file.toFile().setExecutable(true));
        return file;
    }

    private String errors() throws IOException {
        return Files.exists(errors) ? Files.readString(errors) : "";
    }

    private static void await(String description, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "Timed out waiting for " + description);
            Thread.sleep(50);
        }
    }

    /** Returns whether the launcher has logged, with {@code --verbose}, that the CLI exited. */
    private boolean cliHasExited() {
        try {
            return errors().contains("The CLI exited with status 0");
        } catch (IOException e) {
            return false;
        }
    }

    /** Without the EOF that the launcher sends, {@code cat} would wait for input forever. */
    @Test
    void catExitsWhenPipedInputEnds() throws IOException, InterruptedException {
        Path output = folder.resolve("stdout.txt");
        Process process = launcher(Path.of("/bin/cat")).redirectOutput(output.toFile()).start();
        try {
            process.getOutputStream().write("piped line\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            boolean exited = process.waitFor(30, TimeUnit.SECONDS);

            assertTrue(exited, "the launcher still runs after its input ended: " + errors());
            assertEquals(0, process.exitValue(), errors());
            assertTrue(Files.readString(output).contains("piped line"), Files.readString(output));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void bytesAfterCliExitStayInPipe() throws IOException, InterruptedException {
        Path ready = folder.resolve("ready");
        Path go = folder.resolve("go");
        Path cli = executable("testcli.sh", """
                touch '%s'
                while [ ! -e '%s' ]; do sleep 0.05; done
                """.formatted(ready, go));
        Path fifo = folder.resolve("stdin.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        byte[] typed = "typed after exit\n".getBytes(StandardCharsets.UTF_8);

        // Opened for reading and writing, so that the pipe has a writer while the launcher
        // runs and this test can count what is left in it afterwards.
        try (RandomAccessFile pipe = new RandomAccessFile(fifo.toFile(), "rw");
                FileInputStream leftover = new FileInputStream(pipe.getFD())) {
            Process process = launcher(cli, "--verbose", "--lock-timeout", "60")
                    .redirectInput(fifo.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                await("the CLI to start", () -> Files.exists(ready));
                // Holding the store's lock keeps the launcher waiting in its read-back, after
                // the CLI exited, while the bytes are written.
                try (StoreLock _ = fixtures.lockStore()) {
                    Files.createFile(go);
                    await("the CLI to exit", this::cliHasExited);
                    pipe.write(typed);
                }
                boolean exited = process.waitFor(30, TimeUnit.SECONDS);

                assertTrue(exited, "the launcher did not exit: " + errors());
                assertEquals(0, process.exitValue(), errors());
                assertEquals(typed.length, leftover.available(),
                        "the launcher read bytes written after the CLI exited");
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
