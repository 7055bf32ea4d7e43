package launcher.core.sync;

import java.util.Optional;
import launcher.core.spi.LauncherException;

/**
 * A sync that stopped. The targets are as they were before it started, unless the attached
 * report lists a target that could not be put back.
 */
public class SyncException extends LauncherException {

    private static final long serialVersionUID = 1L;

    private final transient SyncReport report;

    public SyncException(String message, String fix) {
        super(message, fix);
        this.report = null;
    }

    public SyncException(String message, String fix, Throwable cause) {
        super(message, fix, cause);
        this.report = null;
    }

    /** Creates an exception for a sync that had written targets, with what happened to each. */
    public SyncException(String message, String fix, Throwable cause, SyncReport report) {
        super(message, fix, cause);
        this.report = report;
    }

    /**
     * Returns what the sync did to each target before it stopped, such as a rollback. It is
     * empty when the sync stopped before the first write.
     */
    public Optional<SyncReport> report() {
        return Optional.ofNullable(report);
    }
}
