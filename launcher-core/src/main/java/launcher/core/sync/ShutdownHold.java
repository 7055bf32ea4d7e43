package launcher.core.sync;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds off the JVM's shutdown while a sync writes its targets. A switch writes several files,
 * and SIGTERM, SIGINT or SIGHUP between two of them would leave the files on two accounts. The
 * JVM runs its shutdown hooks on those signals while the other threads go on, so a hook that
 * waits for the writes lets the sync finish, or put back what it wrote, before the process ends.
 * A SIGKILL cannot be held off, which the pending-switch record covers.
 */
final class ShutdownHold implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHold.class);

    /** How long the shutdown waits at the most, so that a stuck write cannot keep it alive. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private static final Object LOCK = new Object();
    private static int writing;
    private static boolean hookAdded;

    private ShutdownHold() {
    }

    /** Starts a hold, which {@link #close()} ends. */
    static ShutdownHold enter() {
        synchronized (LOCK) {
            if (!hookAdded) {
                try {
                    Runtime.getRuntime().addShutdownHook(
                            new Thread(ShutdownHold::awaitWrites, "launcher-sync-shutdown"));
                    hookAdded = true;
                } catch (IllegalStateException e) {
                    // The JVM is shutting down already, so no hook can wait for this sync.
                    LOG.debug("The JVM is shutting down: the sync writes without a hold");
                }
            }
            writing++;
        }
        return new ShutdownHold();
    }

    /** Ends the hold, and lets a waiting shutdown go on when it was the last one. */
    @Override
    public void close() {
        synchronized (LOCK) {
            writing--;
            LOCK.notifyAll();
        }
    }

    private static void awaitWrites() {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        synchronized (LOCK) {
            if (writing > 0) {
                LOG.debug("Shutdown waits for {} sync(s) to finish writing", writing);
            }
            while (writing > 0) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    LOG.warn("A sync was still writing after {} s of shutdown; the next sync"
                            + " finishes the switch", MAX_WAIT.toSeconds());
                    return;
                }
                try {
                    LOCK.wait(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
