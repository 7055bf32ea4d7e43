package launcher.app.cli;

/**
 * A value that a {@link ValueConverter} rejects. The parser reports it with the option's name,
 * so the message describes only the value's problem.
 */
public final class InvalidValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fix;

    /** Creates the exception with what is wrong with the value and how to pass a valid one. */
    public InvalidValueException(String message, String fix) {
        super(message);
        this.fix = fix;
    }

    /** Returns how to pass a valid value, or null. */
    public String fix() {
        return fix;
    }
}
