package launcher.core.io;

import java.nio.file.Path;

/**
 * Thrown by {@link AtomicWriter#write} when the target no longer contains what the caller read, so
 * that another process rewrote it in between. Nothing was written: the caller reads the file
 * again, merges its change into the new content and writes again.
 *
 * <p>Checked, because every caller that passes an expected state must decide how to merge again.
 */
public class ConcurrentChangeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public ConcurrentChangeException(Path path) {
        super(path + " was changed by another process after it was read; nothing was written");
        this.path = path;
    }

    /** Returns the file that changed. */
    public Path path() {
        return path;
    }
}
