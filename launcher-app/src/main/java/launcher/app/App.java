package launcher.app;

import java.io.PrintWriter;
import launcher.app.command.AccountsCommand;
import launcher.app.command.CompletionCommand;
import launcher.app.command.LaunchCommand;
import launcher.app.command.ProvidersCommand;
import launcher.app.command.StatusCommand;
import launcher.app.command.SyncCommand;
import launcher.core.spi.LauncherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The {@code launcher} command line: parses arguments, runs a command, returns its exit code. */
public final class App {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Context context;

    /** Creates the command line for the given context. */
    public App(Context context) {
        this.context = context;
    }

    /** Runs the command that {@code args} names and returns the exit code. */
    public int run(String... args) {
        CommandLine commandLine = commandLine();
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // Picocli passes only exceptions to the execution exception handler, not errors.
            return handleFailure(e);
        }
    }

    /** Builds the command tree, with every command bound to this app's context. */
    public CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LaunchCommand(context));
        commandLine.addSubcommand("accounts", AccountsCommand.commandLine(context));
        commandLine.addSubcommand("sync", new SyncCommand(context));
        commandLine.addSubcommand("status", new StatusCommand(context));
        commandLine.addSubcommand("providers", new ProvidersCommand(context));
        commandLine.addSubcommand("completion", new CompletionCommand(context, commandLine));

        commandLine.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.helpList());
        commandLine.setOut(new PrintWriter(context.out(), true));
        commandLine.setErr(new PrintWriter(context.err(), true));
        commandLine.setParameterExceptionHandler(this::handleParameterException);
        commandLine.setExecutionExceptionHandler(
                (failure, failed, parsed) -> handleFailure(failure));
        return commandLine;
    }

    private int handleParameterException(ParameterException failure, String[] args) {
        CommandLine failed = failure.getCommandLine();
        context.err().println("launcher: " + failure.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(failure, failed.getErr());
        String name = failed.getCommandSpec().qualifiedName();
        context.err().println("Run '" + name + " --help' for usage.");
        return ExitCodes.USAGE;
    }

    /**
     * Formats the one line that reports an error: {@code launcher: }, the message ending in a
     * full stop, then the fix when there is one. Every command prints its errors through it.
     */
    public static String errorLine(String message, String fix) {
        StringBuilder line = new StringBuilder("launcher: ").append(sentence(message));
        if (fix != null && !fix.isBlank()) {
            line.append(' ').append(fix.strip());
        }
        return line.toString();
    }

    /** Ends a message with a period, as the core's messages leave it off. */
    private static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "failed.";
        }
        String stripped = message.strip();
        return stripped.matches("(?s).*[.!?:]$") ? stripped : stripped + ".";
    }

    private int handleFailure(Throwable failure) {
        if (failure instanceof OutOfMemoryError) {
            String detail = failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")";
            context.err().println("launcher: out of memory" + detail + "; raise the heap with"
                    + " LAUNCHER_JAVA_OPTS=-Xmx256m or more.");
            if (context.verbose()) {
                failure.printStackTrace(context.err());
            }
            return ExitCodes.of(failure);
        }

        if (failure instanceof LauncherException known) {
            LOG.debug("Command failed", known);
            context.err().println(errorLine(known.getMessage(), known.fix()));
            if (known instanceof UsageException) {
                context.err().println("Run 'launcher --help' for usage.");
            }
            if (context.verbose()) {
                known.printStackTrace(context.err());
            }
            return ExitCodes.of(known);
        }

        context.err().println("launcher: internal error: " + failure.getClass().getName()
                + (context.verbose() ? "" : ". Run again with --verbose for the stack trace."));
        if (context.verbose()) {
            failure.printStackTrace(context.err());
        }
        return ExitCodes.FAILURE;
    }
}
