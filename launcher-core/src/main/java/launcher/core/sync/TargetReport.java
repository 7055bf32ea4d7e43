package launcher.core.sync;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The outcome of a sync for one target. Holds no secret, so it may be printed and logged.
 *
 * @param targetId the provider's id of the target
 * @param path the file
 * @param action what happened
 * @param renameRetries how many times the final rename was retried
 * @param detail one sentence for people, or an empty string
 */
public record TargetReport(String targetId, Path path, Action action, int renameRetries, String detail) {

    public TargetReport {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
    }

    /** The action that a sync took, or would take, on a target. */
    public enum Action {
        /** The file already held the account: nothing was written. */
        UNCHANGED,
        /** The file was replaced atomically. */
        WRITTEN,
        /** A dry run: the file would be replaced. */
        WOULD_WRITE,
        /** A refreshed login was read from the file into the store. */
        READ_BACK,
        /** A dry run: a refreshed login would be read from the file into the store. */
        WOULD_READ_BACK,
        /** The file was written, then put back because a later target failed. */
        ROLLED_BACK
    }
}
