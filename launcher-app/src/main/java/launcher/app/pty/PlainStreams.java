package launcher.app.pty;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/** Standard streams that are pipes or files: no raw mode, no resizing, the default size. */
public final class PlainStreams implements HostTerminal {

    private final InputStream input;
    private final OutputStream output;

    /** Wraps the given streams. */
    public PlainStreams(InputStream input, OutputStream output) {
        this.input = input;
        this.output = output;
    }

    @Override
    public boolean isTerminal() {
        return false;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public WindowSize size() {
        return DEFAULT_SIZE;
    }

    @Override
    public void enterRawMode() {
    }

    @Override
    public void restore() {
    }

    @Override
    public void onResize(Consumer<WindowSize> listener) {
    }

    @Override
    public void close() {
    }
}
