package launcher.core.spi;

/**
 * Thrown by a provider when an environment variable that it reads has an invalid value, such
 * as a relative path where the CLI requires an absolute one. The user fixes it by changing the
 * variable, so the launcher reports it as invalid input.
 */
public class InvalidEnvironmentException extends LauncherException {

    private static final long serialVersionUID = 1L;

    public InvalidEnvironmentException(String message, String fix) {
        super(message, fix);
    }
}
