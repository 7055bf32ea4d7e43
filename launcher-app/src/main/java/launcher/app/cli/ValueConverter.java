package launcher.app.cli;

/**
 * Converts the text of an option's value to the value that a command reads.
 *
 * @param <T> the type of the converted value
 */
public interface ValueConverter<T> {

    /**
     * Converts one value from the command line.
     *
     * @throws InvalidValueException when the text is not a valid value, with the reason
     */
    T convert(String text);
}
