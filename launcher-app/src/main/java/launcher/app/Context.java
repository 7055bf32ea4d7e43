package launcher.app;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import launcher.app.cli.Option;
import launcher.app.pty.HostTerminal;
import launcher.core.registry.LoadedProvider;
import launcher.core.registry.ProviderRegistry;
import launcher.core.spi.Environment;
import launcher.core.store.AccountStore;
import launcher.core.store.StoredAccount;
import launcher.core.sync.SyncEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state that every command works with: the environment, the current directory, the standard
 * streams, and the providers, account store and sync engine derived from them.
 */
public final class Context {

    private static final Logger LOG = LoggerFactory.getLogger(Context.class);

    /** The environment variable with extra plugin folders, separated like {@code PATH}. */
    public static final String PROVIDER_PATH_VARIABLE = "LAUNCHER_PROVIDER_PATH";

    /** The environment variable with the account store's folder, which must be absolute. */
    static final String HOME_VARIABLE = "LAUNCHER_HOME";

    private final Environment environment;
    private final Path workingDirectory;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Function<List<Path>, ProviderRegistry> discovery;
    private final Function<Context, HostTerminal> terminals;

    private final List<Path> providerPaths = new ArrayList<>();
    private boolean verbose;
    private ProviderRegistry registry;
    private AccountStore store;

    /**
     * Creates a context.
     *
     * @param discovery loads the providers, given the plugin folders to search
     * @param terminals opens the host terminal that a started CLI uses
     */
    public Context(
            Environment environment, Path workingDirectory, InputStream in, PrintStream out,
            PrintStream err, Function<List<Path>, ProviderRegistry> discovery,
            Function<Context, HostTerminal> terminals) {
        this.environment = environment;
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.in = in;
        this.out = out;
        this.err = err;
        this.discovery = discovery;
        this.terminals = terminals;
    }

    public Environment environment() {
        return environment;
    }

    /** Returns the directory that relative paths on the command line are resolved against. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    public InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** Returns whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }

    /** Turns on stack traces for failures; {@code Main} turns on debug logging itself. */
    public void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    /** Adds a plugin folder given with {@code --provider-path}. */
    public void addProviderPath(Path folder) {
        providerPaths.add(folder);
    }

    /** Resolves a path from the command line against the working directory. */
    public Path resolve(Path path) {
        return workingDirectory.resolve(path).normalize();
    }

    /** Opens the host terminal for a CLI session. */
    public HostTerminal openTerminal() {
        return terminals.apply(this);
    }

    /**
     * Returns the account store, at {@link AccountStore#defaultRoot(Environment)}.
     *
     * @throws UsageException when {@code LAUNCHER_HOME} is set to a relative path, which would
     *         put the store under whatever folder the launcher happens to run in
     */
    public AccountStore store() {
        if (store == null) {
            Optional<String> launcherHome = environment.variable(HOME_VARIABLE);
            if (launcherHome.isPresent() && !Path.of(launcherHome.get()).isAbsolute()) {
                throw new UsageException(HOME_VARIABLE + " must be an absolute path, not '"
                        + launcherHome.get() + "'.",
                        "Set " + HOME_VARIABLE + " to an absolute path, such as"
                                + " $HOME/.config/launcher, or unset it.");
            }
            store = new AccountStore(AccountStore.defaultRoot(environment));
        }
        return store;
    }

    /** Returns a sync engine that waits at most {@code lockTimeout} for the store's lock. */
    public SyncEngine engine(Duration lockTimeout) {
        return new SyncEngine(store(), lockTimeout);
    }

    /**
     * Returns the providers, loaded on first use from the module path, the class path, the
     * store's plugin folder, {@code --provider-path} folders and {@value #PROVIDER_PATH_VARIABLE}.
     */
    public ProviderRegistry registry() {
        if (registry == null) {
            for (Path folder : providerPaths) {
                Path resolved = resolve(folder);
                if (!Files.isDirectory(resolved)) {
                    throw new UsageException("--provider-path " + resolved + " is not a directory.",
                            "Pass a folder of provider jar files.");
                }
            }
            for (Path folder : variableFolders()) {
                if (!Files.isDirectory(folder)) {
                    throw new UsageException(PROVIDER_PATH_VARIABLE + " entry " + folder
                            + " is not a directory.",
                            "Set " + PROVIDER_PATH_VARIABLE + " to folders of provider jar files,"
                                    + " separated by '" + File.pathSeparator + "'.");
                }
            }
            registry = discovery.apply(pluginFolders());
        }
        return registry;
    }

    /** Returns the plugin folders in the order they are searched. */
    public List<Path> pluginFolders() {
        List<Path> folders = new ArrayList<>();
        folders.add(store().pluginFolder());
        providerPaths.forEach(folder -> folders.add(resolve(folder)));
        folders.addAll(variableFolders());
        return folders;
    }

    /** Returns the folders that {@value #PROVIDER_PATH_VARIABLE} lists, skipping empty entries. */
    private List<Path> variableFolders() {
        List<Path> folders = new ArrayList<>();
        environment.variable(PROVIDER_PATH_VARIABLE).ifPresent(value -> {
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    folders.add(resolve(Path.of(entry)));
                }
            }
        });
        return folders;
    }

    /**
     * Returns a provider by id.
     *
     * @throws UsageException when no provider has that id, listing the ones that loaded
     */
    public LoadedProvider provider(String id) {
        ProviderRegistry providers = registry();
        Optional<LoadedProvider> found = providers.find(id);
        if (found.isPresent()) {
            return found.get();
        }

        String known = providers.ids().isEmpty() ? "none" : String.join(", ", providers.ids());
        String fix = "Use one of the known providers with --provider.";
        if (!providers.problems().isEmpty()) {
            fix += " " + loadProblems(providers);
        }
        throw new UsageException(
                "unknown provider '" + id + "'. Known providers: " + known + ".", fix);
    }

    /**
     * Returns every provider that loaded, for a command that covers them all, and warns on
     * standard error when a provider or plugin file failed to load, because its accounts and
     * files are then missing from the output.
     */
    public List<LoadedProvider> allProviders() {
        ProviderRegistry providers = registry();
        if (!providers.problems().isEmpty()) {
            printWarnings(List.of(loadProblems(providers)));
        }
        return providers.providers();
    }

    /**
     * Says how many providers or plugin files failed to load, and names the command that lists
     * them, with the same {@code --provider-path} options, since without them it would not load
     * the same files.
     */
    private String loadProblems(ProviderRegistry providers) {
        int count = providers.problems().size();
        String failed = count == 1
                ? "1 provider or plugin file"
                : count + " providers or plugin files";
        StringBuilder command = new StringBuilder("launcher providers");
        for (Path folder : providerPaths) {
            command.append(" --provider-path ").append(resolve(folder));
        }
        return failed + " failed to load: run '" + command + "' to see why.";
    }

    /**
     * Returns the provider's warnings about the environment, such as a variable that overrides
     * the synced files. A provider that fails to produce them is logged at debug level and gives
     * none, because warnings must not stop a sync.
     */
    public List<String> environmentWarnings(LoadedProvider provider) {
        try {
            List<String> warnings = provider.provider().warnings(environment);
            return warnings == null ? List.of() : List.copyOf(warnings);
        } catch (RuntimeException e) {
            LOG.debug("Provider {} failed to list its warnings", provider.id(), e);
            return List.of();
        }
    }

    /** Prints warnings to standard error, each once, in order. */
    public void printWarnings(List<String> warnings) {
        new LinkedHashSet<>(warnings)
                .forEach(warning -> err.println("launcher: warning: " + warning));
    }

    /**
     * Checks the form of an account name from the command line.
     *
     * @throws UsageException when it does not match {@link AccountStore#NAME_PATTERN}
     */
    public static void requireValidName(String name) {
        if (!name.matches(AccountStore.NAME_PATTERN)) {
            throw new UsageException("invalid account name '" + name + "'.",
                    "Use 1 to 64 letters, digits, dots, dashes or underscores, other than"
                            + " '.' and '..'.");
        }
    }

    /**
     * Returns the account that {@code option} names, or the provider's default account when
     * {@code name} is empty.
     *
     * @param option the command's option that takes the account name, such as
     *     {@code --account}, which the error for an unknown account names
     * @throws UsageException when the account does not exist or there is no default
     */
    public StoredAccount account(
            LoadedProvider provider, Optional<String> name, Option<String> option) {
        AccountStore accounts = store();
        String id = provider.id();
        String importHint = "Import one with 'launcher accounts import --provider " + id
                + " --name NAME'.";
        if (name.isEmpty()) {
            Optional<String> defaultName = accounts.defaultAccount(id);
            if (defaultName.isEmpty()) {
                throw new UsageException(
                        "provider '" + id + "' has no default account.", importHint);
            }
            name = defaultName;
        }

        requireValidName(name.get());
        Optional<StoredAccount> account = accounts.account(id, name.get());
        if (account.isPresent()) {
            return account.get();
        }
        List<String> names = accounts.accounts(id).stream().map(StoredAccount::name).toList();
        if (names.isEmpty()) {
            throw new UsageException("unknown account '" + name.get() + "' of provider '" + id
                    + "': the provider has no accounts.", importHint);
        }
        throw new UsageException(
                "unknown account '" + name.get() + "' of provider '" + id + "'. Accounts: "
                        + String.join(", ", names) + ".",
                "Use one of them with " + option.name() + ", or import it with 'launcher"
                        + " accounts import'.");
    }
}
