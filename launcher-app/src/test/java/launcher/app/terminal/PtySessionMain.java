package launcher.app.terminal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import launcher.app.pty.HostTerminal;
import launcher.app.pty.PtySession;
import launcher.app.pty.SystemTerminal;

/**
 * Runs a command in a {@link PtySession} on the real terminal, for tests that drive it from a
 * tmux pane: {@code PtySessionMain MARKER DIRECTORY COMMAND...}. When the session is ended by a
 * signal, the interrupt action creates the file {@code MARKER}.
 */
public final class PtySessionMain {

    private PtySessionMain() {
    }

    public static void main(String[] args) throws IOException {
        Path marker = Path.of(args[0]);
        Path directory = Path.of(args[1]);
        List<String> command = Arrays.asList(args).subList(2, args.length);
        PtySession session = new PtySession(command, directory, System.getenv(), () -> {
            try {
                Files.writeString(marker, "interrupted\n");
            } catch (IOException e) {
                System.err.println("Cannot write " + marker + ": " + e);
            }
        });

        int exitCode;
        // Standard input's own file descriptor, as the launcher passes it, so that the session
        // polls it instead of reading System.in's buffered stream.
        InputStream input = new FileInputStream(FileDescriptor.in);
        try (HostTerminal terminal = SystemTerminal.openOrPlain(input, System.out)) {
            exitCode = session.run(terminal);
        }
        System.exit(exitCode);
    }
}
