package launcher.core.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import launcher.core.ChildJvm;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLocksTests {

    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Duration LONG = Duration.ofMinutes(1);

    @TempDir
    Path folder;

    @Nested
    class WithinOneJvm {

        @Test
        void lockFileIsCreatedOwnerOnly() throws Exception {
            Path lockFile = folder.resolve("locks").resolve("claude.lock");

            try (FileLocks.Held held = FileLocks.acquire(lockFile, SHORT)) {
                assertEquals(lockFile, held.file());
                assertTrue(Files.isRegularFile(lockFile));
                assertEquals("rw-------", permissions(lockFile));
                assertEquals("rwx------", permissions(lockFile.getParent()));
            }
        }

        @Test
        void lockFileThatIsFolderIsNamedOnce() throws Exception {
            Path lockFile = Files.createDirectories(folder.resolve("locks").resolve("claude.lock"));

            LockException error = assertThrows(LockException.class,
                    () -> FileLocks.acquire(lockFile, SHORT));

            assertEquals("The lock file " + lockFile + " is a directory", error.getMessage());
            assertEquals("Move the folder " + lockFile + " away, so that the launcher can create"
                    + " its lock file there.", error.fix());
            assertTrue(Files.isDirectory(lockFile));
        }

        @Test
        void folderThatIsFileIsNamed() throws Exception {
            Path file = Files.writeString(folder.resolve("locks"), "");
            Path lockFile = file.resolve("claude.lock");

            LockException error = assertThrows(LockException.class,
                    () -> FileLocks.acquire(lockFile, SHORT));

            assertEquals("Could not open the lock file " + lockFile + ": " + file
                    + " is a file, not a folder", error.getMessage());
            assertEquals("Move the file " + file + " away, or point the variable that names this"
                    + " folder at a folder, then try again.", error.fix());
            assertTrue(Files.isRegularFile(file));
        }

        @Test
        void secondThreadTimesOut() throws Exception {
            Path lockFile = folder.resolve("claude.lock");

            try (FileLocks.Held _ = FileLocks.acquire(lockFile, SHORT)) {
                Throwable thrown = runInThread(() -> FileLocks.acquire(lockFile, SHORT).close());

                LockException error = assertInstanceOf(LockException.class, thrown);
                assertTrue(error.getMessage().contains(lockFile.toString()), error.getMessage());
                assertTrue(error.getMessage().contains("another launcher holds it"),
                        error.getMessage());
            }
        }

        @Test
        void releasedLockCanBeRetaken() throws Exception {
            Path lockFile = folder.resolve("claude.lock");

            FileLocks.acquire(lockFile, SHORT).close();

            try (FileLocks.Held again = FileLocks.acquire(lockFile, SHORT)) {
                assertEquals(lockFile, again.file());
            }
        }

        @Test
        void waiterGetsLockAfterRelease() throws Exception {
            Path lockFile = folder.resolve("claude.lock");
            FileLocks.Held held = FileLocks.acquire(lockFile, SHORT);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            CountDownLatch locked = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                try (FileLocks.Held _ = FileLocks.acquire(lockFile, LONG)) {
                    locked.countDown();
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });

            waiter.start();
            held.close();
            waiter.join();

            assertNull(thrown.get());
            assertEquals(0, locked.getCount());
        }

        @Test
        void interruptStopsTheWait() throws Exception {
            Path lockFile = folder.resolve("claude.lock");

            try (FileLocks.Held _ = FileLocks.acquire(lockFile, SHORT)) {
                AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
                Throwable thrown = runInThread(() -> {
                    Thread.currentThread().interrupt();
                    try {
                        FileLocks.acquire(lockFile, LONG).close();
                    } finally {
                        interruptFlag.set(Thread.currentThread().isInterrupted());
                    }
                });

                LockException error = assertInstanceOf(LockException.class, thrown);
                assertTrue(error.getMessage().startsWith("Interrupted"), error.getMessage());
                assertTrue(interruptFlag.get());
            }
        }
    }

    @Nested
    class AcrossProcesses {

        @Test
        void childsLockMakesParentTimeOut() throws Exception {
            Path lockFile = folder.resolve("claude.lock");
            Process child = ChildJvm.start(LockChildMain.class, "hold", lockFile.toString());
            try {
                BufferedReader output = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("locked", output.readLine());

                LockException error = assertThrows(LockException.class,
                        () -> FileLocks.acquire(lockFile, SHORT));
                assertTrue(error.getMessage().contains(lockFile.toString()), error.getMessage());

                child.getOutputStream().close();
                assertTrue(child.waitFor(1, TimeUnit.MINUTES));
                assertEquals(0, child.exitValue());
                try (FileLocks.Held held = FileLocks.acquire(lockFile, SHORT)) {
                    assertEquals(lockFile, held.file());
                }
            } finally {
                child.destroyForcibly();
            }
        }

        @Test
        void parentsLockMakesChildTimeOut() throws Exception {
            Path lockFile = folder.resolve("claude.lock");

            try (FileLocks.Held _ = FileLocks.acquire(lockFile, SHORT)) {
                Process child = ChildJvm.start(
                        LockChildMain.class, "try", lockFile.toString(), "200");
                String output = new String(
                        child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertEquals(LockChildMain.TIMED_OUT, child.waitFor(), output);
                assertTrue(output.contains("Timed out"), output);
            }
        }

        @Test
        void childGetsLockAfterParentReleases() throws Exception {
            Path lockFile = folder.resolve("claude.lock");
            FileLocks.acquire(lockFile, SHORT).close();

            Process child = ChildJvm.start(LockChildMain.class, "try", lockFile.toString(), "200");
            String output =
                    new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertEquals(0, child.waitFor(), output);
            assertEquals("locked", output.strip());
        }
    }

    /** Runs {@code action} in a new thread and returns what it threw, or null. */
    private static Throwable runInThread(ThrowingAction action) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        thread.start();
        thread.join();
        return thrown.get();
    }

    @FunctionalInterface
    interface ThrowingAction {
        void run() throws Exception;
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
