package launcher.app.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import launcher.app.Context;
import launcher.app.ExitCodes;
import launcher.app.cli.CommandHandler;
import launcher.app.cli.CommandSpec;
import launcher.app.cli.Option;
import launcher.app.cli.ParsedCommand;
import launcher.core.registry.LoadedProvider;
import launcher.core.store.StoredAccount;
import launcher.core.sync.SyncReport;
import launcher.core.sync.TargetReport;

/** {@code launcher sync}: puts an account into the CLI's files without starting the CLI. */
public final class SyncCommand implements CommandHandler {

    private static final Option<String> PROVIDER =
            Option.text("--provider", "ID", "The provider of the CLI.").required();

    private static final Option<String> ACCOUNT = Option.text("--account", "NAME",
            "The account to sync; the provider's default if omitted.")
            .completingAccountNames();

    private static final Option<Boolean> DRY_RUN =
            Option.flag("--dry-run", "Reports what would change and writes nothing.");

    private static final Option<Boolean> FORCE = Option.flag("--force",
            "Replaces a login in the CLI's files that is not stored as an account, which is"
                    + " otherwise kept and stops the sync.");

    private static final Option<Boolean> JSON =
            Option.flag("--json", "Prints JSON instead of text.");

    private static final Option<Duration> LOCK_TIMEOUT =
            LockTimeouts.option("How long to wait for another launcher's sync");

    private final Context context;

    /** Binds the command to a context. */
    public SyncCommand(Context context) {
        this.context = context;
    }

    /** Returns the {@code sync} command. */
    public CommandSpec spec() {
        return new CommandSpec("sync",
                "Reads back a token that the CLI refreshed, then puts an account into the CLI's"
                        + " files.",
                "Files that already contain the account are not written.")
                .option(PROVIDER)
                .option(ACCOUNT)
                .option(DRY_RUN)
                .option(FORCE)
                .option(JSON)
                .option(LOCK_TIMEOUT)
                .handler(this);
    }

    @Override
    public int run(ParsedCommand parsed) {
        LoadedProvider provider = context.provider(parsed.value(PROVIDER));
        StoredAccount chosen =
                context.account(provider, Optional.ofNullable(parsed.value(ACCOUNT)), ACCOUNT);

        SyncReport report = context.engine(parsed.value(LOCK_TIMEOUT)).sync(provider.provider(),
                context.environment(), chosen.name(), parsed.value(DRY_RUN), parsed.value(FORCE));

        if (parsed.value(JSON)) {
            Json.print(context.out(), toJson(report, context.environmentWarnings(provider)));
        } else {
            printText(provider, report);
        }
        return ExitCodes.OK;
    }

    private void printText(LoadedProvider provider, SyncReport report) {
        for (TargetReport target : report.targets()) {
            String retries = target.renameRetries() > 0
                    ? " after " + target.renameRetries() + " rename retries"
                    : "";
            String detail = target.detail().isEmpty() ? "" : ": " + target.detail();
            context.out().println(target.targetId() + "  " + target.path() + "  "
                    + target.action() + retries + detail);
        }
        List<String> warnings = new ArrayList<>(context.environmentWarnings(provider));
        warnings.addAll(report.warnings());
        context.printWarnings(warnings);
        String verb = report.dryRun() ? "Would sync" : "Synced";
        context.out().println(verb + " account " + report.account() + " of provider "
                + report.providerId() + ".");
    }

    private static ObjectNode toJson(SyncReport report, List<String> environmentWarnings) {
        ObjectNode node = Json.object();
        node.put("provider", report.providerId());
        node.put("account", report.account());
        node.put("dryRun", report.dryRun());
        ArrayNode targets = node.putArray("targets");
        for (TargetReport target : report.targets()) {
            ObjectNode row = targets.addObject();
            row.put("target", target.targetId());
            row.put("path", target.path().toString());
            row.put("action", target.action().name());
            row.put("renameRetries", target.renameRetries());
            row.put("detail", target.detail());
        }
        ArrayNode warnings = node.putArray("warnings");
        Set<String> distinct = new LinkedHashSet<>(environmentWarnings);
        distinct.addAll(report.warnings());
        distinct.forEach(warnings::add);
        return node;
    }
}
