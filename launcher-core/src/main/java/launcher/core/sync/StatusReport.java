package launcher.core.sync;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of a provider's targets. Holds no secret.
 *
 * @param providerId the provider
 * @param targets one entry per target
 * @param warnings the provider's warnings about the environment, and blanked tokens
 */
public record StatusReport(String providerId, List<TargetStatus> targets, List<String> warnings) {

    public StatusReport {
        Objects.requireNonNull(providerId, "providerId");
        targets = List.copyOf(targets);
        warnings = List.copyOf(warnings);
    }

    /**
     * The state of one target.
     *
     * @param targetId the target
     * @param path the file
     * @param exists whether the file exists
     * @param liveAccount the account last synced into it, or null
     * @param matchesLiveAccount whether the file still contains that account's stored fields, or a
     *     newer login of it
     * @param expiresAt when the token in the file expires, or null when unknown
     * @param needsLogin whether the file holds blanked tokens
     */
    public record TargetStatus(
            String targetId, Path path, boolean exists, String liveAccount,
            boolean matchesLiveAccount, Instant expiresAt, boolean needsLogin) {
    }
}
