package launcher.app.cli;

/**
 * A command line that does not match its commands: an unknown option or command, a missing or
 * invalid value, or a missing required option.
 */
public final class CommandLineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fix;
    private final transient CommandSpec command;

    CommandLineException(String message, String fix, CommandSpec command) {
        super(message);
        this.fix = fix;
        this.command = command;
    }

    /** Returns how to correct the command line, or null when the help is the best advice. */
    public String fix() {
        return fix;
    }

    /** Returns the command that the arguments had reached, whose help explains its usage. */
    public CommandSpec command() {
        return command;
    }
}
