package launcher.app.pty;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay of standard input on Linux, which reads with {@code poll(2)} and {@code read(2)},
 * so that it can be stopped without taking another byte.
 *
 * <p>A thread blocked in a plain read of standard input takes the next key the user types even
 * after the CLI has exited, and that key is then lost to the shell. This relay waits in
 * {@code poll(2)} on standard input and on a wake-up pipe, reads only after poll reports
 * standard input readable, and returns without reading once {@link #stop()} has written to the
 * pipe.
 */
final class PtyInput {

    private static final Logger LOG = LoggerFactory.getLogger(PtyInput.class);

    /** The size of the native buffer: one read of a terminal returns at most about 4 KiB. */
    static final int BUFFER_SIZE = 8 * 1024;

    private static final int STANDARD_INPUT = 0;

    private final WakePipe wake;
    private final Memory buffer = new Memory(BUFFER_SIZE);
    private final Memory pollFds = new Memory(2L * LibC.POLLFD_SIZE);
    private boolean closed;

    private PtyInput(WakePipe wake) {
        this.wake = wake;
    }

    /**
     * Returns a reader of standard input, or empty when the platform is not Linux, {@code in}
     * is not a {@link FileInputStream} of {@link FileDescriptor#in}, or the native calls cannot
     * be set up. In those cases {@code in} must be read as a plain stream.
     */
    static Optional<PtyInput> open(InputStream in) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.empty();
        }
        if (!isStandardInput(in)) {
            LOG.debug("The input is a {}, not standard input: reading it as a stream",
                    in.getClass().getName());
            return Optional.empty();
        }
        try {
            LibC.link();
            return Optional.of(new PtyInput(WakePipe.open()));
        } catch (LinkageError | LastErrorException e) {
            LOG.debug("Cannot poll standard input: reading it as a stream", e);
            return Optional.empty();
        }
    }

    /**
     * Copies standard input to {@code to}, flushing after every read, until it ends or
     * {@link #stop()} is called, then closes the pipe and frees the buffers.
     *
     * @return the last byte copied, or a newline when there was none, when standard input
     *     ended, or empty when the relay was stopped
     * @throws IOException when writing fails or standard input reports an error
     */
    Optional<Byte> relayTo(OutputStream to) throws IOException {
        try {
            return relay(to);
        } finally {
            close();
        }
    }

    /**
     * Makes the relay return without reading again. Call it once the CLI has exited. Safe to
     * call from another thread, more than once, and after the relay ended.
     */
    void stop() {
        if (!wake.wake()) {
            LOG.debug("Cannot wake the relay of standard input: it takes one more read");
        }
    }

    /** Closes the pipe and frees the buffers, once. */
    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        wake.close();
        buffer.close();
        pollFds.close();
    }

    private Optional<Byte> relay(OutputStream to) throws IOException {
        byte[] chunk = new byte[BUFFER_SIZE];
        byte last = '\n';
        pollFds.setInt(0, STANDARD_INPUT);
        pollFds.setShort(LibC.POLLFD_EVENTS, LibC.POLLIN);
        pollFds.setInt(LibC.POLLFD_SIZE, wake.readEnd());
        pollFds.setShort(LibC.POLLFD_SIZE + LibC.POLLFD_EVENTS, LibC.POLLIN);
        while (true) {
            short events = poll();
            // The wake-up wins over input that came at the same time, which is left for the
            // next reader. NOTE: input that arrives after the CLI exited but before the main
            // thread calls stop(), when waitFor() returns, is still read, and the exited CLI's
            // pty swallows it.
            if (pollFds.getShort(LibC.POLLFD_SIZE + LibC.POLLFD_REVENTS) != 0) {
                LOG.debug("The CLI exited: standard input is no longer read");
                return Optional.empty();
            }
            if ((events & LibC.POLLNVAL) != 0) {
                throw new IOException("Standard input (file descriptor 0) is not open");
            }
            long count = read();
            if (count < 0) {
                return Optional.of(last);
            }
            if (count > 0) {
                buffer.read(0, chunk, 0, (int) count);
                to.write(chunk, 0, (int) count);
                to.flush();
                last = chunk[(int) count - 1];
            }
        }
    }

    /**
     * Waits without a time limit for standard input or the wake-up, and returns the events of
     * standard input.
     */
    private short poll() throws IOException {
        // poll(2) sets every revents that it is given, so they need no reset in between.
        while (true) {
            try {
                LibC.poll(pollFds, 2, -1);
                return pollFds.getShort(LibC.POLLFD_REVENTS);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR) {
                    throw new IOException(
                            "poll(2) on standard input failed: " + e.getMessage(), e);
                }
            }
        }
    }

    /** Reads one chunk into {@link #buffer}: its length, 0 for none yet, or -1 at the end. */
    private long read() throws IOException {
        try {
            long count = LibC.read(STANDARD_INPUT, buffer, BUFFER_SIZE);
            return count == 0 ? -1 : count;
        } catch (LastErrorException e) {
            return switch (e.getErrorCode()) {
                case LibC.EINTR, LibC.EAGAIN -> 0;
                default -> throw new IOException(
                        "read(2) of standard input failed: " + e.getMessage(), e);
            };
        }
    }

    private static boolean isStandardInput(InputStream in) {
        try {
            return in instanceof FileInputStream file && file.getFD() == FileDescriptor.in;
        } catch (IOException e) {
            return false;
        }
    }
}
