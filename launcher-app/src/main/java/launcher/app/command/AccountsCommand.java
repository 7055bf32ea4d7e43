package launcher.app.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import launcher.app.Context;
import launcher.app.ExitCodes;
import launcher.app.UsageException;
import launcher.core.registry.LoadedProvider;
import launcher.core.store.AccountStore;
import launcher.core.store.StoredAccount;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code launcher accounts}: the managed accounts in the launcher's store. */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = "Imports, lists, removes and chooses managed accounts.")
public final class AccountsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private AccountsCommand() {
    }

    /** Returns the {@code accounts} command with its subcommands. */
    public static CommandLine commandLine(Context context) {
        CommandLine accounts = new CommandLine(new AccountsCommand());
        accounts.addSubcommand("import", new Import(context));
        accounts.addSubcommand("list", new ListAccounts(context));
        accounts.addSubcommand("remove", new Remove(context));
        accounts.addSubcommand("default", new Default(context));
        return accounts;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: import, list, remove or default.");
    }

    /** {@code launcher accounts import}. */
    @Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Stores the CLI's current login as a managed account.",
        "Log in with the CLI itself first; with --from, the login is read from a copy of the"
                + " CLI's configuration folder instead.",
    })
    static final class Import implements Callable<Integer> {

        private final Context context;

        @Option(names = "--provider", required = true, paramLabel = "ID",
                description = "The provider of the CLI.")
        private String providerId;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "The name to store the account under, such as work.")
        private String name;

        @Option(names = "--from", paramLabel = "DIR",
                description = "A folder laid out like the CLI's configuration folder.")
        private Path from;

        @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "10",
                converter = LockTimeouts.class,
                description = "How long to wait for the store's lock, in seconds,"
                        + " from 0 to 3600 (default: ${DEFAULT-VALUE}).")
        private Duration lockTimeout;

        Import(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            LoadedProvider provider = context.provider(providerId);
            Context.requireValidName(name);
            Optional<Path> folder = Optional.ofNullable(from).map(context::resolve);
            if (folder.isPresent() && !Files.isDirectory(folder.get())) {
                throw new UsageException("import folder " + folder.get() + " is not a directory.",
                        "Pass a copy of the CLI's configuration folder with --from.");
            }

            StoredAccount imported = context.engine(lockTimeout)
                    .importAccount(provider.provider(), context.environment(), name, folder);
            String email = imported.identity().optionalEmail().map(e -> " (" + e + ")").orElse("");
            context.out().println("Imported account " + imported.name() + email
                    + " for provider " + provider.id() + ".");
            return ExitCodes.OK;
        }
    }

    /** {@code launcher accounts list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the managed accounts, with no secrets.")
    static final class ListAccounts implements Callable<Integer> {

        private final Context context;

        @Option(names = "--provider", paramLabel = "ID",
                description = "Lists only this provider's accounts.")
        private String providerId;

        @Option(names = "--json", description = "Prints JSON instead of a table.")
        private boolean json;

        ListAccounts(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<LoadedProvider> providers = providerId == null
                    ? context.registry().providers()
                    : List.of(context.provider(providerId));
            AccountStore store = context.store();

            ArrayNode rows = JsonNodeFactory.instance.arrayNode();
            for (LoadedProvider provider : providers) {
                Optional<String> defaultName = store.defaultAccount(provider.id());
                for (StoredAccount account : store.accounts(provider.id())) {
                    boolean isDefault = defaultName.filter(account.name()::equals).isPresent();
                    if (json) {
                        ObjectNode row = rows.addObject();
                        row.put("provider", provider.id());
                        row.put("name", account.name());
                        row.put("default", isDefault);
                        Json.putIdentity(row, account.identity());
                        Json.putInstant(row, "createdAt", account.createdAt());
                        Json.putInstant(row, "updatedAt", account.updatedAt());
                    } else {
                        context.out().println(String.join("  ",
                                provider.id(),
                                account.name() + (isDefault ? " (default)" : ""),
                                account.identity().optionalEmail().orElse("-"),
                                account.identity().optionalPlan().orElse("-"),
                                "updated " + account.updatedAt()));
                    }
                }
            }
            if (json) {
                Json.print(context.out(), rows);
            } else if (rows.isEmpty() && noAccounts(providers, store)) {
                context.out().println("No accounts. Import one with 'launcher accounts import"
                        + " --provider ID --name NAME'.");
            }
            return ExitCodes.OK;
        }

        private static boolean noAccounts(List<LoadedProvider> providers, AccountStore store) {
            return providers.stream().allMatch(p -> store.accounts(p.id()).isEmpty());
        }
    }

    /** {@code launcher accounts remove}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = {
        "Removes a managed account from the launcher's store.",
        "The CLI's own files and the vendor's login are left alone: this never logs out.",
    })
    static final class Remove implements Callable<Integer> {

        private final Context context;

        @Option(names = "--provider", required = true, paramLabel = "ID",
                description = "The provider of the account.")
        private String providerId;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "The account to remove.")
        private String name;

        Remove(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            LoadedProvider provider = context.provider(providerId);
            StoredAccount account = context.account(provider, Optional.of(name));
            context.store().removeAccount(provider.id(), account.name());
            context.out().println("Removed account " + account.name() + " of provider "
                    + provider.id() + " from the store.");
            return ExitCodes.OK;
        }
    }

    /** {@code launcher accounts default}. */
    @Command(name = "default", mixinStandardHelpOptions = true,
            description = "Chooses the account that 'launcher' uses when --account is omitted.")
    static final class Default implements Callable<Integer> {

        private final Context context;

        @Option(names = "--provider", required = true, paramLabel = "ID",
                description = "The provider of the account.")
        private String providerId;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "The account to make the default.")
        private String name;

        Default(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            LoadedProvider provider = context.provider(providerId);
            StoredAccount account = context.account(provider, Optional.of(name));
            context.store().setDefaultAccount(provider.id(), account.name());
            context.out().println("Account " + account.name() + " is now the default of provider "
                    + provider.id() + ".");
            return ExitCodes.OK;
        }
    }
}
