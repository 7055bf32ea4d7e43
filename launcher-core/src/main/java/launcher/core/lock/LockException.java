package launcher.core.lock;

import launcher.core.spi.LauncherException;

/**
 * A lock that could not be taken because the wait timed out or was interrupted, or because the
 * lock file or folder could not be created.
 */
public class LockException extends LauncherException {

    private static final long serialVersionUID = 1L;

    public LockException(String message, String fix) {
        super(message, fix);
    }

    public LockException(String message, String fix, Throwable cause) {
        super(message, fix, cause);
    }
}
