package launcher.core.io;

import launcher.core.spi.LauncherException;

/**
 * A file that could not be read or written. The message names the file and what failed. It
 * never contains the file's content.
 */
public class WriteException extends LauncherException {

    private static final long serialVersionUID = 1L;

    public WriteException(String message, String fix) {
        super(message, fix);
    }

    public WriteException(String message, String fix, Throwable cause) {
        super(message, fix, cause);
    }
}
