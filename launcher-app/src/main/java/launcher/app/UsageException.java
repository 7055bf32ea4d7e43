package launcher.app;

import launcher.core.spi.LauncherException;

/** Invalid command line input, such as an unknown provider or a worktree that is a file. */
public class UsageException extends LauncherException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message, String fix) {
        super(message, fix);
    }
}
