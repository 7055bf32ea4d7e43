package launcher.app.pty;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipe that wakes a relay thread waiting in {@code poll(2)}: the relay watches
 * {@link #readEnd()} for {@code POLLIN}, and another thread calls {@link #wake()}. The pipe
 * gets at most one byte, which is never read, so the read end stays readable once woken.
 * The methods are safe to call from any thread.
 */
final class WakePipe {

    private static final Logger LOG = LoggerFactory.getLogger(WakePipe.class);

    private final int readEnd;
    private final int writeEnd;
    private boolean woken;
    private boolean closed;

    private WakePipe(int readEnd, int writeEnd) {
        this.readEnd = readEnd;
        this.writeEnd = writeEnd;
    }

    /**
     * Creates the pipe, with both ends closed on {@code exec}.
     *
     * @throws LastErrorException when {@code pipe2(2)} fails
     */
    static WakePipe open() {
        int[] fds = new int[2];
        LibC.pipe2(fds, LibC.O_CLOEXEC);
        return new WakePipe(fds[0], fds[1]);
    }

    int readEnd() {
        return readEnd;
    }

    /**
     * Writes the byte that makes {@link #readEnd()} readable, on the first call only. Does
     * nothing after {@link #close()}, when the descriptor number may have been reused.
     *
     * @return false when writing the byte failed, true otherwise
     */
    synchronized boolean wake() {
        if (woken || closed) {
            return true;
        }
        woken = true;
        try (Memory one = new Memory(1)) {
            one.setByte(0, (byte) 1);
            LibC.write(writeEnd, one, 1);
            return true;
        } catch (LastErrorException e) {
            // The pipe is new and gets only this one byte, so a failure is unexpected.
            LOG.debug("Cannot write to the wake-up pipe {}", writeEnd, e);
            return false;
        }
    }

    /** Closes both ends, once. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LibC.closeQuietly(readEnd);
        LibC.closeQuietly(writeEnd);
    }
}
