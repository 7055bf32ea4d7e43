package launcher.app.pty;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command in a pseudo-terminal and relays the host terminal to it both ways until it
 * exits.
 *
 * <p>The host terminal is in raw mode while the command runs, so Ctrl-C reaches the command as
 * the byte {@code 0x03} and its own terminal turns it into {@code SIGINT}. The terminal settings
 * are restored when the command exits, when starting it fails, and from a shutdown hook when
 * the launcher itself gets {@code SIGTERM} or {@code SIGHUP}. In that last case the hook also
 * ends the command and then calls the session's {@code onInterrupt} action.
 */
public final class PtySession {

    private static final Logger LOG = LoggerFactory.getLogger(PtySession.class);

    /**
     * The system property that names a folder holding {@code linux/x86-64/libpty.so}, so that
     * pty4j loads its native library from there instead of extracting a copy on every start.
     */
    public static final String NATIVE_FOLDER_PROPERTY = "pty4j.preferred.native.folder";

    /** The terminal type that the command gets when the launcher's environment sets none. */
    public static final String DEFAULT_TERM = "xterm-256color";

    /**
     * The largest length that one read of standard input, or of pty4j's stream where
     * {@link PtyOutput} cannot be used, requests. A pty delivers about 4 KiB per read, and
     * pty4j's stream allocates an array of the requested length for every read, so a larger
     * request only makes each read more costly.
     */
    private static final int BUFFER_SIZE = 8 * 1024;

    /** The pty's default EOF character, Ctrl-D, which a reader in canonical mode gets as EOF. */
    private static final int EOF_CHARACTER = 0x04;

    /** How long the output may keep coming after the command exits, from its own children. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

    /** How long the shutdown hook waits for the command to end after it was asked to. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

    private final PtyProcessBuilder builder;
    private final Runnable onInterrupt;

    /**
     * Describes a session.
     *
     * @param command the executable and its arguments
     * @param directory the working directory of the command
     * @param environment the whole environment of the command; {@code TERM} is set to
     *     {@value #DEFAULT_TERM} when it has none
     * @param onInterrupt the action to run after the command was ended because the launcher got
     *     a signal to stop. It runs in a shutdown hook, so it must be quick and must not call
     *     {@link System#exit(int)}.
     * @throws LinkageError when pty4j or a library that it needs cannot be loaded. The
     *     constructor loads them, so a caller finds out before it changes anything.
     */
    public PtySession(
            List<String> command, Path directory, Map<String, String> environment,
            Runnable onInterrupt) {
        Objects.requireNonNull(directory, "directory");
        Map<String, String> withTerm = new LinkedHashMap<>(environment);
        String term = withTerm.get("TERM");
        if (term == null || term.isBlank()) {
            withTerm.put("TERM", DEFAULT_TERM);
        }
        this.builder = new PtyProcessBuilder(List.copyOf(command).toArray(String[]::new))
                .setDirectory(directory.toString())
                .setEnvironment(withTerm)
                .setConsole(false)
                .setRedirectErrorStream(true)
                .setUnixOpenTtyToPreserveOutputAfterTermination(true);
        this.onInterrupt = Objects.requireNonNull(onInterrupt, "onInterrupt");
    }

    /**
     * Starts the command, relays the terminal until the command exits and its output has
     * drained, and returns its exit code: 128+N when signal N ended it.
     *
     * @throws IOException when the command cannot be started
     */
    public int run(HostTerminal terminal) throws IOException {
        HostTerminal.WindowSize size = terminal.size();
        builder.setInitialColumns(size.columns()).setInitialRows(size.rows());

        Guard guard = new Guard(terminal);
        PtyOutput direct = null;
        PtyInput polledInput = null;
        Thread output = null;
        Thread hook = new Thread(guard::stopFromHook, "launcher-pty-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            terminal.enterRawMode();
            PtyProcess process = builder.start();
            guard.started(process);
            // NOTE: pty4j 0.13.12 on Linux sets the initial size only after the child started, so
            // a child that reads its size at once can see 0x0. The size change sends it SIGWINCH,
            // which interactive CLIs handle; setting the size again here narrows the window.
            resize(process, size);
            LOG.debug("Started the CLI in a pty of {}x{}, pid {}",
                    size.columns(), size.rows(), process.pid());

            terminal.onResize(newSize -> resize(process, newSize));
            // Requested even when PtyOutput reads the master, because pty4j's destroy() closes
            // the whole pty, which the input relay still writes to, when this stream was never
            // requested.
            InputStream ptyOutput = process.getInputStream();
            direct = PtyOutput.open(process).orElse(null);
            // NOTE: the tests run on Linux, where pty4j's stream is used only when JNA cannot
            // bind the C library, so that path is not tested.
            output = direct == null
                    ? relay("launcher-pty-output", ptyOutput, terminal.output())
                    : relayDirect(direct, terminal.output());
            polledInput = PtyInput.open(terminal.input()).orElse(null);
            Thread input = relayInput(terminal.input(), polledInput, process.getOutputStream(),
                    !terminal.isTerminal());
            // A daemon thread, so that a relay still blocked in a read or a write does not keep
            // the JVM alive.
            input.setDaemon(true);
            output.start();
            input.start();

            int status = process.waitFor();
            if (polledInput != null) {
                polledInput.stop();
            }
            if (direct != null) {
                direct.endAfterDrain();
            }
            output.join(DRAIN_TIMEOUT);
            if (output.isAlive()) {
                LOG.debug("The pty output did not end within {} after the CLI exited",
                        DRAIN_TIMEOUT);
            }
            guard.finished();
            LOG.debug("The CLI exited with status {}", status);
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the CLI was running");
        } finally {
            // A relay that is still running closes its descriptors itself when it ends.
            if (direct != null && (output == null || !output.isAlive())) {
                direct.close();
            }
            if (polledInput != null) {
                polledInput.stop();
            }
            guard.finished();
            terminal.restore();
            removeHook(hook);
        }
    }

    private static void resize(PtyProcess process, HostTerminal.WindowSize size) {
        try {
            process.setWinSize(new WinSize(size.columns(), size.rows()));
            LOG.debug("Resized the pty to {}x{}", size.columns(), size.rows());
        } catch (RuntimeException e) {
            LOG.debug("Cannot resize the pty to {}x{}", size.columns(), size.rows(), e);
        }
    }

    private static Thread relayDirect(PtyOutput from, OutputStream to) {
        return new Thread(() -> {
            try {
                from.relayTo(to);
            } catch (IOException e) {
                LOG.debug("Relay launcher-pty-output ended: {}", e.toString());
            }
        }, "launcher-pty-output");
    }

    /** Returns a thread that copies {@code from} to {@code to} until {@code from} ends. */
    private static Thread relay(String name, InputStream from, OutputStream to) {
        return new Thread(() -> {
            try {
                copy(from, to);
            } catch (IOException e) {
                // A pty reports the end of the command's output as an I/O error (EIO) on Linux.
                LOG.debug("Relay {} ended: {}", name, e.toString());
            }
        }, name);
    }

    /**
     * Copies {@code from} to {@code to}, flushing after every read, until {@code from} ends, and
     * returns the last byte copied, or a newline when there was none.
     */
    private static byte copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        byte last = '\n';
        int count;
        while ((count = from.read(buffer)) >= 0) {
            if (count > 0) {
                to.write(buffer, 0, count);
                to.flush();
                last = buffer[count - 1];
            }
        }
        return last;
    }

    /**
     * Copies standard input to the pty until it ends, then sends the EOF character once when
     * {@code sendEof} is set. A newline goes first unless the last byte sent was one, because
     * a reader in canonical mode gets EOF only from a Ctrl-D at the start of a line.
     *
     * <p>{@code polled}, when not null, reads {@code from}'s file descriptor and stops without
     * reading once the CLI has exited. Otherwise {@code from} is read as a stream: off Linux,
     * when {@code from} is not standard input, or when JNA cannot bind the C library.
     * NOTE: that fallback stays blocked in a read after the CLI exits, so it takes what the
     * user types until the launcher exits, and the shell never gets it.
     */
    private static Thread relayInput(
            InputStream from, PtyInput polled, OutputStream to, boolean sendEof) {
        return new Thread(() -> {
            try {
                Optional<Byte> last = polled == null
                        ? Optional.of(copy(from, to))
                        : polled.relayTo(to);
                if (sendEof && last.isPresent()) {
                    LOG.debug("Standard input ended: sending EOF to the CLI");
                    if (last.get() != '\n') {
                        to.write('\n');
                    }
                    to.write(EOF_CHARACTER);
                    to.flush();
                }
            } catch (IOException e) {
                LOG.debug("Relay of standard input ended: {}", e.toString());
            }
        }, "launcher-pty-input");
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            LOG.debug("The launcher is shutting down; the shutdown hook stays");
        }
    }

    /** The state that the main thread and the shutdown hook share. */
    private final class Guard {

        private final HostTerminal terminal;
        private PtyProcess process;
        private boolean finished;

        Guard(HostTerminal terminal) {
            this.terminal = terminal;
        }

        synchronized void started(PtyProcess started) {
            process = started;
        }

        synchronized void finished() {
            finished = true;
        }

        /** Ends the command, restores the terminal and runs the interrupt action, once. */
        void stopFromHook() {
            PtyProcess running;
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
                running = process;
            }
            if (running != null && running.isAlive()) {
                LOG.debug("The launcher is stopping: ending the CLI, pid {}", running.pid());
                running.destroy();
                try {
                    if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                        running.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            terminal.restore();
            onInterrupt.run();
        }
    }
}
