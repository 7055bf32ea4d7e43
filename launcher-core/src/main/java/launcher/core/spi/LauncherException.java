package launcher.core.spi;

/**
 * A failure that the user can act on. The message is one line that names what failed and the
 * value involved, and {@link #fix()} states what to do. Neither ever contains a secret.
 */
public class LauncherException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fix;

    public LauncherException(String message, String fix) {
        super(message);
        this.fix = fix;
    }

    public LauncherException(String message, String fix, Throwable cause) {
        super(message, cause);
        this.fix = fix;
    }

    /** Returns what the user can do about it, or null when there is nothing to suggest. */
    public String fix() {
        return fix;
    }
}
