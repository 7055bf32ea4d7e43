package launcher.core.lock;

import java.nio.file.Path;

/** A wait for a lock that ended early because the caller asked it to stop, not by a timeout. */
public class LockWaitStoppedException extends LockException {

    private static final long serialVersionUID = 1L;

    private final transient Path lock;

    public LockWaitStoppedException(Path lock, String message, String fix) {
        super(message, fix);
        this.lock = lock;
    }

    /** Returns the lock file or folder that was waited for. */
    public Path lock() {
        return lock;
    }
}
