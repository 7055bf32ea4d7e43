package launcher.app.pty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The user's terminal, through JLine: raw mode, window size and {@code SIGWINCH}. */
public final class SystemTerminal implements HostTerminal {

    private static final Logger LOG = LoggerFactory.getLogger(SystemTerminal.class);

    private final Terminal terminal;
    private final InputStream in;
    private final OutputStream out;
    private Attributes saved;

    private SystemTerminal(Terminal terminal, InputStream in, OutputStream out) {
        this.terminal = terminal;
        this.in = in;
        this.out = out;
    }

    /**
     * Opens the user's terminal when both standard input and output are terminals, and returns
     * plain streams otherwise or when JLine cannot open it.
     */
    public static HostTerminal openOrPlain(InputStream in, OutputStream out) {
        java.io.Console console = System.console();
        if (console == null || !console.isTerminal()) {
            LOG.debug("Standard input or output is not a terminal: relaying plain streams");
            return new PlainStreams(in, out);
        }
        return open().<HostTerminal>map(terminal -> new SystemTerminal(terminal, in, out))
                .orElseGet(() -> new PlainStreams(in, out));
    }

    private static Optional<Terminal> open() {
        try {
            // Without graphemeCluster(false), JLine 4.6 probes the terminal when it opens it. It
            // writes DECRQM queries and test characters, reads the replies from standard input,
            // where they may take a key the user typed, and turns grapheme cluster mode on. The
            // launcher only relays, so the terminal's modes stay the CLI's.
            Terminal terminal = TerminalBuilder.builder()
                    .system(true)
                    .providers("ffm,exec")
                    .dumb(false)
                    .graphemeCluster(false)
                    .build();
            LOG.debug("Opened terminal {} of type {}", terminal.getName(), terminal.getType());
            return Optional.of(terminal);
        } catch (IOException | RuntimeException e) {
            LOG.debug("JLine cannot open the terminal: relaying plain streams", e);
            return Optional.empty();
        }
    }

    @Override
    public boolean isTerminal() {
        return true;
    }

    /**
     * Returns standard input itself, not JLine's stream: raw mode is a setting of the terminal,
     * so the bytes are the same, and a read blocked in JLine's stream would keep
     * {@link Terminal#close()} waiting for its lock.
     */
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
        Size size = terminal.getSize();
        if (size == null || size.getColumns() <= 0 || size.getRows() <= 0) {
            return DEFAULT_SIZE;
        }
        return new WindowSize(size.getColumns(), size.getRows());
    }

    @Override
    public synchronized void enterRawMode() {
        if (saved == null) {
            saved = terminal.enterRawMode();
        }
    }

    @Override
    public synchronized void restore() {
        if (saved == null) {
            return;
        }
        try {
            terminal.setAttributes(saved);
            saved = null;
        } catch (UncheckedIOException | IllegalStateException e) {
            LOG.debug("Cannot restore the terminal settings", e);
        }
    }

    @Override
    public void onResize(Consumer<WindowSize> listener) {
        terminal.handle(Terminal.Signal.WINCH, signal -> listener.accept(size()));
    }

    @Override
    public void close() {
        restore();
        try {
            terminal.close();
        } catch (IOException e) {
            LOG.debug("Cannot close the terminal", e);
        }
    }
}
