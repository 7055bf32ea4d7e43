package launcher.app.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import launcher.app.App;
import launcher.app.Context;
import launcher.app.ExitCodes;
import launcher.app.UsageException;
import launcher.app.cli.CommandHandler;
import launcher.app.cli.CommandSpec;
import launcher.app.cli.Option;
import launcher.app.cli.ParsedCommand;
import launcher.core.registry.LoadedProvider;
import launcher.core.spi.LauncherException;
import launcher.core.store.AccountStore;
import launcher.core.store.StoredAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code launcher accounts}: the managed accounts in the launcher's store. */
public final class AccountsCommand {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsCommand.class);

    private AccountsCommand() {
    }

    /** Returns the {@code accounts} command with its subcommands. */
    public static CommandSpec spec(Context context) {
        return new CommandSpec("accounts",
                "Imports, lists, removes and chooses managed accounts.")
                .subcommand(new Import(context).spec())
                .subcommand(new ListAccounts(context).spec())
                .subcommand(new Remove(context).spec())
                .subcommand(new Default(context).spec());
    }

    /** {@code launcher accounts import}. */
    static final class Import implements CommandHandler {

        private static final Option<String> PROVIDER = Option.text("--provider", "ID",
                "The provider of the CLI.").required();

        private static final Option<String> NAME = Option.text("--name", "NAME",
                "The name to store the account under, such as work.").required();

        private static final Option<Path> FROM = Option.directory("--from", "DIR",
                "A folder laid out like the CLI's configuration folder.");

        private static final Option<Duration> LOCK_TIMEOUT =
                LockTimeouts.option("How long to wait for the store's lock");

        private final Context context;

        Import(Context context) {
            this.context = context;
        }

        CommandSpec spec() {
            return new CommandSpec("import",
                    "Stores the CLI's current login as a managed account.",
                    "Log in with the CLI itself first; with --from, the login is read from a copy"
                            + " of the CLI's configuration folder instead.")
                    .option(PROVIDER)
                    .option(NAME)
                    .option(FROM)
                    .option(LOCK_TIMEOUT)
                    .handler(this);
        }

        @Override
        public int run(ParsedCommand parsed) {
            LoadedProvider provider = context.provider(parsed.value(PROVIDER));
            String name = parsed.value(NAME);
            Context.requireValidName(name);
            Optional<Path> folder = Optional.ofNullable(parsed.value(FROM)).map(context::resolve);
            if (folder.isPresent() && !Files.isDirectory(folder.get())) {
                String problem = Files.exists(folder.get())
                        ? " is not a directory."
                        : " does not exist.";
                throw new UsageException("import folder " + folder.get() + problem,
                        "Pass a copy of the CLI's configuration folder with --from.");
            }

            Optional<StoredAccount> before = context.store().account(provider.id(), name);
            StoredAccount imported = context.engine(parsed.value(LOCK_TIMEOUT))
                    .importAccount(provider.provider(), context.environment(), name, folder);
            String email = imported.identity().optionalEmail().map(e -> " (" + e + ")").orElse("");

            // The engine returns the stored account unchanged when its login is as new or newer.
            boolean unchanged = before.isPresent()
                    && before.get().updatedAt().equals(imported.updatedAt());
            if (unchanged) {
                context.out().println("Kept account " + imported.name() + email + " of provider "
                        + provider.id() + " unchanged: it already holds this login or a newer"
                        + " one.");
            } else if (before.isPresent()) {
                context.out().println("Updated account " + imported.name() + email
                        + " of provider " + provider.id() + " with the newer login in the files.");
            } else {
                context.out().println("Imported account " + imported.name() + email
                        + " for provider " + provider.id() + ".");
            }
            return ExitCodes.OK;
        }
    }

    /** {@code launcher accounts list}. */
    static final class ListAccounts implements CommandHandler {

        private static final Option<String> PROVIDER = Option.text("--provider", "ID",
                "Lists only this provider's accounts.");

        private static final Option<Boolean> JSON =
                Option.flag("--json", "Prints JSON instead of a table.");

        private static final Option<Boolean> NAMES = Option.flag("--names",
                "Prints only the account names, one a line and each once, for scripts such as"
                        + " the bash completion.");

        private final Context context;

        ListAccounts(Context context) {
            this.context = context;
        }

        CommandSpec spec() {
            return new CommandSpec("list", "Lists the managed accounts, with no secrets.")
                    .option(PROVIDER)
                    .option(JSON)
                    .option(NAMES)
                    .handler(this);
        }

        @Override
        public int run(ParsedCommand parsed) {
            String providerId = parsed.value(PROVIDER);
            boolean json = parsed.value(JSON);
            if (json && parsed.value(NAMES)) {
                throw new UsageException("--json and --names cannot be combined.",
                        "Pass one of them.");
            }
            List<LoadedProvider> providers = providerId == null
                    ? context.allProviders()
                    : List.of(context.provider(providerId));
            AccountStore store = context.store();
            if (parsed.value(NAMES)) {
                printNames(providers, store);
                return ExitCodes.OK;
            }

            ArrayNode rows = JsonNodeFactory.instance.arrayNode();
            int exitCode = ExitCodes.OK;
            boolean anyAccount = false;
            for (LoadedProvider provider : providers) {
                Optional<String> defaultName;
                List<StoredAccount> accounts;
                try {
                    defaultName = store.defaultAccount(provider.id());
                    accounts = store.accounts(provider.id());
                } catch (LauncherException e) {
                    // One provider's broken store file must not hide the others' accounts.
                    if (providers.size() == 1) {
                        throw e;
                    }
                    context.err().println(App.errorLine("the accounts of " + provider.id()
                            + " cannot be listed: " + e.getMessage(), e.fix()));
                    exitCode = ExitCodes.of(e);
                    continue;
                }
                anyAccount |= !accounts.isEmpty();
                for (StoredAccount account : accounts) {
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
            } else if (!anyAccount && exitCode == ExitCodes.OK) {
                context.out().println("No accounts. Import one with 'launcher accounts import"
                        + " --provider ID --name NAME'.");
            }
            return exitCode;
        }

        /**
         * Prints the account names for scripts such as the shell completion, leaving out a
         * provider whose store file cannot be read, unless it is the only one.
         */
        private void printNames(List<LoadedProvider> providers, AccountStore store) {
            Set<String> names = new LinkedHashSet<>();
            for (LoadedProvider provider : providers) {
                try {
                    store.accounts(provider.id()).forEach(account -> names.add(account.name()));
                } catch (LauncherException e) {
                    if (providers.size() == 1) {
                        throw e;
                    }
                    LOG.debug("Left out the accounts of {}: {}", provider.id(), e.getMessage());
                }
            }
            names.forEach(context.out()::println);
        }
    }

    /** {@code launcher accounts remove}. */
    static final class Remove implements CommandHandler {

        private static final Option<String> PROVIDER = Option.text("--provider", "ID",
                "The provider of the account.").required();

        private static final Option<String> NAME = Option.text("--name", "NAME",
                "The account to remove.").required().completingAccountNames();

        private final Context context;

        Remove(Context context) {
            this.context = context;
        }

        CommandSpec spec() {
            return new CommandSpec("remove",
                    "Removes a managed account from the launcher's store.",
                    "The CLI's own files and the vendor's login are left alone: this never logs"
                            + " out.")
                    .option(PROVIDER)
                    .option(NAME)
                    .handler(this);
        }

        @Override
        public int run(ParsedCommand parsed) {
            LoadedProvider provider = context.provider(parsed.value(PROVIDER));
            StoredAccount account =
                    context.account(provider, Optional.of(parsed.value(NAME)), NAME);
            boolean wasDefault = context.store().defaultAccount(provider.id())
                    .filter(account.name()::equals).isPresent();
            context.store().removeAccount(provider.id(), account.name());
            context.out().println("Removed account " + account.name() + " of provider "
                    + provider.id() + " from the store.");

            if (wasDefault) {
                Optional<String> next = context.store().defaultAccount(provider.id());
                context.out().println(next
                        .map(name -> "Account " + name + " is now the default of provider "
                                + provider.id() + ".")
                        .orElse("Provider " + provider.id() + " has no accounts left."));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code launcher accounts default}. */
    static final class Default implements CommandHandler {

        private static final Option<String> PROVIDER = Option.text("--provider", "ID",
                "The provider of the account.").required();

        private static final Option<String> NAME = Option.text("--name", "NAME",
                "The account to make the default.").required().completingAccountNames();

        private final Context context;

        Default(Context context) {
            this.context = context;
        }

        CommandSpec spec() {
            return new CommandSpec("default",
                    "Chooses the account that 'launcher' uses when --account is omitted.")
                    .option(PROVIDER)
                    .option(NAME)
                    .handler(this);
        }

        @Override
        public int run(ParsedCommand parsed) {
            LoadedProvider provider = context.provider(parsed.value(PROVIDER));
            StoredAccount account =
                    context.account(provider, Optional.of(parsed.value(NAME)), NAME);
            context.store().setDefaultAccount(provider.id(), account.name());
            context.out().println("Account " + account.name() + " is now the default of provider "
                    + provider.id() + ".");
            return ExitCodes.OK;
        }
    }
}
