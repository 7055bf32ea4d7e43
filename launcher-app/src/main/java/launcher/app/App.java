package launcher.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The {@code launcher} command line: parses arguments, runs a command, returns its exit code. */
public final class App {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    /** The names of the root command's subcommands, in the order that the help lists them. */
    public static final List<String> SUBCOMMANDS =
            List.of("accounts", "sync", "status", "providers", "completion");

    private final Context context;

    /** Creates the command line for the given context. */
    public App(Context context) {
        this.context = context;
    }

    /** Runs the command that {@code args} names and returns the exit code. */
    public int run(String... args) {
        CommandLine commandLine = commandLine(args);
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // Picocli passes only exceptions to the execution exception handler, not errors.
            return handleFailure(e);
        }
    }

    /** Builds the whole command tree, with every command bound to this app's context. */
    public CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LaunchCommand(context));
        for (String name : SUBCOMMANDS) {
            addSubcommand(commandLine, name);
        }
        return configure(commandLine);
    }

    /**
     * Builds the part of the command tree that {@code args} can reach. picocli reads the
     * annotations of every command that it is given, so only the subcommand that {@code args}
     * names is added, which cut the CPU time of {@code launcher --version} from about 275 to
     * 235 ms on 2 loaded cores. The whole tree is built when the root command's help is
     * requested, because it lists every subcommand, and for {@code completion}, which completes
     * them all.
     */
    CommandLine commandLine(String... args) {
        CommandLine commandLine = new CommandLine(new LaunchCommand(context));
        String named = subcommandNamed(commandLine.getCommandSpec(), args);
        if (named == null && requestsHelp(args) || "completion".equals(named)) {
            return commandLine();
        }

        if (named != null) {
            addSubcommand(commandLine, named);
        }
        return configure(commandLine);
    }

    /**
     * Sets the help, streams and handlers, after the subcommands are added, because picocli
     * copies these settings only into the subcommands that exist at the time.
     */
    private CommandLine configure(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.helpList());
        commandLine.setOut(new PrintWriter(context.out(), true));
        commandLine.setErr(new PrintWriter(context.err(), true));
        commandLine.setParameterExceptionHandler(new ParameterFailureHandler());
        commandLine.setExecutionExceptionHandler(new ExecutionFailureHandler());
        commandLine.registerConverter(Path.class, new PathConverter());
        return commandLine;
    }

    /** Adds the subcommand of that name to the root command. */
    private void addSubcommand(CommandLine root, String name) {
        switch (name) {
            case "accounts" -> root.addSubcommand(name, AccountsCommand.commandLine(context));
            case "sync" -> root.addSubcommand(name, new SyncCommand(context));
            case "status" -> root.addSubcommand(name, new StatusCommand(context));
            case "providers" -> root.addSubcommand(name, new ProvidersCommand(context));
            case "completion" -> root.addSubcommand(name, new CompletionCommand(context, root));
            default -> throw new IllegalArgumentException("unknown subcommand " + name);
        }
    }

    /**
     * Returns the subcommand that picocli would take from {@code args}, or null when the root
     * command runs: the first argument before {@code --} that is a subcommand's name and not
     * the value of one of the root command's options.
     */
    static String subcommandNamed(CommandSpec root, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (SUBCOMMANDS.contains(arg)) {
                return arg;
            }
            OptionSpec option = root.findOption(arg);
            if (option != null && option.arity().max() > 0) {
                i++;
            }
        }
        return null;
    }

    /** Returns whether {@code args} ask for help before the {@code --} that ends the options. */
    private static boolean requestsHelp(String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Handles an invalid command line. It is a named class rather than a lambda, so that no
     * class is spun at run time. The AOT cache stores neither, because it skips every class that
     * implements one of picocli's interfaces (class file version 49).
     */
    private final class ParameterFailureHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException failure, String[] args) {
            return handleParameterException(failure, args);
        }
    }

    /**
     * Converts an argument to a {@link Path} directly. picocli's own converter calls
     * {@code Paths.get} through reflection, which spins method handle classes at each start.
     */
    private static final class PathConverter implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return Path.of(value);
        }
    }

    /** Handles a failed command; a named class for the reason that the one above gives. */
    private final class ExecutionFailureHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(
                Exception failure, CommandLine failed, ParseResult parsed) {
            return handleFailure(failure);
        }
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
