package launcher.app.pty;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * The terminal that the launcher itself runs in, which a started CLI takes over: the user's
 * terminal, or plain streams when standard input or output is not a terminal.
 */
public interface HostTerminal extends AutoCloseable {

    /** The window size that a pipe or file gets, as {@code script} and most CLIs assume. */
    WindowSize DEFAULT_SIZE = new WindowSize(80, 24);

    /** Returns whether this is a real terminal, with raw mode and a window size. */
    boolean isTerminal();

    /** Returns the stream of what the user types. */
    InputStream input();

    /** Returns the stream that the CLI's output goes to. */
    OutputStream output();

    /** Returns the window size, or {@link #DEFAULT_SIZE} when it is unknown. */
    WindowSize size();

    /**
     * Puts the terminal in raw mode, so that every key, Ctrl-C included, reaches the CLI as
     * bytes. Does nothing when this is not a terminal.
     */
    void enterRawMode();

    /** Puts back the terminal settings from before {@link #enterRawMode()}; safe to repeat. */
    void restore();

    /** Calls {@code listener} with the new size whenever the window is resized. */
    void onResize(Consumer<WindowSize> listener);

    /** Restores the terminal and releases it; the standard streams stay open. */
    @Override
    void close();

    /**
     * A window size in character cells.
     *
     * @param columns the width
     * @param rows the height
     */
    record WindowSize(int columns, int rows) {
    }
}
