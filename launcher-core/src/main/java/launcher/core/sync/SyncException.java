package launcher.core.sync;

import launcher.core.spi.LauncherException;

/** A sync that stopped; the targets are as they were before it started. */
public class SyncException extends LauncherException {

    private static final long serialVersionUID = 1L;

    public SyncException(String message, String fix) {
        super(message, fix);
    }

    public SyncException(String message, String fix, Throwable cause) {
        super(message, fix, cause);
    }
}
