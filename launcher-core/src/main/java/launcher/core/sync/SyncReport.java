package launcher.core.sync;

import java.util.List;
import java.util.Objects;

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

    public SyncReport {
        Objects.requireNonNull(providerId, "providerId");
        targets = List.copyOf(targets);
        warnings = List.copyOf(warnings);
    }
}
