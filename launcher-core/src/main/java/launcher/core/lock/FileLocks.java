package launcher.core.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import launcher.core.io.Folders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive locks on lock files, between processes and between the threads of this JVM.
 *
 * <p>Across processes the lock is an operating-system lock taken with {@link FileChannel#tryLock},
 * which the system releases when the holder dies, so a crash never leaves a stale lock. Within
 * this JVM the threads first queue on a semaphore per file. That keeps a second channel on the
 * file from ever being opened and closed while the lock is held, which on some systems would
 * release the lock (see {@link FileLock}). The locks are not reentrant.
 */
public final class FileLocks {

    private static final Logger LOG = LoggerFactory.getLogger(FileLocks.class);

    private static final Map<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /** A held lock; closing it releases the lock. */
    public interface Held extends AutoCloseable {

        /** Returns the lock file. */
        Path file();

        @Override
        void close();
    }

    /**
     * Takes the lock on {@code lockFile}, creating the file (owner-only where the file system has
     * POSIX permissions) if it is missing, and waits at most {@code timeout} for another holder.
     *
     * @throws LockException when the lock is still held after the timeout, when the thread is
     *     interrupted while it waits (the interrupt flag stays set), or when the file cannot be
     *     opened
     */
    public static Held acquire(Path lockFile, Duration timeout) {
        Path file = lockFile.toAbsolutePath().normalize();
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore inProcess = IN_PROCESS.computeIfAbsent(file, key -> new Semaphore(1));

        try {
            if (!inProcess.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw timedOut(file, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(file, e);
        }

        try {
            Held held = lockAcrossProcesses(file, timeout, deadline, inProcess);
            LOG.debug("Took the lock file {}", file);
            return held;
        } catch (RuntimeException e) {
            inProcess.release();
            throw e;
        }
    }

    private static Held lockAcrossProcesses(
            Path file, Duration timeout, long deadline, Semaphore inProcess) {
        FileChannel channel = open(file);
        Polling polling = new Polling();
        try {
            while (true) {
                FileLock lock = tryLock(channel, file);
                if (lock != null) {
                    return new HeldFileLock(file, channel, lock, inProcess);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw timedOut(file, timeout);
                }
                polling.sleepUntilNext(deadline);
            }
        } catch (InterruptedException e) {
            closeQuietly(channel, file);
            Thread.currentThread().interrupt();
            throw interrupted(file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel, file);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path file) {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Another channel of this JVM holds the lock, opened outside this class.
            return null;
        } catch (IOException e) {
            throw new LockException(
                    "Could not lock " + file + ": " + e.getMessage(),
                    "Check that " + file + " is on a local file system that supports locks.",
                    e);
        }
    }

    private static FileChannel open(Path file) {
        try {
            Path folder = file.getParent();
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (folder != null && !Files.isDirectory(folder)) {
                if (posix) {
                    Files.createDirectories(folder,
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(folder);
                }
            }

            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            return FileChannel.open(file,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    attributes);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new LockException("The lock file " + file + " is a directory",
                        "Move the folder " + file + " away, so that the launcher can create"
                                + " its lock file there.",
                        e);
            }
            Optional<Path> fileAsFolder = file.getParent() == null
                    ? Optional.empty()
                    : Folders.fileInPlaceOf(file.getParent());
            if (fileAsFolder.isPresent()) {
                throw new LockException("Could not open the lock file " + file + ": "
                        + fileAsFolder.get() + " is a file, not a folder",
                        Folders.fixForFile(fileAsFolder.get()), e);
            }
            // The message of a FileSystemException repeats the path, so only its reason is kept.
            String reason = e instanceof FileSystemException fileSystemException
                    && fileSystemException.getReason() != null
                    ? fileSystemException.getReason()
                    : e.toString();
            throw new LockException(
                    "Could not open the lock file " + file + ": " + reason,
                    "Check that your user may create and write " + file + ".",
                    e);
        }
    }

    private static LockException timedOut(Path file, Duration timeout) {
        return new LockException(
                "Timed out after " + Polling.format(timeout) + " waiting for the lock file " + file
                        + ": another launcher holds it",
                "Wait for the other launcher to finish, or stop it, then try again.");
    }

    private static LockException interrupted(Path file, InterruptedException cause) {
        return new LockException(
                "Interrupted while waiting for the lock file " + file,
                "Run the command again.",
                cause);
    }

    private static void closeQuietly(FileChannel channel, Path file) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Could not close the lock file {}: {}", file, e.toString());
        }
    }

    private static final class HeldFileLock implements Held {

        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;
        private final Semaphore inProcess;
        private boolean closed;

        HeldFileLock(Path file, FileChannel channel, FileLock lock, Semaphore inProcess) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
            this.inProcess = inProcess;
        }

        @Override
        public Path file() {
            return file;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;

            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("Could not release the lock file {}: {}", file, e.toString());
            }
            closeQuietly(channel, file);
            inProcess.release();
            LOG.debug("Released the lock file {}", file);
        }
    }
}
