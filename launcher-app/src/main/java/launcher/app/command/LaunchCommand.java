package launcher.app.command;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import launcher.app.App;
import launcher.app.CliNotFoundException;
import launcher.app.Context;
import launcher.app.UsageException;
import launcher.app.pty.HostTerminal;
import launcher.app.pty.PtySession;
import launcher.core.registry.LoadedProvider;
import launcher.core.spi.LaunchSpec;
import launcher.core.spi.LauncherException;
import launcher.core.store.StoredAccount;
import launcher.core.sync.SyncEngine;
import launcher.core.sync.SyncReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The main job: sync an account, start the CLI in a worktree in a pty, read back afterwards. */
@Command(
        name = "launcher",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Starts an AI coding CLI in a git worktree, logged in with a managed account.",
            "",
            "Before the CLI starts, the chosen account's credentials are synced into the CLI's"
                    + " own files. When the CLI exits, a token that it refreshed is saved back"
                    + " into the account.",
        })
public final class LaunchCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchCommand.class);

    private final Context context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--provider", paramLabel = "ID", description = "The provider of the CLI to"
            + " start, such as claude or codex ('launcher providers' lists them).")
    private String providerId;

    @Option(names = "--worktree", paramLabel = "PATH",
            description = "The directory the CLI starts in, a git worktree.")
    private Path worktree;

    @Option(names = "--account", paramLabel = "NAME",
            description = "The managed account to log in with; the provider's default if omitted.")
    private String account;

    @Option(names = "--executable", paramLabel = "PATH",
            description = "The CLI executable to start instead of the provider's.")
    private Path executable;

    @Option(names = "--branch", paramLabel = "NAME", description = "Creates a missing worktree"
            + " with 'git worktree add -b NAME PATH' from the repository in the current"
            + " directory.")
    private String branch;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "10",
            converter = LockTimeouts.class,
            description = "How long to wait for another launcher's sync, in seconds,"
                    + " from 0 to 3600 (default: ${DEFAULT-VALUE}).")
    private Duration lockTimeout;

    @Option(names = "--force", description = "Replaces a login in the CLI's files that is not"
            + " stored as an account, which is otherwise kept and stops the launch.")
    private boolean force;

    @Parameters(paramLabel = "CLI-ARGS", arity = "0..*",
            description = "Arguments for the CLI, after '--'.")
    private List<String> cliArguments = new ArrayList<>();

    /** Binds the command to a context. */
    public LaunchCommand(Context context) {
        this.context = context;
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Logs debug details and prints stack traces, to standard error.")
    void setVerbose(boolean verbose) {
        context.setVerbose(verbose);
    }

    @Option(names = "--provider-path", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "A folder of provider jar files to load, besides the store's"
                    + " providers/ folder and $LAUNCHER_PROVIDER_PATH. Repeatable.")
    void addProviderPath(List<Path> folders) {
        folders.forEach(context::addProviderPath);
    }

    @Override
    public Integer call() throws IOException {
        if (providerId == null && startsWithCommandName()) {
            // Only the subcommand that the arguments name is built, so the list is App's.
            String commands = String.join(", ", App.SUBCOMMANDS);
            throw new UsageException("unknown command '" + cliArguments.getFirst() + "'.",
                    "Use one of the commands " + commands + ", or pass --provider and"
                            + " --worktree to start a CLI.");
        }
        if (providerId == null || worktree == null) {
            throw new UsageException("the options --provider and --worktree are required to"
                    + " start a CLI.",
                    "Pass both, or use one of the commands in 'launcher --help'.");
        }
        if (worktree.toString().isBlank()) {
            throw new UsageException("--worktree is empty.",
                    "Pass the directory of a git worktree with --worktree.");
        }
        LoadedProvider provider = context.provider(providerId);
        Path directory = Worktrees.prepare(context.resolve(worktree), Optional.ofNullable(branch),
                context.workingDirectory(), context.environment());
        Optional<Boolean> insideWorkTree =
                Worktrees.isInsideWorkTree(directory, context.environment());
        if (insideWorkTree.isEmpty()) {
            context.err().println("launcher: warning: git cannot be run, so " + directory
                    + " was not checked to be a git work tree.");
        } else if (!insideWorkTree.get()) {
            context.err().println("launcher: warning: " + directory + " is not inside a git work"
                    + " tree, so the CLI starts outside version control.");
        }
        StoredAccount chosen = context.account(provider, Optional.ofNullable(account));

        LaunchSpec spec = provider.provider().launchSpec(context.environment());
        Path program = findExecutable(provider, spec);
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(spec.arguments());
        command.addAll(cliArguments);

        SyncEngine engine = context.engine(lockTimeout);
        ReadBackOnce readBack = new ReadBackOnce(context, engine, provider);
        Map<String, String> environment = new HashMap<>(context.environment().variables());
        environment.putAll(spec.environment());
        PtySession session = newSession(command, directory, environment, readBack);

        SyncReport report = engine.sync(
                provider.provider(), context.environment(), chosen.name(), false, force);
        List<String> warnings = new ArrayList<>(context.environmentWarnings(provider));
        warnings.addAll(report.warnings());
        context.printWarnings(warnings);
        LOG.debug("Synced account {} of provider {}", chosen.name(), provider.id());

        int exitCode;
        try (HostTerminal terminal = context.openTerminal()) {
            exitCode = session.run(terminal);
        } catch (IOException e) {
            throw new CliNotFoundException("the CLI " + program + " could not be started: "
                    + e.getMessage() + ".", "Check that it is an executable for this system.");
        } catch (LinkageError e) {
            throw ptyLibraryMissing(e);
        }
        readBack.run();
        return exitCode;
    }

    /**
     * Returns whether the first positional argument came before {@code --}, so that it reads
     * as a command name and not as an argument for the CLI. Picocli takes every argument after
     * the first {@code --} as a positional one, so they are the last ones in the list.
     */
    private boolean startsWithCommandName() {
        if (cliArguments.isEmpty()) {
            return false;
        }
        List<String> args = spec.commandLine().getParseResult().expandedArgs();
        int delimiter = args.indexOf("--");
        int afterDelimiter = delimiter < 0 ? 0 : args.size() - delimiter - 1;
        return cliArguments.size() > afterDelimiter;
    }

    /** Creates the session before the sync, so that a missing pty library changes nothing. */
    private static PtySession newSession(List<String> command, Path directory,
            Map<String, String> environment, ReadBackOnce readBack) {
        try {
            return new PtySession(command, directory, environment, readBack::runQuietly);
        } catch (LinkageError e) {
            throw ptyLibraryMissing(e);
        }
    }

    private static LauncherException ptyLibraryMissing(LinkageError e) {
        return new LauncherException(
                "the pty library pty4j cannot be loaded: " + e + ".",
                "Start launcher from its image, or add '--add-modules ALL-MODULE-PATH' to a"
                        + " 'java --module-path' command.", e);
    }

    private Path findExecutable(LoadedProvider provider, LaunchSpec spec) {
        String name = executable != null ? executable.toString() : spec.executable();
        Optional<Path> found = Executables.find(
                name, context.environment(), context.workingDirectory());
        if (found.isPresent()) {
            return found.get();
        }
        if (executable != null) {
            throw new CliNotFoundException(
                    "executable " + context.resolve(executable) + " does not exist or is not"
                            + " executable.",
                    "Pass the path of an executable file with --executable.");
        }
        throw new CliNotFoundException(
                "the " + provider.displayName() + " executable '" + spec.executable()
                        + "' was not found on PATH.",
                spec.installHint());
    }

    /** Reads back the CLI's files once, from the main thread or from the shutdown hook. */
    private static final class ReadBackOnce {

        private final Context context;
        private final SyncEngine engine;
        private final LoadedProvider provider;
        private boolean done;

        ReadBackOnce(Context context, SyncEngine engine, LoadedProvider provider) {
            this.context = context;
            this.engine = engine;
            this.provider = provider;
        }

        synchronized void run() {
            if (done) {
                return;
            }
            done = true;
            SyncReport report = engine.readBack(provider.provider(), context.environment());
            context.printWarnings(report.warnings());
        }

        void runQuietly() {
            try {
                run();
            } catch (LauncherException e) {
                context.err().println(
                        App.errorLine("read-back failed: " + e.getMessage(), e.fix()));
            } catch (RuntimeException e) {
                context.err().println("launcher: read-back failed: " + e.getClass().getName());
            }
        }
    }
}
