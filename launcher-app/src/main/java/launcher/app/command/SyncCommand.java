package launcher.app.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import launcher.app.Context;
import launcher.app.ExitCodes;
import launcher.core.registry.LoadedProvider;
import launcher.core.store.StoredAccount;
import launcher.core.sync.SyncReport;
import launcher.core.sync.TargetReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code launcher sync}: puts an account into the CLI's files without starting the CLI. */
@Command(name = "sync", mixinStandardHelpOptions = true, description = {
    "Reads back a token that the CLI refreshed, then puts an account into the CLI's files.",
    "Files that already contain the account are not written.",
})
public final class SyncCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = "--provider", required = true, paramLabel = "ID",
            description = "The provider of the CLI.")
    private String providerId;

    @Option(names = "--account", paramLabel = "NAME",
            description = "The account to sync; the provider's default if omitted.")
    private String account;

    @Option(names = "--dry-run", description = "Reports what would change and writes nothing.")
    private boolean dryRun;

    @Option(names = "--force", description = "Replaces a login in the CLI's files that is not"
            + " stored as an account, which is otherwise kept and stops the sync.")
    private boolean force;

    @Option(names = "--json", description = "Prints JSON instead of text.")
    private boolean json;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "10",
            converter = LockTimeouts.class,
            description = "How long to wait for another launcher's sync, in seconds,"
                    + " from 0 to 3600 (default: ${DEFAULT-VALUE}).")
    private Duration lockTimeout;

    /** Binds the command to a context. */
    public SyncCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        LoadedProvider provider = context.provider(providerId);
        StoredAccount chosen = context.account(provider, Optional.ofNullable(account));

        SyncReport report = context.engine(lockTimeout)
                .sync(provider.provider(), context.environment(), chosen.name(), dryRun, force);

        if (json) {
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
