package launcher.app;

import java.nio.file.Path;
import launcher.app.cli.CommandLineException;
import launcher.app.cli.CommandLineParser;
import launcher.app.cli.CommandSpec;
import launcher.app.cli.HelpWriter;
import launcher.app.cli.Option;
import launcher.app.cli.ParsedCommand;
import launcher.app.command.AccountsCommand;
import launcher.app.command.CompletionCommand;
import launcher.app.command.LaunchCommand;
import launcher.app.command.ProvidersCommand;
import launcher.app.command.StatusCommand;
import launcher.app.command.SyncCommand;
import launcher.app.command.Version;
import launcher.core.spi.LauncherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code launcher} command line: parses arguments, runs a command, returns its exit code. */
public final class App {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    /** {@code --verbose}, which every command accepts. */
    static final Option<Boolean> VERBOSE = Option.flag("--verbose",
            "Logs debug details and prints stack traces, to standard error.");

    /** {@code --provider-path}, which every command accepts. */
    static final Option<Path> PROVIDER_PATH = Option.directory("--provider-path", "DIR",
            "A folder of provider jar files to load, besides the store's providers/ folder and"
                    + " $" + Context.PROVIDER_PATH_VARIABLE + ". Repeatable.")
            .repeatable();

    private final Context context;

    /** Creates the command line for the given context. */
    public App(Context context) {
        this.context = context;
    }

    /** Runs the command that {@code args} names and returns the exit code. */
    public int run(String... args) {
        context.setVerbose(Main.isVerbose(args));
        CommandSpec root = commands();
        ParsedCommand parsed;
        try {
            parsed = CommandLineParser.parse(root, args);
        } catch (CommandLineException e) {
            return handleInvalidCommandLine(e);
        }
        for (Path folder : parsed.values(PROVIDER_PATH)) {
            context.addProviderPath(folder);
        }

        try {
            if (parsed.helpRequested()) {
                context.out().print(HelpWriter.help(parsed.command()));
                context.out().flush();
                return ExitCodes.OK;
            }
            if (parsed.versionRequested()) {
                for (String line : Version.lines()) {
                    context.out().println(line);
                }
                return ExitCodes.OK;
            }
            return parsed.command().handler().run(parsed);
        } catch (Exception | OutOfMemoryError e) {
            return handleFailure(e, parsed.command());
        }
    }

    /**
     * Builds the command tree, with every command bound to this app's context. Building it
     * creates a few dozen objects and reads no annotations, so the whole tree is built for
     * every run.
     */
    public CommandSpec commands() {
        CommandSpec root = new LaunchCommand(context).spec()
                .globalOption(VERBOSE)
                .globalOption(PROVIDER_PATH)
                .exitCodes(ExitCodes.helpList());
        root.subcommand(AccountsCommand.spec(context))
                .subcommand(new SyncCommand(context).spec())
                .subcommand(new StatusCommand(context).spec())
                .subcommand(new ProvidersCommand(context).spec())
                .subcommand(new CompletionCommand(context).spec());
        return root;
    }

    private int handleInvalidCommandLine(CommandLineException failure) {
        // With --verbose the stack trace is printed below, so the log line leaves it out.
        LOG.debug("Invalid command line: {}", failure.getClass().getName());
        context.err().println(errorLine(failure.getMessage(), failure.fix()));
        context.err().println(
                "Run '" + failure.command().qualifiedName() + " --help' for usage.");
        if (context.verbose()) {
            failure.printStackTrace(context.err());
        }
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

    private int handleFailure(Throwable failure, CommandSpec command) {
        if (failure instanceof OutOfMemoryError) {
            String detail = failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")";
            context.err().println("launcher: out of memory" + detail + "; raise the heap with"
                    + " LAUNCHER_JAVA_OPTS=-Xmx2g or more.");
            if (context.verbose()) {
                failure.printStackTrace(context.err());
            }
            return ExitCodes.of(failure);
        }

        if (failure instanceof LauncherException known) {
            LOG.debug("Command failed with {}", known.getClass().getName());
            context.err().println(errorLine(known.getMessage(), known.fix()));
            if (known instanceof UsageException) {
                context.err().println("Run '" + command.qualifiedName() + " --help' for usage.");
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
