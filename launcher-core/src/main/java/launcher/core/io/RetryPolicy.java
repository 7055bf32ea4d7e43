package launcher.core.io;

import java.time.Duration;
import java.util.Objects;
import launcher.core.spi.OperatingSystem;

/**
 * How often and how long a failed rename is retried.
 *
 * @param maxAttempts the maximum number of attempts, the first one included; at least 1
 * @param firstDelay the sleep after the first failure
 * @param growth the factor by which each further sleep grows; at least 1
 * @param budget the maximum total time spent sleeping between attempts
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, double growth, Duration budget) {

    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(budget, "budget");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (firstDelay.isNegative()) {
            throw new IllegalArgumentException("firstDelay must not be negative: " + firstDelay);
        }
        if (!(growth >= 1.0) || Double.isInfinite(growth)) {
            throw new IllegalArgumentException("growth must be a finite number >= 1: " + growth);
        }
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative: " + budget);
        }
    }

    /**
     * Returns the policy for renames on {@code operatingSystem}: {@link #windows()} on Windows
     * and {@link #singleAttempt()} elsewhere. On Linux and macOS, rename(2) has no failure that
     * a retry can cure: {@code EACCES}, {@code EPERM}, {@code EROFS}, {@code ENOSPC},
     * {@code EBUSY} and {@code EXDEV} last until the file, its folder or the file system is
     * changed.
     */
    public static RetryPolicy forSystem(OperatingSystem operatingSystem) {
        Objects.requireNonNull(operatingSystem, "operatingSystem");
        return operatingSystem == OperatingSystem.WINDOWS ? windows() : singleAttempt();
    }

    /**
     * Returns 6 attempts with sleeps of 24, 48, 96, 192 and 384 ms in between, 744 ms in all,
     * within a budget of 750 ms: long enough for a virus scanner or indexer to let go of a file.
     */
    public static RetryPolicy windows() {
        return new RetryPolicy(6, Duration.ofMillis(24), 2.0, Duration.ofMillis(750));
    }

    /** Returns one attempt and no sleep, so that a failed rename fails at once. */
    public static RetryPolicy singleAttempt() {
        return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);
    }

    /** Returns the sleep before attempt {@code attempt + 1}, for an attempt counted from 1. */
    Duration delayAfter(int attempt) {
        double millis = firstDelay.toMillis() * Math.pow(growth, attempt - 1);
        return Duration.ofMillis((long) Math.min(millis, budget.toMillis()));
    }
}
