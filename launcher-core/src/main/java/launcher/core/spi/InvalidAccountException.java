package launcher.core.spi;

/** Thrown by a provider when a snapshot contains no usable login. */
public class InvalidAccountException extends LauncherException {

    private static final long serialVersionUID = 1L;

    public InvalidAccountException(String message, String fix) {
        super(message, fix);
    }
}
