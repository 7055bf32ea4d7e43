package launcher.core.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds off the JVM's shutdown while a sync writes its targets. A switch writes several files,
 * and SIGTERM, SIGINT or SIGHUP between two of them would leave the files on two accounts. The
 * JVM runs its shutdown hooks on those signals while the other threads go on, so a hook that
 * waits for the writes lets the sync finish, or put back what it wrote, before the process ends.
 * A SIGKILL cannot be held off, which the pending-switch record covers.
 *
 * <p>Once the shutdown has begun, {@link #stopRequested()} returns true, so that a sync that
 * waits for a lock of the CLI stops waiting and puts back what it wrote. The hook prints the
 * lines that such a sync reports through {@link #reportStop(String)}, because the process ends
 * when the hook returns, before the sync's caller could print its error.
 */
final class ShutdownHold implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHold.class);

    /** How long the shutdown waits at the most, so that a stuck write cannot keep it alive. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private static final Object LOCK = new Object();
    private static int writing;
    private static boolean hookAdded;
    private static boolean shuttingDown;
    private static final List<String> STOP_REPORTS = new ArrayList<>();

    /** Whether the shutdown had begun when this hold started. */
    private final boolean startedDuringShutdown;

    private ShutdownHold(boolean startedDuringShutdown) {
        this.startedDuringShutdown = startedDuringShutdown;
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
            return new ShutdownHold(shuttingDown);
        }
    }

    /** Returns whether the JVM's shutdown has begun, so that a sync should stop waiting. */
    static boolean stopRequested() {
        synchronized (LOCK) {
            return shuttingDown;
        }
    }

    /**
     * Records a line for standard error, without the {@code launcher: } prefix, that the
     * shutdown prints once every sync has finished writing. It must not contain a secret.
     */
    static void reportStop(String line) {
        synchronized (LOCK) {
            STOP_REPORTS.add(line);
        }
    }

    /**
     * Ends the hold, and lets a waiting shutdown go on when it was the last one. When the
     * shutdown began during this hold, the calling thread then waits for the JVM to end, so that
     * it neither reports the stopped sync a second time nor goes on, for example to start the
     * CLI. A hold that started during the shutdown, as in another shutdown hook, returns.
     */
    @Override
    public void close() {
        boolean waitForExit;
        synchronized (LOCK) {
            writing--;
            LOCK.notifyAll();
            waitForExit = shuttingDown && !startedDuringShutdown;
        }
        if (waitForExit) {
            LOG.debug("The sync ended during shutdown; the thread waits for the JVM to end");
            awaitExit();
        }
    }

    private static void awaitExit() {
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    // The JVM ends when its shutdown hooks return. Until then, an interrupt
                    // must not let the sync's caller go on.
                    LOG.debug("Interrupted while the JVM shuts down");
                }
            }
        }
    }

    private static void awaitWrites() {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        List<String> reports;
        synchronized (LOCK) {
            shuttingDown = true;
            if (writing > 0) {
                LOG.debug("Shutdown waits for {} sync(s) to finish writing", writing);
            }
            while (writing > 0) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    LOG.warn("A sync was still writing after {} s of shutdown; the next sync"
                            + " finishes the switch", MAX_WAIT.toSeconds());
                    break;
                }
                try {
                    LOCK.wait(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            reports = List.copyOf(STOP_REPORTS);
        }
        for (String line : reports) {
            System.err.println("launcher: " + line);
        }
        System.err.flush();
    }
}
