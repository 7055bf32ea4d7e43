package launcher.core.lock;

import java.time.Duration;

/** The sleeps between attempts to take a busy lock: short at first, then steady. */
final class Polling {

    private static final Duration FIRST = Duration.ofMillis(5);
    private static final Duration MAX = Duration.ofMillis(100);

    private Duration next = FIRST;

    /**
     * Formats a wait for an error message: in whole seconds when it is a whole number of
     * seconds, else in milliseconds.
     */
    static String format(Duration wait) {
        long millis = wait.toMillis();
        return millis >= 1000 && millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /**
     * Sleeps for the next interval, but not past {@code deadlineNanos} of {@link System#nanoTime}.
     */
    void sleepUntilNext(long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        Thread.sleep(Duration.ofNanos(Math.min(next.toNanos(), remaining)));
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(MAX) > 0 ? MAX : doubled;
    }
}
