package launcher.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renames a temp file over its target, retrying the errors that Windows raises while another
 * process (a virus scanner, an indexer, the CLI itself) holds the target open.
 *
 * <p>Only {@link AccessDeniedException} and an exception whose class is exactly
 * {@link FileSystemException} are retried: on Windows these are how access denied, sharing
 * violation and lock violation arrive. Subclasses such as {@code NoSuchFileException} or
 * {@code NotDirectoryException} fail at once. Errors are classified by type, never by message
 * text, because the text is localised. Under a policy of one attempt, which Linux and macOS
 * use, every failure is thrown at once and unwrapped.
 */
public final class RenameRetry {

    private static final Logger LOG = LoggerFactory.getLogger(RenameRetry.class);

    private final RetryPolicy policy;
    private final FileMover mover;

    /** Creates a retry that moves files with {@code mover} under {@code policy}. */
    public RenameRetry(RetryPolicy policy, FileMover mover) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.mover = Objects.requireNonNull(mover, "mover");
    }

    /** Returns whether a failed rename is worth another attempt. */
    public static boolean isRetryable(IOException failure) {
        return failure instanceof AccessDeniedException
                || failure.getClass() == FileSystemException.class;
    }

    /**
     * Moves {@code source} over {@code target} and returns how many failed attempts came first.
     *
     * @throws RetriesExhaustedException when every attempt failed with a retryable error and the
     *     policy allows more than one attempt
     * @throws IOException the failure, when it is not retryable or the policy allows one attempt
     * @throws InterruptedException when the thread is interrupted while it sleeps between
     *     attempts; the interrupt flag is cleared, as {@link Thread#sleep} leaves it
     */
    public int move(Path source, Path target) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long budgetNanos = policy.budget().toNanos();

        for (int attempt = 1; ; attempt++) {
            try {
                mover.move(source, target);
                return attempt - 1;
            } catch (IOException failure) {
                if (!isRetryable(failure) || policy.maxAttempts() == 1) {
                    throw failure;
                }

                long remainingNanos = budgetNanos - (System.nanoTime() - start);
                if (attempt >= policy.maxAttempts() || remainingNanos <= 0) {
                    throw new RetriesExhaustedException(target, attempt, failure);
                }
                Duration delay = policy.delayAfter(attempt);
                long sleepNanos = Math.min(delay.toNanos(), remainingNanos);

                LOG.debug("Rename to {} failed on attempt {} of {} with {}; retrying in {} ms",
                        target, attempt, policy.maxAttempts(), failure.getClass().getName(),
                        Duration.ofNanos(sleepNanos).toMillis());
                Thread.sleep(Duration.ofNanos(sleepNanos));
            }
        }
    }

    /** Thrown when a rename failed with a retryable error on every attempt within the budget. */
    public static final class RetriesExhaustedException extends IOException {

        private static final long serialVersionUID = 1L;

        private final int attempts;

        RetriesExhaustedException(Path target, int attempts, IOException lastFailure) {
            super("Rename to " + target + " failed " + attempts + " times, last with "
                    + lastFailure.getClass().getName(), lastFailure);
            this.attempts = attempts;
        }

        /** Returns how many attempts were made. */
        public int attempts() {
            return attempts;
        }
    }
}
