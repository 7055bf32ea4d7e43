package launcher.app.pty;

import com.pty4j.PtyProcess;
import com.pty4j.unix.UnixPtyProcess;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of a pty on Linux, copied from the master file descriptor with {@code poll(2)},
 * {@code read(2)} and, when the destination is standard output, {@code write(2)}, through one
 * native buffer that every read reuses.
 *
 * <p>pty4j's input stream allocates an array for each read, polls through a JNA interface proxy
 * with new {@code Structure} objects, and copies the bytes twice, which kept the relay of a
 * large output at 0.3 to 0.5 of the throughput of {@code script} ({@code
 * benchmarks/pty-relay.sh}). Here a chunk costs the same three system calls as in pty4j and no
 * allocation.
 *
 * <p>The relay owns a duplicate of the master descriptor, so pty4j closing its own copy cannot
 * leave the relay reading a number that the process has since reused. pty4j keeps the slave
 * side open after the command exits, so the master does not report the end by itself: after
 * {@link #endAfterDrain()} the relay reads what is left and stops at the first moment that
 * the pty has nothing to read, as pty4j's stream does.
 */
final class PtyOutput {

    private static final Logger LOG = LoggerFactory.getLogger(PtyOutput.class);

    /**
     * The size of the native buffer. A read of a Linux pty returns at most about 4 KiB while the
     * reader keeps up, and more when it falls behind, so a larger buffer lets it catch up.
     */
    static final int BUFFER_SIZE = 64 * 1024;

    private static final int STANDARD_OUTPUT = 1;

    private final int master;
    private final WakePipe wake;
    private final Memory buffer = new Memory(BUFFER_SIZE);
    private final Memory pollFds = new Memory(2L * LibC.POLLFD_SIZE);
    private boolean closed;

    private PtyOutput(int master, WakePipe wake) {
        this.master = master;
        this.wake = wake;
    }

    /**
     * Returns a reader of the process's pty output, or empty when the platform is not Linux,
     * the process is not one of pty4j's Unix processes, or the native calls cannot be set up.
     * In those cases pty4j's own stream must be used.
     */
    static Optional<PtyOutput> open(PtyProcess process) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.empty();
        }
        if (!(process instanceof UnixPtyProcess unix)) {
            LOG.debug("The pty process is a {}: reading its output through pty4j",
                    process.getClass().getName());
            return Optional.empty();
        }
        int ptyMaster = unix.getPty().getMasterFD();
        if (ptyMaster < 0) {
            LOG.debug("pty4j reports no master file descriptor: reading the pty through it");
            return Optional.empty();
        }
        try {
            LibC.link();
            return Optional.of(open(ptyMaster));
        } catch (LinkageError | LastErrorException e) {
            LOG.debug("Cannot read the pty with read(2): reading it through pty4j", e);
            return Optional.empty();
        }
    }

    private static PtyOutput open(int ptyMaster) {
        WakePipe wake = WakePipe.open();
        try {
            int master = LibC.fcntl(ptyMaster, LibC.F_DUPFD_CLOEXEC, 0);
            return new PtyOutput(master, wake);
        } catch (LastErrorException e) {
            wake.close();
            throw e;
        }
    }

    /**
     * Copies the pty's output to {@code to} until it ends, then closes the descriptors and the
     * buffers. The output ends when a read returns 0 or fails with {@code EIO} (the slave side
     * was closed), or, after {@link #endAfterDrain()}, when nothing is left to read. A
     * {@link FileOutputStream} of {@link FileDescriptor#out} is written with {@code write(2)}
     * straight from the native buffer; any other stream gets each chunk as an array and a flush.
     *
     * @throws IOException when writing fails or the pty reports an error other than its end
     */
    void relayTo(OutputStream to) throws IOException {
        try {
            if (isStandardOutput(to)) {
                relay(STANDARD_OUTPUT, null);
            } else {
                relay(-1, to);
            }
        } finally {
            close();
        }
    }

    /** Copies the output to the file descriptor {@code fd}, as for standard output. */
    void relayTo(int fd) throws IOException {
        try {
            relay(fd, null);
        } finally {
            close();
        }
    }

    /**
     * Tells the relay that the command has exited, so it stops once the pty has nothing left to
     * read. Safe to call from another thread, more than once, and after the relay ended.
     */
    void endAfterDrain() {
        if (!wake.wake()) {
            LOG.debug("Cannot wake the pty output relay: it ends when the pty closes");
        }
    }

    /** Closes the descriptors and frees the buffers, once; the relay must not be running. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LibC.closeQuietly(master);
        wake.close();
        buffer.close();
        pollFds.close();
    }

    private void relay(int fd, OutputStream stream) throws IOException {
        byte[] chunk = stream == null ? null : new byte[BUFFER_SIZE];
        pollFds.setInt(0, master);
        pollFds.setShort(LibC.POLLFD_EVENTS, LibC.POLLIN);
        pollFds.setInt(LibC.POLLFD_SIZE, wake.readEnd());
        pollFds.setShort(LibC.POLLFD_SIZE + LibC.POLLFD_EVENTS, LibC.POLLIN);
        boolean exited = false;
        while (true) {
            // After the wake-up only the master is watched, without waiting.
            short events = poll(exited ? 1 : 2, exited ? 0 : -1);
            if (events == 0) {
                if (exited) {
                    LOG.debug("The CLI exited and its pty has no output left");
                    return;
                }
                exited = pollFds.getShort(LibC.POLLFD_SIZE + LibC.POLLFD_REVENTS) != 0;
                continue;
            }
            if ((events & LibC.POLLNVAL) != 0) {
                throw new IOException("The pty's master file descriptor " + master
                        + " was closed while its output was relayed");
            }
            long count = read();
            if (count < 0) {
                return;
            }
            if (stream == null) {
                writeFully(fd, count);
            } else {
                buffer.read(0, chunk, 0, (int) count);
                stream.write(chunk, 0, (int) count);
                stream.flush();
            }
        }
    }

    /**
     * Waits for the first {@code count} descriptors of {@link #pollFds}, at most
     * {@code timeoutMillis} (-1 for no limit), and returns the events of the master: 0 when
     * it has none, because only the wake-up came or the time ran out.
     */
    private short poll(int count, int timeoutMillis) throws IOException {
        // poll(2) sets every revents that it is given, so they need no reset in between.
        while (true) {
            try {
                LibC.poll(pollFds, count, timeoutMillis);
                return pollFds.getShort(LibC.POLLFD_REVENTS);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR) {
                    throw new IOException("poll(2) on the pty failed: " + e.getMessage(), e);
                }
            }
        }
    }

    /** Reads one chunk into {@link #buffer}: its length, 0 for none yet, or -1 at the end. */
    private long read() throws IOException {
        try {
            long count = LibC.read(master, buffer, BUFFER_SIZE);
            if (count == 0) {
                LOG.debug("The pty's output ended");
                return -1;
            }
            return count;
        } catch (LastErrorException e) {
            return switch (e.getErrorCode()) {
                case LibC.EINTR, LibC.EAGAIN -> 0;
                case LibC.EIO -> {
                    LOG.debug("The pty's slave side was closed (EIO)");
                    yield -1;
                }
                default -> throw new IOException(
                        "read(2) on the pty failed: " + e.getMessage(), e);
            };
        }
    }

    /**
     * Writes the first {@code count} bytes of {@link #buffer} to {@code fd}, waiting with
     * {@code poll(2)} while a non-blocking descriptor is full.
     */
    private void writeFully(int fd, long count) throws IOException {
        long written = 0;
        while (written < count) {
            Pointer from = written == 0 ? buffer : buffer.share(written);
            try {
                written += LibC.write(fd, from, count - written);
            } catch (LastErrorException e) {
                switch (e.getErrorCode()) {
                    case LibC.EINTR -> { }
                    case LibC.EAGAIN -> awaitWritable(fd);
                    default -> throw new IOException("write(2) of the CLI's output to file"
                            + " descriptor " + fd + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private static void awaitWritable(int fd) throws IOException {
        try (Memory pollFd = new Memory(LibC.POLLFD_SIZE)) {
            pollFd.setInt(0, fd);
            pollFd.setShort(LibC.POLLFD_EVENTS, LibC.POLLOUT);
            LibC.poll(pollFd, 1, -1);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != LibC.EINTR) {
                throw new IOException("poll(2) on file descriptor " + fd + " failed: "
                        + e.getMessage(), e);
            }
        }
    }

    private static boolean isStandardOutput(OutputStream to) throws IOException {
        return to instanceof FileOutputStream file && file.getFD() == FileDescriptor.out;
    }
}
