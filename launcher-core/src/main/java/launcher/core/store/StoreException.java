package launcher.core.store;

import launcher.core.spi.LauncherException;

/** A store file that cannot be read or written, or a store lock that could not be taken. */
public class StoreException extends LauncherException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, String fix) {
        super(message, fix);
    }

    public StoreException(String message, String fix, Throwable cause) {
        super(message, fix, cause);
    }
}
