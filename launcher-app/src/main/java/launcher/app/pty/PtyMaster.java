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
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master side of a pty on Linux, read and written with {@code read(2)}, {@code write(2)}
 * and {@code poll(2)} in place of pty4j's streams.
 *
 * <p>pty4j's input stream allocates an array for each read, polls through a JNA interface proxy
 * with new {@code Structure} objects, and copies the bytes twice, which kept the relay of a
 * large output at 0.3 to 0.5 of the throughput of {@code script} ({@code
 * benchmarks/pty-relay.sh}). Here the output goes through one native buffer that every read
 * reuses, straight to standard output with {@code write(2)}, and costs no allocation.
 *
 * <p>The master is non-blocking, so a chunk that is already waiting costs one read and one
 * write, and the relay polls only when it has caught up with the command. That flag belongs to
 * the open file, which pty4j's descriptor shares, so pty4j's own streams must not read or write
 * the pty once this is open: pty4j's output stream ignores a short write. The input of the
 * command goes through {@link #input()} instead.
 *
 * <p>The relay and the input own duplicates of the master descriptor, so pty4j closing its own
 * copy cannot leave them reading a number that the process has since reused. pty4j keeps the
 * slave side open after the command exits, so the master does not report the end by itself:
 * after {@link #endAfterDrain()} the relay reads what is left and stops at the first moment
 * that the pty has nothing to read, as pty4j's stream does.
 */
final class PtyMaster {

    private static final Logger LOG = LoggerFactory.getLogger(PtyMaster.class);

    /**
     * The size of the output buffer. A read of a Linux pty returns at most about 4 KiB while the
     * reader keeps up, and more when it falls behind, so a larger buffer lets it catch up.
     */
    static final int BUFFER_SIZE = 64 * 1024;

    /** The size of the input buffer; a longer write goes through it in parts. */
    private static final int INPUT_BUFFER_SIZE = 8 * 1024;

    private static final int STANDARD_OUTPUT = 1;

    private final int master;
    private final int wakeRead;
    private final int wakeWrite;
    private final Input input;
    private final Memory buffer = new Memory(BUFFER_SIZE);
    private final Memory pollFds = new Memory(2L * LibC.POLLFD_SIZE);
    private boolean ended;
    private boolean closed;

    private PtyMaster(int master, int wakeRead, int wakeWrite, int inputFd) {
        this.master = master;
        this.wakeRead = wakeRead;
        this.wakeWrite = wakeWrite;
        this.input = new Input(inputFd);
    }

    /**
     * Returns the master of the process's pty, or empty when the platform is not Linux, the
     * process is not one of pty4j's Unix processes, or the native calls cannot be set up. In
     * those cases pty4j's own streams must be used.
     */
    static Optional<PtyMaster> open(PtyProcess process) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.empty();
        }
        if (!(process instanceof UnixPtyProcess unix)) {
            LOG.debug("The pty process is a {}: relaying it through pty4j's streams",
                    process.getClass().getName());
            return Optional.empty();
        }
        int ptyMaster = unix.getPty().getMasterFD();
        if (ptyMaster < 0) {
            LOG.debug("pty4j reports no master file descriptor: relaying its streams");
            return Optional.empty();
        }
        try {
            LibC.link();
            return Optional.of(open(ptyMaster));
        } catch (LinkageError | LastErrorException e) {
            LOG.debug("Cannot read the pty with read(2): relaying pty4j's streams", e);
            return Optional.empty();
        }
    }

    /** Duplicates the descriptors first, so that a failure leaves pty4j's pty as it was. */
    private static PtyMaster open(int ptyMaster) {
        int[] fds = {-1, -1, -1, -1};
        try {
            int[] wake = new int[2];
            LibC.pipe2(wake, LibC.O_CLOEXEC);
            fds[0] = wake[0];
            fds[1] = wake[1];
            fds[2] = LibC.fcntl(ptyMaster, LibC.F_DUPFD_CLOEXEC, 0);
            fds[3] = LibC.fcntl(ptyMaster, LibC.F_DUPFD_CLOEXEC, 0);
            int flags = LibC.fcntl(fds[2], LibC.F_GETFL, 0);
            LibC.fcntl(fds[2], LibC.F_SETFL, flags | LibC.O_NONBLOCK);
            return new PtyMaster(fds[2], fds[0], fds[1], fds[3]);
        } catch (LastErrorException e) {
            for (int fd : fds) {
                if (fd >= 0) {
                    closeQuietly(fd);
                }
            }
            throw e;
        }
    }

    /**
     * Returns the stream that writes to the command's input. It owns a duplicate of the master
     * descriptor, which its {@code close()} closes, so it stays usable after {@link #close()}.
     * A write waits while the pty's input is full, and fails once the slave side was closed.
     */
    OutputStream input() {
        return input;
    }

    /**
     * Copies the pty's output to {@code to} until it ends, then closes the relay's descriptors
     * and buffers. The output ends when a read returns 0 or fails with {@code EIO} (the slave
     * side was closed), or, after {@link #endAfterDrain()}, when nothing is left to read. A
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
    synchronized void endAfterDrain() {
        if (ended || closed) {
            return;
        }
        ended = true;
        try (Memory one = new Memory(1)) {
            one.setByte(0, (byte) 1);
            LibC.write(wakeWrite, one, 1);
        } catch (LastErrorException e) {
            // The pipe is new and gets only this one byte, so a failure is unexpected.
            LOG.debug("Cannot wake the pty output relay: it ends when the pty closes", e);
        }
    }

    /**
     * Closes the relay's descriptors and frees its buffers, once; the relay must not be running.
     * The stream of {@link #input()} stays open.
     */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(master);
        closeQuietly(wakeRead);
        closeQuietly(wakeWrite);
        buffer.close();
        pollFds.close();
    }

    private void relay(int fd, OutputStream stream) throws IOException {
        byte[] chunk = stream == null ? null : new byte[BUFFER_SIZE];
        pollFds.setInt(0, master);
        pollFds.setShort(LibC.POLLFD_EVENTS, LibC.POLLIN);
        pollFds.setInt(LibC.POLLFD_SIZE, wakeRead);
        pollFds.setShort(LibC.POLLFD_SIZE + LibC.POLLFD_EVENTS, LibC.POLLIN);
        boolean exited = false;
        while (true) {
            long count = read();
            if (count > 0) {
                if (stream == null) {
                    writeFully(fd, buffer, count);
                } else {
                    buffer.read(0, chunk, 0, (int) count);
                    stream.write(chunk, 0, (int) count);
                    stream.flush();
                }
                continue;
            }
            if (count < 0) {
                return;
            }
            // The read would block: nothing is left once the command has exited.
            if (exited) {
                LOG.debug("The CLI exited and its pty has no output left");
                return;
            }
            exited = awaitOutputOrExit();
        }
    }

    /**
     * Waits until the master has something to report or the wake-up came, and returns whether
     * the wake-up came.
     */
    private boolean awaitOutputOrExit() throws IOException {
        // poll(2) sets every revents that it is given, so they need no reset in between.
        poll(pollFds, 2);
        if ((pollFds.getShort(LibC.POLLFD_REVENTS) & LibC.POLLNVAL) != 0) {
            throw new IOException("The pty's master file descriptor " + master
                    + " was closed while its output was relayed");
        }
        return pollFds.getShort(LibC.POLLFD_SIZE + LibC.POLLFD_REVENTS) != 0;
    }

    /**
     * Reads one chunk into {@link #buffer}: its length, 0 when nothing is there to read now, or
     * -1 at the end of the output.
     */
    private long read() throws IOException {
        while (true) {
            try {
                long count = LibC.read(master, buffer, BUFFER_SIZE);
                if (count == 0) {
                    LOG.debug("The pty's output ended");
                    return -1;
                }
                return count;
            } catch (LastErrorException e) {
                switch (e.getErrorCode()) {
                    case LibC.EINTR -> { }
                    case LibC.EAGAIN -> {
                        return 0;
                    }
                    case LibC.EIO -> {
                        LOG.debug("The pty's slave side was closed (EIO)");
                        return -1;
                    }
                    default -> throw new IOException(
                            "read(2) on the pty failed: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Writes the first {@code count} bytes of {@code from} to {@code fd}, waiting with
     * {@code poll(2)} while a non-blocking descriptor is full.
     */
    private static void writeFully(int fd, Memory from, long count) throws IOException {
        long written = 0;
        while (written < count) {
            Pointer start = written == 0 ? from : from.share(written);
            try {
                written += LibC.write(fd, start, count - written);
            } catch (LastErrorException e) {
                switch (e.getErrorCode()) {
                    case LibC.EINTR -> { }
                    case LibC.EAGAIN -> awaitWritable(fd);
                    default -> throw new IOException("write(2) to file descriptor " + fd
                            + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private static void awaitWritable(int fd) throws IOException {
        try (Memory pollFd = new Memory(LibC.POLLFD_SIZE)) {
            pollFd.setInt(0, fd);
            pollFd.setShort(LibC.POLLFD_EVENTS, LibC.POLLOUT);
            poll(pollFd, 1);
        }
    }

    /** Calls {@code poll(2)} on the first {@code count} entries without a time limit. */
    private static void poll(Memory fds, int count) throws IOException {
        while (true) {
            try {
                LibC.poll(fds, count, -1);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR) {
                    throw new IOException("poll(2) failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private static boolean isStandardOutput(OutputStream to) throws IOException {
        return to instanceof FileOutputStream file && file.getFD() == FileDescriptor.out;
    }

    private static void closeQuietly(int fd) {
        try {
            LibC.close(fd);
        } catch (LastErrorException e) {
            LOG.debug("Cannot close file descriptor {}", fd, e);
        }
    }

    /** The command's input: writes to a duplicate of the master through a native buffer. */
    private static final class Input extends OutputStream {

        private final int fd;
        private final Memory buffer = new Memory(INPUT_BUFFER_SIZE);
        private boolean closed;

        Input(int fd) {
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        /** Writes all of {@code bytes}; only the thread that relays the input calls this. */
        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (closed) {
                throw new IOException("The input of the pty was already closed");
            }
            int done = 0;
            while (done < length) {
                int part = Math.min(length - done, INPUT_BUFFER_SIZE);
                buffer.write(0, bytes, offset + done, part);
                writeFully(fd, buffer, part);
                done += part;
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(fd);
            buffer.close();
        }
    }
}
