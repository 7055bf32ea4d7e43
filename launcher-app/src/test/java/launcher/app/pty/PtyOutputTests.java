package launcher.app.pty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.sun.jna.Memory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The relay only guards against hanging with the timeout; no test measures its speed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PtyOutputTests {

    /** {@code F_SETFL} and {@code O_NONBLOCK} of Linux. */
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;

    /** {@code F_SETPIPE_SZ} of Linux: a one-page pipe fills after a single chunk. */
    private static final int F_SETPIPE_SZ = 1031;

    /**
     * One new thread per task: the common pool may have a single thread on a small machine,
     * and the relay and the reader of its pipe must run at the same time.
     */
    private static final Executor THREADS = task -> new Thread(task).start();

    @TempDir
    Path directory;

    private PtyProcess process;

    @BeforeEach
    void requireLinux() {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(System.getProperty("os.name", "").startsWith("Linux"),
                    "the pty is read with read(2) on Linux only");
        }
    }

    @AfterEach
    void endProcess() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** Starts {@code script} in a pty as a session does, and opens the relay of its output. */
    private PtyOutput start(String script, boolean keepSlaveOpen) throws IOException {
        process = new PtyProcessBuilder(new String[] {"/bin/sh", "-c", script})
                .setDirectory(directory.toString())
                .setEnvironment(Map.of("PATH", System.getenv("PATH"), "TERM", "dumb"))
                .setConsole(false)
                .setRedirectErrorStream(true)
                .setUnixOpenTtyToPreserveOutputAfterTermination(keepSlaveOpen)
                .start();
        process.getInputStream();
        Optional<PtyOutput> output = PtyOutput.open(process);
        assertTrue(output.isPresent(), "the relay with read(2) cannot be set up");
        return output.get();
    }

    private PtyOutput start(String script) throws IOException {
        return start(script, true);
    }

    /** Relays in another thread until the command exits and the pty is drained. */
    private byte[] relayUntilExit(PtyOutput output) throws Exception {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        CompletableFuture<Void> relay =
                CompletableFuture.runAsync(() -> relay(output, copy), THREADS);
        process.waitFor();
        output.endAfterDrain();
        relay.get();
        return copy.toByteArray();
    }

    private static void relay(PtyOutput output, OutputStream to) {
        try {
            output.relayTo(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] lines(int count) {
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            expected.append(i).append("\r\n");
        }
        return expected.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Nested
    class WhenCommandWritesMuch {

        @Test
        void relaysEveryByteToStream() throws Exception {
            byte[] copy = relayUntilExit(start("seq 1 200000"));

            assertArrayEquals(lines(200_000), copy);
        }

        @Test
        void relaysEveryByteToDescriptor() throws Exception {
            byte[] copy = relayToPipe(start("seq 1 200000"), false);

            assertArrayEquals(lines(200_000), copy);
        }

        @Test
        void waitsWhileNonBlockingPipeIsFull() throws Exception {
            byte[] copy = relayToPipe(start("seq 1 200000"), true);

            assertArrayEquals(lines(200_000), copy);
        }

        /**
         * Relays into a new pipe that the test reads through {@code /proc/self/fd}, slowly, so
         * that the pipe fills. With {@code nonBlocking} a full pipe fails the write with
         * {@code EAGAIN}, which the relay must wait out.
         */
        private byte[] relayToPipe(PtyOutput output, boolean nonBlocking) throws Exception {
            int[] pipe = new int[2];
            LibC.pipe2(pipe, LibC.O_CLOEXEC);
            try {
                LibC.fcntl(pipe[1], F_SETPIPE_SZ, 4096);
                if (nonBlocking) {
                    LibC.fcntl(pipe[1], F_SETFL, O_NONBLOCK);
                }
                CompletableFuture<byte[]> reader =
                        CompletableFuture.supplyAsync(() -> readSlowly(pipe[0]), THREADS);
                CompletableFuture<Void> relay = CompletableFuture.runAsync(() -> {
                    try {
                        output.relayTo(pipe[1]);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, THREADS);
                process.waitFor();
                output.endAfterDrain();
                relay.get();
                LibC.close(pipe[1]);
                pipe[1] = -1;
                return reader.get();
            } finally {
                LibC.close(pipe[0]);
                if (pipe[1] >= 0) {
                    LibC.close(pipe[1]);
                }
            }
        }

        private static byte[] readSlowly(int fd) {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(Path.of("/proc/self/fd/" + fd))) {
                byte[] buffer = new byte[512];
                int count;
                while ((count = in.read(buffer)) >= 0) {
                    copy.write(buffer, 0, count);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return copy.toByteArray();
        }
    }

    @Nested
    class WhenCommandExits {

        @Test
        void endsThoughSlaveStaysOpen() throws Exception {
            byte[] copy = relayUntilExit(start("printf done; exit 3"));

            assertEquals(3, process.exitValue());
            assertEquals("done", new String(copy, StandardCharsets.US_ASCII));
        }

        @Test
        void readsOutputLeftAfterExit() throws Exception {
            PtyOutput output = start("printf 'last words'");
            process.waitFor();
            output.endAfterDrain();

            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            output.relayTo(copy);

            assertEquals("last words", copy.toString(StandardCharsets.US_ASCII));
        }

        @Test
        void endsWhenNothingWasWritten() throws Exception {
            byte[] copy = relayUntilExit(start("exit 0"));

            assertEquals(0, copy.length);
        }

        @Test
        void endsWhenSlaveCloses() throws IOException {
            PtyOutput output = start("printf closed", false);

            // No endAfterDrain: the read fails with EIO once the command closed the slave.
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            output.relayTo(copy);

            assertEquals("closed", copy.toString(StandardCharsets.US_ASCII));
        }
    }

    @Nested
    class WhenRelayWasClosed {

        /**
         * Opens pipes that are likely to get the numbers of the relay's closed descriptors:
         * a wake-up sent after the close must reach none of them.
         */
        @Test
        void sendsNoWakeUpAfterClose() throws Exception {
            PtyOutput output = start("exit 0");
            relayUntilExit(output);
            int[][] pipes = new int[3][2];
            try {
                for (int[] pipe : pipes) {
                    LibC.pipe2(pipe, LibC.O_CLOEXEC);
                }

                output.endAfterDrain();

                for (int[] pipe : pipes) {
                    assertFalse(isReadable(pipe[0]), "a wake-up reached a new pipe");
                }
            } finally {
                for (int[] pipe : pipes) {
                    for (int fd : pipe) {
                        if (fd > 0) {
                            LibC.close(fd);
                        }
                    }
                }
            }
        }

        private static boolean isReadable(int fd) {
            try (Memory pollFd = new Memory(LibC.POLLFD_SIZE)) {
                pollFd.setInt(0, fd);
                pollFd.setShort(LibC.POLLFD_EVENTS, LibC.POLLIN);
                pollFd.setShort(LibC.POLLFD_REVENTS, (short) 0);
                return LibC.poll(pollFd, 1, 0) > 0;
            }
        }
    }
}
