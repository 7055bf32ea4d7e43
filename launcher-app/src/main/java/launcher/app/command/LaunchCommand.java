package launcher.app.command;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import launcher.app.App;
import launcher.app.CliNotFoundException;
import launcher.app.Context;
import launcher.app.UsageException;
import launcher.app.cli.CommandHandler;
import launcher.app.cli.CommandSpec;
import launcher.app.cli.Option;
import launcher.app.cli.ParsedCommand;
import launcher.app.pty.HostTerminal;
import launcher.app.pty.PtyPreload;
import launcher.app.pty.PtySession;
import launcher.core.registry.LoadedProvider;
import launcher.core.spi.Environment;
import launcher.core.spi.LaunchSpec;
import launcher.core.spi.LauncherException;
import launcher.core.spi.OperatingSystem;
import launcher.core.store.StoredAccount;
import launcher.core.sync.SyncEngine;
import launcher.core.sync.SyncReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The main job: sync an account, start the CLI in a worktree in a pty, read back afterwards. */
public final class LaunchCommand implements CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchCommand.class);

    private static final Option<String> PROVIDER = Option.text("--provider", "ID",
            "The provider of the CLI to start, such as claude or codex ('launcher providers'"
                    + " lists them).")
            .required();

    private static final Option<Path> WORKTREE = Option.directory("--worktree", "PATH",
            "The directory the CLI starts in, a git worktree.")
            .required();

    private static final Option<String> ACCOUNT = Option.text("--account", "NAME",
            "The managed account to log in with; the provider's default if omitted.")
            .completingAccountNames();

    private static final Option<Path> EXECUTABLE = Option.path("--executable", "PATH",
            "The CLI executable to start instead of the provider's.");

    private static final Option<String> BRANCH = Option.text("--branch", "NAME",
            "Creates a missing worktree with 'git worktree add -b NAME PATH' from the repository"
                    + " in the current directory.");

    private static final Option<Duration> LOCK_TIMEOUT = LockTimeouts.option(
            "How long to wait for another launcher's sync");

    private static final Option<Boolean> FORCE = Option.flag("--force",
            "Replaces a login in the CLI's files that is not stored as an account, which is"
                    + " otherwise kept and stops the launch.");

    private final Context context;

    /** Binds the command to a context. */
    public LaunchCommand(Context context) {
        this.context = context;
    }

    /** Returns the root command, {@code launcher}, without its subcommands. */
    public CommandSpec spec() {
        return new CommandSpec("launcher",
                "Starts an AI coding CLI in a git worktree, logged in with a managed account.",
                "",
                "Before the CLI starts, the chosen account's credentials are synced into the CLI's"
                        + " own files. When the CLI exits, a token that it refreshed is saved back"
                        + " into the account.")
                .option(PROVIDER)
                .option(WORKTREE)
                .option(ACCOUNT)
                .option(EXECUTABLE)
                .option(BRANCH)
                .option(LOCK_TIMEOUT)
                .option(FORCE)
                .operands("CLI-ARGS", "Arguments for the CLI, after '--'.")
                .handler(this);
    }

    @Override
    public int run(ParsedCommand parsed) throws IOException {
        PtyPreload.start();

        Path worktree = parsed.value(WORKTREE);
        if (worktree.toString().isBlank()) {
            throw new UsageException("--worktree is empty.",
                    "Pass the directory of a git worktree with --worktree.");
        }
        Optional<String> branch = Optional.ofNullable(parsed.value(BRANCH));
        branch.ifPresent(LaunchCommand::requireBranchName);
        LoadedProvider provider = context.provider(parsed.value(PROVIDER));
        Path directory = Worktrees.prepare(context.resolve(worktree), branch,
                context.workingDirectory(), context.environment());
        if (!Worktrees.isInsideWorkTree(directory)) {
            context.err().println("launcher: warning: " + directory + " is not inside a git work"
                    + " tree, so the CLI starts outside version control.");
        }
        StoredAccount chosen =
                context.account(provider, Optional.ofNullable(parsed.value(ACCOUNT)), ACCOUNT);

        LaunchSpec spec = provider.provider().launchSpec(context.environment());
        Path executable = parsed.value(EXECUTABLE);
        Path program = findExecutable(provider, spec, executable);
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(spec.arguments());
        command.addAll(parsed.operands());

        SyncEngine engine = context.engine(parsed.value(LOCK_TIMEOUT));
        ReadBackOnce readBack = new ReadBackOnce(context, engine, provider, chosen.name());
        Map<String, String> environment = new HashMap<>(context.environment().variables());
        environment.putAll(spec.environment());
        if (context.environment().operatingSystem() != OperatingSystem.WINDOWS) {
            Executables.requireInterpreter(program, new Environment(context.environment().home(),
                    environment, context.environment().operatingSystem()), directory);
        }
        PtySession session = newSession(command, directory, environment, readBack);

        SyncReport report = engine.sync(provider.provider(), context.environment(),
                chosen.name(), false, parsed.value(FORCE));
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
        readBack.runAfterExit();
        return exitCode;
    }

    /** Rejects a {@code --branch} value that git would not take as a new branch's name. */
    private static void requireBranchName(String branch) {
        if (branch.isBlank()) {
            throw new UsageException("--branch is empty.",
                    "Pass the name of the branch to create with --branch.");
        }
        if (branch.startsWith("-")) {
            throw new UsageException("invalid branch name '" + branch + "': git would read a"
                    + " name that starts with '-' as an option.",
                    "Pass a branch name that does not start with '-'.");
        }
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

    private Path findExecutable(LoadedProvider provider, LaunchSpec spec, Path executable) {
        String name = executable != null ? executable.toString() : spec.executable();
        Optional<Path> found = Executables.find(
                name, context.environment(), context.workingDirectory());
        if (found.isPresent()) {
            return found.get();
        }
        if (executable != null && Executables.isBareName(name)) {
            throw new CliNotFoundException(
                    "executable '" + name + "' was not found on PATH.",
                    "Pass the path of an executable file with --executable, or add the folder"
                            + " that contains it to PATH.");
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
        private final String accountName;
        private boolean done;

        ReadBackOnce(
                Context context, SyncEngine engine, LoadedProvider provider, String accountName) {
            this.context = context;
            this.engine = engine;
            this.provider = provider;
            this.accountName = accountName;
        }

        synchronized void run() {
            if (done) {
                return;
            }
            done = true;
            SyncReport report = engine.readBack(provider.provider(), context.environment());
            context.printWarnings(report.warnings());
        }

        /**
         * Reads back after the CLI exited. A failure, such as the store's lock held by another
         * launcher for longer than the lock timeout, becomes a warning, so that the launcher
         * still exits with the CLI's exit code. The refreshed token then stays in the CLI's
         * files, where the next sync into them reads it back.
         */
        void runAfterExit() {
            try {
                run();
            } catch (LauncherException e) {
                LOG.debug("The read-back after the CLI exited failed", e);
                context.printWarnings(List.of("The read-back after the CLI exited failed: "
                        + e.getMessage() + ". A token that the CLI refreshed stays in its files,"
                        + " and 'launcher sync --provider " + provider.id() + " --account "
                        + accountName + "' saves it into account " + accountName + "."));
            }
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
