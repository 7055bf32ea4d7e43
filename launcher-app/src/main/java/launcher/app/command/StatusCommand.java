package launcher.app.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import launcher.app.App;
import launcher.app.Context;
import launcher.app.ExitCodes;
import launcher.app.cli.CommandHandler;
import launcher.app.cli.CommandSpec;
import launcher.app.cli.Option;
import launcher.app.cli.ParsedCommand;
import launcher.core.registry.LoadedProvider;
import launcher.core.spi.LauncherException;
import launcher.core.sync.StatusReport;
import launcher.core.sync.StatusReport.TargetStatus;

/** {@code launcher status}: which account is live in each CLI's files, and whether it is intact. */
public final class StatusCommand implements CommandHandler {

    /** The engine's lock timeout, which status never uses: it reads and takes no lock. */
    private static final Duration STATUS_LOCK_TIMEOUT = Duration.ZERO;

    private static final Option<String> PROVIDER =
            Option.text("--provider", "ID", "Shows only this provider.");

    private static final Option<Boolean> JSON =
            Option.flag("--json", "Prints JSON instead of text.");

    private final Context context;

    /** Binds the command to a context. */
    public StatusCommand(Context context) {
        this.context = context;
    }

    /** Returns the {@code status} command. */
    public CommandSpec spec() {
        return new CommandSpec("status",
                "Shows which account is live in each CLI's files and whether the files still match"
                        + " it.",
                "For each file: the account last synced there, whether the file still contains it,"
                        + " when its token expires, and warnings about the environment.")
                .option(PROVIDER)
                .option(JSON)
                .handler(this);
    }

    @Override
    public int run(ParsedCommand parsed) {
        String providerId = parsed.value(PROVIDER);
        boolean json = parsed.value(JSON);
        List<LoadedProvider> providers = providerId == null
                ? context.allProviders()
                : List.of(context.provider(providerId));

        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        int exitCode = ExitCodes.OK;
        for (LoadedProvider provider : providers) {
            StatusReport report;
            try {
                report = context.engine(STATUS_LOCK_TIMEOUT)
                        .status(provider.provider(), context.environment());
            } catch (LauncherException e) {
                // One provider's broken files must not hide the state of the others.
                if (providers.size() == 1) {
                    throw e;
                }
                context.err().println(App.errorLine(
                        "status of " + provider.id() + " failed: " + e.getMessage(), e.fix()));
                exitCode = ExitCodes.of(e);
                continue;
            }
            if (json) {
                rows.add(toJson(report));
            } else {
                printText(provider, report);
            }
        }
        if (json) {
            Json.print(context.out(), rows);
        }
        return exitCode;
    }

    private void printText(LoadedProvider provider, StatusReport report) {
        context.out().println(provider.id() + " (" + provider.displayName() + ")");
        Instant now = Instant.now();
        for (TargetStatus target : report.targets()) {
            String live = target.liveAccount() == null ? "no account synced" : target.liveAccount();
            String state;
            if (!target.exists()) {
                state = "missing";
            } else if (target.liveAccount() == null) {
                state = "not managed";
            } else {
                state = target.matchesLiveAccount() ? "matches" : "changed since the sync";
            }
            String expiry = "";
            if (target.expiresAt() != null) {
                boolean expired = !target.expiresAt().isAfter(now);
                expiry = (expired ? ", expired " : ", expires ") + target.expiresAt();
            }
            String login = target.needsLogin() ? ", needs a new login" : "";
            context.out().println("  " + target.targetId() + "  " + target.path() + "  " + live
                    + ", " + state + expiry + login);
        }
        report.warnings().forEach(warning -> context.out().println("  warning: " + warning));
    }

    private static ObjectNode toJson(StatusReport report) {
        ObjectNode node = Json.object();
        node.put("provider", report.providerId());
        ArrayNode targets = node.putArray("targets");
        for (TargetStatus target : report.targets()) {
            ObjectNode row = targets.addObject();
            row.put("target", target.targetId());
            row.put("path", target.path().toString());
            row.put("exists", target.exists());
            row.put("liveAccount", target.liveAccount());
            row.put("matchesLiveAccount", target.matchesLiveAccount());
            Json.putInstant(row, "expiresAt", target.expiresAt());
            row.put("needsLogin", target.needsLogin());
        }
        ArrayNode warnings = node.putArray("warnings");
        report.warnings().forEach(warnings::add);
        return node;
    }
}
