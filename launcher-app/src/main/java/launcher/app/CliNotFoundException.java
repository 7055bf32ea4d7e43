package launcher.app;

import launcher.core.spi.LauncherException;

/**
 * The executable of a provider's CLI is not on {@code PATH}, is not at the given path, or is a
 * script whose interpreter cannot be started.
 */
public class CliNotFoundException extends LauncherException {

    private static final long serialVersionUID = 1L;

    public CliNotFoundException(String message, String fix) {
        super(message, fix);
    }
}
