package launcher.core.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import launcher.core.ChildJvm;
import launcher.core.spi.LockFolder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFoldersTests {

    private static final Duration SHORT = Duration.ofMillis(200);

    @TempDir
    Path folder;

    @Nested
    class WhenFree {

        @Test
        void acquireCreatesAndCloseRemoves() {
            Path lock = folder.resolve(".claude.json.lock");

            try (LockFolders.Held held =
                    LockFolders.acquire(new LockFolder(lock, Duration.ofSeconds(10)), SHORT)) {
                assertEquals(lock, held.folder());
                assertTrue(Files.isDirectory(lock));
            }

            assertFalse(Files.exists(lock));
        }

        @Test
        void heldFolderIsKeptFresh() throws Exception {
            Path lock = folder.resolve(".claude.json.lock");

            try (LockFolders.Held _ =
                    LockFolders.acquire(new LockFolder(lock, Duration.ofMillis(40)), SHORT)) {
                FileTime first = Files.getLastModifiedTime(lock);
                FileTime current = first;
                for (int check = 0; check < 3000 && current.equals(first); check++) {
                    Thread.sleep(10);
                    current = Files.getLastModifiedTime(lock);
                }

                assertTrue(current.compareTo(first) > 0, "modification time never refreshed");
            }
        }

        @Test
        void exitRemovesHeldFolder() throws Exception {
            Path lock = folder.resolve(".claude.json.lock");

            Process child = ChildJvm.start(LockChildMain.class, "exit-holding", lock.toString());
            String output =
                    new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertEquals(0, child.waitFor(), output);
            assertEquals("locked", output.strip());
            assertFalse(Files.exists(lock));
        }
    }

    @Nested
    class WhenAlreadyTaken {

        @Test
        void staleFolderIsRetaken() throws Exception {
            Path lock = Files.createDirectory(folder.resolve(".claude.json.lock"));
            Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));

            try (LockFolders.Held _ =
                    LockFolders.acquire(new LockFolder(lock, Duration.ofSeconds(10)), SHORT)) {
                Instant modified = Files.getLastModifiedTime(lock).toInstant();
                assertTrue(modified.isAfter(Instant.now().minusSeconds(60)), modified.toString());
            }

            assertFalse(Files.exists(lock));
        }

        @Test
        void liveFolderTimesOut() throws Exception {
            Path lock = Files.createDirectory(folder.resolve(".claude.json.lock"));
            FileTime fresh = Files.getLastModifiedTime(lock);

            LockException error = assertThrows(LockException.class,
                    () -> LockFolders.acquire(new LockFolder(lock, Duration.ofMinutes(10)), SHORT));

            assertTrue(error.getMessage().contains(lock.toString()), error.getMessage());
            assertTrue(error.getMessage().startsWith("Timed out after 200 ms"), error.getMessage());
            assertTrue(error.getMessage().matches(".*, which another process holds\\. Its last"
                    + " change was \\d+ ms ago, and it counts as stale only after 600 s without a"
                    + " change"), error.getMessage());
            assertTrue(Files.isDirectory(lock));
            assertEquals(fresh, Files.getLastModifiedTime(lock));
        }

        @Test
        void waiterGetsFolderAfterRelease() throws Exception {
            Path lock = folder.resolve(".claude.json.lock");
            LockFolder spec = new LockFolder(lock, Duration.ofMinutes(10));
            LockFolders.Held held = LockFolders.acquire(spec, SHORT);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try (LockFolders.Held _ = LockFolders.acquire(spec, Duration.ofMinutes(1))) {
                    assertTrue(Files.isDirectory(lock));
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });

            waiter.start();
            held.close();
            waiter.join();

            assertNull(thrown.get());
            assertFalse(Files.exists(lock));
        }

        @Test
        void staleFolderWithFilesIsLeftAlone() throws Exception {
            Path lock = Files.createDirectory(folder.resolve(".claude.json.lock"));
            Files.writeString(lock.resolve("owner"), "someone");
            Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));

            LockException error = assertThrows(LockException.class,
                    () -> LockFolders.acquire(new LockFolder(lock, Duration.ofSeconds(10)), SHORT));

            assertTrue(error.getMessage().contains("is not empty"), error.getMessage());
            assertTrue(Files.exists(lock.resolve("owner")));
            assertEquals(List.of(".claude.json.lock"), entries(folder));
        }
    }

    @Nested
    class WhenSeveralFindTheSameStaleFolder {

        private static final int THREADS = 4;

        private static final int ROUNDS = 150;

        /**
         * Races several threads for one stale folder in each round. Each holder creates a marker
         * file with {@code CREATE_NEW} while it holds the lock, so a second holder at the same
         * moment fails to create it.
         */
        @Test
        void onlyOneHoldsItAtATime() throws Exception {
            Path lock = folder.resolve(".claude.json.lock");
            Path marker = folder.resolve("holder");
            LockFolder spec = new LockFolder(lock, Duration.ofSeconds(30));
            List<String> overlaps = new CopyOnWriteArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);

            try {
                for (int round = 0; round < ROUNDS; round++) {
                    Files.createDirectory(lock);
                    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));
                    CyclicBarrier start = new CyclicBarrier(THREADS);
                    List<Future<?>> racers = new ArrayList<>();
                    int currentRound = round;
                    for (int racer = 0; racer < THREADS; racer++) {
                        racers.add(threads.submit(() -> {
                            start.await();
                            try (LockFolders.Held _ =
                                    LockFolders.acquire(spec, Duration.ofSeconds(20))) {
                                try {
                                    Files.createFile(marker);
                                } catch (FileAlreadyExistsException e) {
                                    overlaps.add("round " + currentRound);
                                    return null;
                                }
                                Thread.sleep(2);
                                Files.delete(marker);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> racer : racers) {
                        racer.get();
                    }
                    Files.deleteIfExists(marker);
                }
            } finally {
                threads.shutdownNow();
            }

            assertEquals(List.of(), overlaps);
            assertEquals(List.of(), entries(folder));
        }

        /** Refreshes the folder after it was found stale, as a holder that resumes would. */
        @Test
        void folderRefreshedMeanwhileIsKept() throws Exception {
            Path lock = Files.createDirectory(folder.resolve(".claude.json.lock"));
            Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));
            FileTime refreshed = FileTime.from(Instant.now());
            Runnable refresh = () -> {
                try {
                    Files.setLastModifiedTime(lock, refreshed);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };

            LockException error = assertThrows(LockException.class, () -> LockFolders.acquire(
                    new LockFolder(lock, Duration.ofSeconds(10)), SHORT, refresh));

            assertTrue(error.getMessage().startsWith("Timed out"), error.getMessage());
            assertEquals(refreshed, Files.getLastModifiedTime(lock));
            assertEquals(List.of(".claude.json.lock"), entries(folder));
        }
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }
}
