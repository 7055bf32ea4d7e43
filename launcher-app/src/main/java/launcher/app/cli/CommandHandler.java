package launcher.app.cli;

import java.io.IOException;

/** Runs a command whose arguments the parser accepted. */
public interface CommandHandler {

    /** Runs the command and returns its exit code. */
    int run(ParsedCommand command) throws IOException;
}
