package launcher.core.lock;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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

    /** The suffix of the guard folder through which launchers take turns removing it. */
    private static final String REMOVAL_GUARD_SUFFIX = ".removing";

    /** The suffix, before a process id and a random part, of a folder moved aside for removal. */
    private static final String MOVED_ASIDE_SUFFIX = ".stale-";

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
        return acquire(spec, timeout, System.nanoTime() + timeout.toNanos(), () -> false,
                () -> { });
    }

    /**
     * Takes the lock like {@link #acquire(LockFolder, Duration)}, but waits only until
     * {@code deadline}, a value of {@link System#nanoTime}, so that several locks can share one
     * timeout. The error for a timeout reports {@code timeout}, the whole shared wait. Between
     * two attempts, at most 100 ms apart, the wait ends when
     * {@code stopRequested} returns true.
     *
     * @throws LockWaitStoppedException when {@code stopRequested} ended the wait
     */
    public static Held acquire(
            LockFolder spec, Duration timeout, long deadline, BooleanSupplier stopRequested) {
        return acquire(spec, timeout, deadline, stopRequested, () -> { });
    }

    /**
     * Takes the lock like {@link #acquire(LockFolder, Duration)}, and runs {@code beforeMove}
     * when a stale folder has been checked and is about to be moved aside. Tests use the hook
     * to change the folder at that moment.
     */
    static Held acquire(LockFolder spec, Duration timeout, Runnable beforeMove) {
        return acquire(spec, timeout, System.nanoTime() + timeout.toNanos(), () -> false,
                beforeMove);
    }

    private static Held acquire(LockFolder spec, Duration timeout, long deadline,
            BooleanSupplier stopRequested, Runnable beforeMove) {
        Path folder = spec.folder().toAbsolutePath().normalize();
        Polling polling = new Polling();

        while (true) {
            if (tryCreate(folder)) {
                Held held = new Held(folder, spec.staleAfter());
                HELD.add(held);
                held.startRefreshing();
                LOG.debug("Took the lock folder {}", folder);
                return held;
            }

            if (removeIfStale(folder, spec.staleAfter(), beforeMove)) {
                continue;
            }
            if (stopRequested.getAsBoolean()) {
                throw new LockWaitStoppedException(folder,
                        "Stopped waiting for the lock folder " + folder,
                        "Run the command again.");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw timedOut(folder, timeout, spec.staleAfter());
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

    /**
     * Returns the error for a folder that stayed fresh for the whole wait. A folder counts as
     * held while its modification time is newer than {@code staleAfter}, whether its holder
     * refreshes it or took it a moment ago.
     */
    private static LockException timedOut(Path folder, Duration timeout, Duration staleAfter) {
        String lastChange;
        try {
            Duration age = Duration.between(
                    Files.getLastModifiedTime(folder).toInstant(), Instant.now());
            lastChange = " Its last change was " + Polling.format(age.abs()) + " ago, and it";
        } catch (IOException e) {
            lastChange = " It";
        }
        return new LockException("Timed out after " + Polling.format(timeout)
                + " waiting for the lock folder " + folder + ", which another process holds."
                + lastChange + " counts as stale only after " + Polling.format(staleAfter)
                + " without a change",
                "Wait for the program that holds it, such as a running CLI, to finish,"
                        + " then try again.");
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

    /**
     * Removes the folder when its modification time is older than {@code staleAfter}, and returns
     * whether it is gone. Returns false while the folder is fresh or another launcher is
     * removing it.
     *
     * <p>Launchers that find the same stale folder take turns through a guard folder next to it,
     * and each one moves the lock folder to a unique name before it deletes it. The folder moved
     * aside is deleted only when its file key and modification time are still those found stale.
     * Otherwise it is a live lock, and it goes back. So a launcher never deletes a lock that
     * another launcher took after the stale one was removed.
     *
     * <p>NOTE: windows remain. When a holder refreshes or releases its folder just as it is
     * moved aside, and a third process creates the name before it goes back, two processes hold
     * the lock, and a warning is logged. A guard left by a dead launcher is removed without a
     * check once it is stale, so two launchers may hold the guard at that moment. Claude Code's
     * proper-lockfile removes a stale folder by name without any check. When it and a launcher
     * find the same stale folder, its removal can delete the fresh folder that the launcher
     * created meanwhile, and both hold the lock. The launcher's refresh then logs that its
     * folder was removed, but the launcher goes on.
     */
    private static boolean removeIfStale(Path folder, Duration staleAfter, Runnable beforeMove) {
        try {
            if (!isStale(Files.getLastModifiedTime(folder), staleAfter)) {
                return false;
            }
            Path guard = sibling(folder, REMOVAL_GUARD_SUFFIX);
            if (!tryCreateGuard(guard, staleAfter)) {
                return false;
            }
            try {
                return removeMovedAside(folder, staleAfter, beforeMove);
            } finally {
                deleteGuard(guard);
            }
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

    /**
     * Moves the folder to a unique name and deletes it there when it is still the stale folder,
     * or moves it back. Runs while this process holds the removal guard.
     */
    private static boolean removeMovedAside(Path folder, Duration staleAfter, Runnable beforeMove)
            throws IOException {
        BasicFileAttributes found = attributes(folder);
        if (!isStale(found.lastModifiedTime(), staleAfter)) {
            return false;
        }

        beforeMove.run();
        Path movedAside = sibling(folder, MOVED_ASIDE_SUFFIX + ProcessHandle.current().pid()
                + "-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
        Files.move(folder, movedAside, StandardCopyOption.ATOMIC_MOVE);

        if (!sameFolder(found, attributes(movedAside))) {
            moveBack(movedAside, folder);
            LOG.debug("Left the lock folder {} alone: it was refreshed or taken while it was"
                    + " being removed as stale", folder);
            return false;
        }
        try {
            Files.delete(movedAside);
        } catch (DirectoryNotEmptyException e) {
            moveBack(movedAside, folder);
            throw e;
        }
        LOG.debug("Removed the stale lock folder {}, last refreshed at {}", folder,
                found.lastModifiedTime());
        return true;
    }

    /**
     * Returns whether the folder moved aside is the one found stale. The file key (device and
     * inode on Linux) distinguishes folders, and the modification time distinguishes a refreshed
     * folder, or a new one with a reused inode, from the stale one. Windows has no file key, so
     * there the creation time takes its place.
     */
    private static boolean sameFolder(BasicFileAttributes found, BasicFileAttributes moved) {
        return Objects.equals(found.fileKey(), moved.fileKey())
                && found.lastModifiedTime().equals(moved.lastModifiedTime())
                && found.creationTime().equals(moved.creationTime());
    }

    /**
     * Puts a live lock folder back under its name. Another process may have created a new
     * folder there while it was moved aside. Then that process holds the name, so the folder
     * moved aside is deleted and its holder loses the lock.
     */
    private static void moveBack(Path movedAside, Path folder) throws IOException {
        try {
            // NOTE: without REPLACE_EXISTING the JDK checks that the name is free and then
            // renames, and a folder created between the two steps is replaced.
            Files.move(movedAside, folder);
        } catch (FileAlreadyExistsException e) {
            LOG.warn("The live lock folder {} could not be put back, because another process"
                    + " created a new one meanwhile; two processes may hold the lock", folder);
            Files.deleteIfExists(movedAside);
        }
    }

    /**
     * Creates the guard folder that lets one launcher at a time remove a stale lock folder, and
     * returns whether this process holds it. A guard older than {@code staleAfter} was left by a
     * dead launcher and is removed, so that the next attempt can take it.
     */
    private static boolean tryCreateGuard(Path guard, Duration staleAfter) throws IOException {
        try {
            Files.createDirectory(guard);
            return true;
        } catch (FileAlreadyExistsException e) {
            try {
                if (isStale(Files.getLastModifiedTime(guard), staleAfter)) {
                    Files.deleteIfExists(guard);
                    LOG.debug("Removed the stale guard folder {}", guard);
                }
            } catch (NoSuchFileException gone) {
                // The launcher that held the guard has just removed it.
            }
            return false;
        }
    }

    private static void deleteGuard(Path guard) {
        try {
            Files.deleteIfExists(guard);
        } catch (IOException e) {
            LOG.warn("Could not remove the guard folder {}; it is removed once it is stale: {}",
                    guard, e.toString());
        }
    }

    private static boolean isStale(FileTime modified, Duration staleAfter) {
        return modified.toInstant().isBefore(Instant.now().minus(staleAfter));
    }

    private static BasicFileAttributes attributes(Path folder) throws IOException {
        return Files.readAttributes(
                folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static Path sibling(Path folder, String suffix) {
        return folder.resolveSibling(folder.getFileName() + suffix);
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
