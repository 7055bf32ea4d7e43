package launcher.app.pty;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The user's terminal, driven through the C library: raw mode with {@code tcgetattr} and
 * {@code tcsetattr}, the window size with the {@code TIOCGWINSZ} ioctl, and resizes with
 * {@code SIGWINCH}. Standard input is the terminal whose settings change.
 *
 * <p>These calls are all that a relay needs, so no terminal library is used. JLine 4.6 binds
 * them through FFM, whose downcalls generate some 370 classes at every start that the AOT cache
 * of JDK 25 does not hold. With it, a launch in a terminal took about 340 ms, against 100 ms
 * outside one.
 */
public final class SystemTerminal implements HostTerminal {

    private static final Logger LOG = LoggerFactory.getLogger(SystemTerminal.class);

    private static final int STDIN = 0;
    private static final int STDOUT = 1;

    private final InputStream in;
    private final OutputStream out;

    /** The settings from before raw mode, or null outside raw mode. */
    private Memory saved;

    /** The handler of {@code SIGWINCH} before {@link #onResize}, or null before it is called. */
    private SignalHandler previousResizeHandler;

    private SystemTerminal(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /**
     * Opens the user's terminal when both standard input and output are terminals, and returns
     * plain streams otherwise, or when the C library cannot be bound or cannot read the
     * terminal's settings.
     */
    public static HostTerminal openOrPlain(InputStream in, OutputStream out) {
        java.io.Console console = System.console();
        if (console == null || !console.isTerminal()) {
            LOG.debug("Standard input or output is not a terminal: relaying plain streams");
            return new PlainStreams(in, out);
        }
        try {
            readSettings();
        } catch (LastErrorException | LinkageError e) {
            LOG.debug("Cannot read the terminal's settings: relaying plain streams", e);
            return new PlainStreams(in, out);
        }
        LOG.debug("Opened the terminal on standard input");
        return new SystemTerminal(in, out);
    }

    private static Memory readSettings() {
        Memory settings = new Memory(LibC.TERMIOS_SIZE);
        settings.clear();
        LibC.tcgetattr(STDIN, settings);
        return settings;
    }

    @Override
    public boolean isTerminal() {
        return true;
    }

    /** Returns standard input itself: raw mode is a setting of the terminal, not the stream. */
    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public WindowSize size() {
        Memory size = new Memory(LibC.WINSIZE_SIZE);
        size.clear();
        try {
            LibC.ioctl(STDOUT, LibC.TIOCGWINSZ, size);
        } catch (LastErrorException e) {
            LOG.debug("Cannot read the window size: {}", e.getMessage());
            return DEFAULT_SIZE;
        }
        int rows = Short.toUnsignedInt(size.getShort(LibC.WINSIZE_ROWS));
        int columns = Short.toUnsignedInt(size.getShort(LibC.WINSIZE_COLUMNS));
        if (columns <= 0 || rows <= 0) {
            return DEFAULT_SIZE;
        }
        return new WindowSize(columns, rows);
    }

    /**
     * Turns off line editing, echo, signal keys, the extended keys and flow control, and the
     * translation, dropping and stripping of input bytes, and makes a read return each byte as it
     * arrives. Output processing stays on, so that the launcher's own messages keep their line
     * ends. With the signal keys off, Ctrl-C and Ctrl-Z reach the CLI's pty as bytes, and its
     * line discipline signals the CLI alone, not the launcher.
     */
    @Override
    public synchronized void enterRawMode() {
        if (saved != null) {
            return;
        }
        try {
            Memory before = readSettings();
            Memory raw = new Memory(LibC.TERMIOS_SIZE);
            raw.write(0, before.getByteArray(0, LibC.TERMIOS_SIZE), 0, LibC.TERMIOS_SIZE);
            raw.setInt(LibC.TERMIOS_IFLAG, raw.getInt(LibC.TERMIOS_IFLAG)
                    & ~(LibC.IXON | LibC.ICRNL | LibC.INLCR | LibC.IGNCR | LibC.ISTRIP));
            raw.setInt(LibC.TERMIOS_LFLAG, raw.getInt(LibC.TERMIOS_LFLAG)
                    & ~(LibC.ICANON | LibC.ECHO | LibC.IEXTEN | LibC.ISIG));
            raw.setByte(LibC.TERMIOS_CC + LibC.VMIN, (byte) 1);
            raw.setByte(LibC.TERMIOS_CC + LibC.VTIME, (byte) 0);
            LibC.tcsetattr(STDIN, LibC.TCSADRAIN, raw);
            saved = before;
        } catch (LastErrorException e) {
            LOG.debug("Cannot put the terminal in raw mode: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void restore() {
        if (saved == null) {
            return;
        }
        try {
            LibC.tcsetattr(STDIN, LibC.TCSADRAIN, saved);
            saved = null;
        } catch (LastErrorException e) {
            LOG.debug("Cannot restore the terminal settings: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void onResize(Consumer<WindowSize> listener) {
        SignalHandler previous = Signal.handle(new Signal("WINCH"),
                signal -> listener.accept(size()));
        if (previousResizeHandler == null) {
            previousResizeHandler = previous;
        }
    }

    @Override
    public synchronized void close() {
        restore();
        if (previousResizeHandler != null) {
            Signal.handle(new Signal("WINCH"), previousResizeHandler);
            previousResizeHandler = null;
        }
    }
}
