package launcher.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import launcher.core.sync.TargetReport.Action;

/**
 * The outcome of a sync or a read-back. Holds no secret.
 *
 * @param providerId the provider
 * @param account the account that is live in the targets afterwards, or null when none is
 * @param dryRun whether nothing was written on purpose
 * @param targets one report per target and step, in order
 * @param warnings sentences for the user, such as an account that needs a new login
 */
public record SyncReport(
        String providerId, String account, boolean dryRun, List<TargetReport> targets, List<String> warnings) {

    /** Creates a report. In a dry run, each read-back report becomes a would-be read-back. */
    public SyncReport {
        Objects.requireNonNull(providerId, "providerId");
        targets = dryRun ? asDryRun(targets) : List.copyOf(targets);
        warnings = List.copyOf(warnings);
    }

    /**
     * Returns the reports of a dry run, which stores nothing, so that no report claims that a
     * login was read back into the store.
     */
    private static List<TargetReport> asDryRun(List<TargetReport> targets) {
        List<TargetReport> reports = new ArrayList<>();
        for (TargetReport report : targets) {
            reports.add(report.action() == Action.READ_BACK
                    ? new TargetReport(report.targetId(), report.path(), Action.WOULD_READ_BACK,
                            report.renameRetries(), report.detail())
                    : report);
        }
        return List.copyOf(reports);
    }
}
