package launcher.core.lock;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import launcher.core.spi.LockFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes locks in the style of the npm package {@code proper-lockfile}. Claude Code 2.1 guards its
 * own writes with such locks (for example {@code ~/.claude.json.lock}), so taking the same lock
 * keeps the launcher and a running CLI from writing the same file at once.
 *
 * <p>The lock is the folder itself: {@code mkdir} succeeds for one process only. While the lock is
 * held, a daemon thread sets the folder's modification time to now every {@code staleAfter / 2},
 * as proper-lockfile does. A folder whose modification time is older than {@code staleAfter} was
 * left by a dead process: it is removed and taken. A folder found fresh is never removed. The folder is
 * removed on {@link AutoCloseable#close()} and, for locks still held, when the JVM exits.
 */
public final class LockFolders {

    private static final Logger LOG = LoggerFactory.getLogger(LockFolders.class);

    /** The shortest refresh interval, so that a tiny {@code staleAfter} cannot busy the thread. */
    private static final Duration MIN_REFRESH = Duration.ofMillis(10);

    /**
     * The longest refresh interval. Some holders judge a lock by how recently its folder changed
     * rather than by its stale time (Claude Code 2.1 treats a refresh lock unchanged for 7.5 s as
     * abandoned although it goes stale after 60 s), so a held lock is touched at least this often.
     */
    private static final Duration MAX_REFRESH = Duration.ofSeconds(1);

    private static final ScheduledExecutorService REFRESHER =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "launcher-lock-folder-refresh");
                thread.setDaemon(true);
                return thread;
            });

    private static final Set<Held> HELD = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> HELD.forEach(Held::close), "launcher-lock-folder-release"));
    }

    private LockFolders() {
    }

    /**
     * Takes the lock that {@code spec} describes, waiting at most {@code timeout} for a live
     * holder to let go.
     *
     * @return the held lock, whose {@code close()} removes the folder and throws nothing
     * @throws LockException when a live holder keeps the lock past the timeout, when the thread is
     *     interrupted while it waits (the interrupt flag stays set), or when the folder cannot be
     *     created or a stale one removed
     */
    public static Held acquire(LockFolder spec, Duration timeout) {
        Path folder = spec.folder().toAbsolutePath().normalize();
        long deadline = System.nanoTime() + timeout.toNanos();
        Polling polling = new Polling();

        while (true) {
            if (tryCreate(folder)) {
                Held held = new Held(folder, spec.staleAfter());
                HELD.add(held);
                held.startRefreshing();
                LOG.debug("Took the lock folder {}", folder);
                return held;
            }

            if (removeIfStale(folder, spec.staleAfter())) {
                continue;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new LockException(
                        "Timed out after " + timeout.toMillis() + " ms waiting for the lock folder "
                                + folder + ", which another process holds and keeps fresh",
                        "Wait for the program that holds it, such as a running CLI, to finish,"
                                + " then try again.");
            }
            try {
                polling.sleepUntilNext(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LockException(
                        "Interrupted while waiting for the lock folder " + folder,
                        "Run the command again.",
                        e);
            }
        }
    }

    private static boolean tryCreate(Path folder) {
        try {
            Files.createDirectory(folder);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new LockException(
                    "Could not create the lock folder " + folder + ": " + e.getMessage(),
                    "Check that " + folder.getParent() + " exists and that your user may write"
                            + " to it.",
                    e);
        }
    }

    /** Removes the folder when its modification time is older than {@code staleAfter}. */
    private static boolean removeIfStale(Path folder, Duration staleAfter) {
        try {
            Instant modified = Files.getLastModifiedTime(folder).toInstant();
            if (!modified.isBefore(Instant.now().minus(staleAfter))) {
                return false;
            }

            // NOTE: like proper-lockfile, two processes that find the same stale folder at once
            // can both remove it, so the later removal may delete the other's fresh lock.
            Files.deleteIfExists(folder);
            LOG.debug("Removed the stale lock folder {}, last refreshed at {}", folder, modified);
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (DirectoryNotEmptyException e) {
            throw new LockException(
                    "The stale lock folder " + folder + " is not empty, so it was left alone",
                    "Make sure no program uses " + folder + ", then remove it.",
                    e);
        } catch (IOException e) {
            throw new LockException(
                    "Could not remove the stale lock folder " + folder + ": " + e.getMessage(),
                    "Make sure no program uses " + folder + ", then remove it.",
                    e);
        }
    }

    /** A lock folder that this process created and keeps fresh until it is closed. */
    public static final class Held implements AutoCloseable {

        private final Path folder;
        private final Duration staleAfter;
        private ScheduledFuture<?> refresh;
        private FileTime lastSet;
        private boolean released;

        private Held(Path folder, Duration staleAfter) {
            this.folder = folder;
            this.staleAfter = staleAfter;
        }

        /** Returns the lock folder. */
        public Path folder() {
            return folder;
        }

        private synchronized void startRefreshing() {
            lastSet = readModifiedTime();
            Duration half = staleAfter.dividedBy(2);
            long period = Math.max(Math.min(half.toMillis(), MAX_REFRESH.toMillis()),
                    MIN_REFRESH.toMillis());
            refresh = REFRESHER.scheduleAtFixedRate(
                    this::refresh, period, period, TimeUnit.MILLISECONDS);
        }

        private synchronized void refresh() {
            if (released) {
                return;
            }
            FileTime current = readModifiedTime();
            if (current == null || !current.equals(lastSet)) {
                LOG.warn("The lock folder {} was removed or taken over by another process while"
                        + " this process held it", folder);
                stopRefreshing();
                return;
            }

            try {
                Files.setLastModifiedTime(folder, FileTime.from(Instant.now()));
                lastSet = readModifiedTime();
            } catch (IOException e) {
                LOG.debug("Could not refresh the lock folder {}: {}", folder, e.toString());
            }
        }

        private FileTime readModifiedTime() {
            try {
                return Files.getLastModifiedTime(folder);
            } catch (IOException e) {
                return null;
            }
        }

        private void stopRefreshing() {
            if (refresh != null) {
                refresh.cancel(false);
            }
        }

        /** Removes the folder, unless another process has taken it over since. */
        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            stopRefreshing();
            HELD.remove(this);

            FileTime current = readModifiedTime();
            if (current == null || !current.equals(lastSet)) {
                LOG.debug("Left the lock folder {} alone: another process took it over", folder);
                return;
            }
            try {
                Files.deleteIfExists(folder);
                LOG.debug("Released the lock folder {}", folder);
            } catch (IOException e) {
                LOG.warn("Could not remove the lock folder {}; it turns stale after {} ms: {}",
                        folder, staleAfter.toMillis(), e.toString());
            }
        }
    }
}
