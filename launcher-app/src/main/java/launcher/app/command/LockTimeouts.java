package launcher.app.command;

import java.time.Duration;
import launcher.app.cli.InvalidValueException;
import launcher.app.cli.Option;
import launcher.app.cli.ValueConverter;

/** Converts a {@code --lock-timeout} value, a whole number of seconds, to a duration. */
final class LockTimeouts implements ValueConverter<Duration> {

    /** The maximum wait for the store's lock that {@code --lock-timeout} accepts, one hour. */
    static final long MAX_SECONDS = 3600;

    /** The wait when {@code --lock-timeout} is not given, in seconds. */
    static final long DEFAULT_SECONDS = 10;

    /**
     * Returns the {@code --lock-timeout} option, described as {@code what} followed by its unit,
     * range and default.
     */
    static Option<Duration> option(String what) {
        return Option.converted("--lock-timeout", "SECONDS",
                what + ", in seconds, from 0 to " + MAX_SECONDS + " (default: " + DEFAULT_SECONDS
                        + ").",
                new LockTimeouts())
                .withDefault(Long.toString(DEFAULT_SECONDS));
    }

    @Override
    public Duration convert(String value) {
        String fix = "Pass a whole number of seconds from 0 to " + MAX_SECONDS + ".";
        // Long.parseLong alone would also take a plus sign and non-ASCII digits such as '٣'.
        if (!value.matches("-?[0-9]+")) {
            throw new InvalidValueException("'" + value + "' is not a whole number of seconds",
                    fix);
        }
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            // Only a number too large for a long gets here.
            seconds = Long.MAX_VALUE;
        }
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new InvalidValueException(value + " seconds is out of range", fix);
        }
        return Duration.ofSeconds(seconds);
    }
}
