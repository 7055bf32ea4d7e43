package launcher.app.pty;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of the C library that the pty relay makes on Linux, bound with JNA's direct mapping
 * ({@link Native#register(Class, String)}). A direct-mapped call is a JNI native method, so it
 * costs no proxy, reflection or argument objects, which the interface mapping that pty4j uses
 * spends on every call. JNA clears {@code errno} before each call and raises
 * {@link LastErrorException}, which carries it, when the call left it set. glibc's wrappers of
 * these system calls set it only when the call fails.
 *
 * <p>The constants are those of Linux on x86-64 and aarch64.
 */
final class LibC {

    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    /** The size of {@code struct pollfd}: {@code int fd, short events, short revents}. */
    static final int POLLFD_SIZE = 8;
    static final int POLLFD_EVENTS = 4;
    static final int POLLFD_REVENTS = 6;

    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;

    static final int O_CLOEXEC = 0x80000;
    static final int F_DUPFD_CLOEXEC = 1030;

    /** The size of glibc's {@code struct termios} on Linux, and the offsets of its fields. */
    static final int TERMIOS_SIZE = 60;
    static final int TERMIOS_IFLAG = 0;
    static final int TERMIOS_LFLAG = 12;
    static final int TERMIOS_CC = 17;

    static final int ISTRIP = 0x20;
    static final int INLCR = 0x40;
    static final int IGNCR = 0x80;
    static final int ICRNL = 0x100;
    static final int IXON = 0x400;
    static final int ISIG = 0x1;
    static final int ICANON = 0x2;
    static final int ECHO = 0x8;
    static final int IEXTEN = 0x8000;
    static final int VTIME = 5;
    static final int VMIN = 6;
    static final int TCSADRAIN = 1;

    /** The {@code ioctl} request that reads a terminal's {@code struct winsize}. */
    static final long TIOCGWINSZ = 0x5413;

    /** The size of {@code struct winsize}, four {@code unsigned short}s, and two offsets. */
    static final int WINSIZE_SIZE = 8;
    static final int WINSIZE_ROWS = 0;
    static final int WINSIZE_COLUMNS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(LibC.class);

    static {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    /** Binds the native methods, so that a caller can catch a failure before it relies on them. */
    static void link() {
        // Loading the class runs the static initialiser, which binds the methods.
    }

    static native int poll(Pointer fds, long count, int timeoutMillis) throws LastErrorException;

    static native long read(int fd, Pointer buffer, long count) throws LastErrorException;

    static native long write(int fd, Pointer buffer, long count) throws LastErrorException;

    static native int pipe2(int[] fds, int flags) throws LastErrorException;

    /**
     * Calls {@code fcntl}, which is variadic in C. On Linux x86-64 and aarch64 an {@code int}
     * passed as a variadic argument travels in the same register as a fixed one, so this fixed
     * signature is correct for the commands that take an {@code int}.
     */
    static native int fcntl(int fd, int command, int argument) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int tcgetattr(int fd, Pointer termios) throws LastErrorException;

    static native int tcsetattr(int fd, int optionalActions, Pointer termios)
            throws LastErrorException;

    /**
     * Calls {@code ioctl}, which is variadic in C. As with {@link #fcntl}, a pointer passed as a
     * variadic argument travels in the same register as a fixed one on Linux x86-64 and aarch64.
     */
    static native int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

    /** Closes {@code fd}, logging a failure at debug level. */
    static void closeQuietly(int fd) {
        try {
            close(fd);
        } catch (LastErrorException e) {
            LOG.debug("Cannot close file descriptor {}", fd, e);
        }
    }
}
