package launcher.app.command;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts a {@code --lock-timeout} value, a whole number of seconds, to a duration. */
final class LockTimeouts implements ITypeConverter<Duration> {

    /** The maximum wait for the store's lock that {@code --lock-timeout} accepts, one hour. */
    static final long MAX_SECONDS = 3600;

    @Override
    public Duration convert(String value) {
        long seconds;
        try {
            seconds = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a whole number of seconds. Pass 0 to " + MAX_SECONDS
                            + ".");
        }
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new TypeConversionException(
                    value + " seconds is out of range. Pass 0 to " + MAX_SECONDS + ".");
        }
        return Duration.ofSeconds(seconds);
    }
}
