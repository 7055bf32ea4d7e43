package launcher.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import launcher.core.ChildJvm;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AtomicWriterTests {

    private static final byte[] OLD = bytes("{\"token\":\"old\"}\n");
    private static final byte[] NEW = bytes("{\"token\":\"new-value\"}\n");

    /** A retry policy with short sleeps, so that tests of the retry run quickly. */
    private static final RetryPolicy QUICK =
            new RetryPolicy(6, Duration.ofMillis(1), 2.0, Duration.ofSeconds(5));

    @TempDir
    Path folder;

    @Nested
    class WhenContentIsUnchanged {

        @Test
        void noOpKeepsInodeAndMtime() throws Exception {
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            FileTime past = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
            Files.setLastModifiedTime(target, past);
            Object inode = fileKey(target);

            WriteResult result = new AtomicWriter().write(target, OLD, true, null);

            assertFalse(result.written());
            assertEquals(inode, fileKey(target));
            assertEquals(past, Files.getLastModifiedTime(target));
            assertEquals("rw-r--r--", permissions(target));
        }

        @Test
        void rememberedWriteSkipsTheRead() throws Exception {
            Path target = folder.resolve("auth.json");
            AtomicWriter writer = new AtomicWriter();
            writer.write(target, NEW, true, null);
            FileTime written = Files.getLastModifiedTime(target);
            byte[] sameSize = NEW.clone();
            sameSize[2] = 'X';

            // Changes the bytes in place but restores every part of the state the record keeps,
            // so only a read could notice the change.
            Files.write(target, sameSize, StandardOpenOption.TRUNCATE_EXISTING);
            Files.setLastModifiedTime(target, written);
            WriteResult result = writer.write(target, NEW, true, null);

            assertFalse(result.written());
            assertArrayEquals(sameSize, Files.readAllBytes(target));
        }

        @Test
        void replacementWithSameSizeAndMtime() throws Exception {
            Path target = folder.resolve("auth.json");
            AtomicWriter writer = new AtomicWriter();
            writer.write(target, NEW, true, null);
            Object inode = fileKey(target);
            assumeTrue(inode != null, "the file system reports no file keys");
            byte[] sameSize = NEW.clone();
            sameSize[2] = 'X';

            // Another process replaces the file as this writer does, by a rename, and gives the
            // new file the old size and modification time, so only the inode differs.
            Path other = folder.resolve("auth.json.other");
            Files.write(other, sameSize);
            Files.setLastModifiedTime(other, Files.getLastModifiedTime(target));
            Files.move(other, target, StandardCopyOption.ATOMIC_MOVE);
            assertNotEquals(inode, fileKey(target));
            WriteResult result = writer.write(target, NEW, true, null);

            assertTrue(result.written());
            assertArrayEquals(NEW, Files.readAllBytes(target));
        }

        @Test
        void lateDifferenceInLargeFile() throws Exception {
            Path target = folder.resolve("state.json");
            byte[] large = new byte[200_000];
            Arrays.fill(large, (byte) 'a');
            byte[] lastByteDiffers = large.clone();
            lastByteDiffers[large.length - 1] = 'b';
            Files.write(target, lastByteDiffers);

            WriteResult result = new AtomicWriter().write(target, large, false, null);

            assertTrue(result.written());
            assertArrayEquals(large, Files.readAllBytes(target));
        }

        @Test
        void largeUnchangedFileIsLeftAlone() throws Exception {
            Path target = folder.resolve("state.json");
            byte[] large = new byte[200_000];
            Arrays.fill(large, (byte) 'a');
            Files.write(target, large);
            Object inode = fileKey(target);

            WriteResult result = new AtomicWriter().write(target, large, false, null);

            assertFalse(result.written());
            assertEquals(inode, fileKey(target));
        }

        @Test
        void callerChangingArrayIsNoticed() throws Exception {
            Path target = folder.resolve("auth.json");
            AtomicWriter writer = new AtomicWriter();
            byte[] content = NEW.clone();
            writer.write(target, content, true, null);

            content[2] = 'X';
            WriteResult result = writer.write(target, content, true, null);

            assertTrue(result.written());
            assertArrayEquals(content, Files.readAllBytes(target));
        }

        @Test
        void changedStateFallsBackToRead() throws Exception {
            Path target = folder.resolve("auth.json");
            AtomicWriter writer = new AtomicWriter();
            writer.write(target, NEW, true, null);

            Files.write(target, OLD, StandardOpenOption.TRUNCATE_EXISTING);
            WriteResult result = writer.write(target, NEW, true, null);

            assertTrue(result.written());
            assertArrayEquals(NEW, Files.readAllBytes(target));
        }
    }

    @Nested
    class WithContentCheck {

        /** Returns content of more than one read chunk, so that the chunks are summed in order. */
        private static byte[] largeContent() {
            byte[] large = new byte[700_000];
            for (int i = 0; i < large.length; i++) {
                large[i] = (byte) ('a' + i % 26);
            }
            return large;
        }

        @Test
        void sameBytesReturnState() throws Exception {
            Path target = folder.resolve("state.json");
            byte[] large = largeContent();
            Files.write(target, large);

            FileState state = new AtomicWriter().stateIfMatches(target, ContentCheck.of(large));

            assertEquals(FileState.of(Files.readAttributes(target, BasicFileAttributes.class)),
                    state);
        }

        @Test
        void lastByteDifferingReturnsNull() throws Exception {
            Path target = folder.resolve("state.json");
            byte[] large = largeContent();
            byte[] lastByteDiffers = large.clone();
            lastByteDiffers[large.length - 1] = '!';
            Files.write(target, lastByteDiffers);

            assertNull(new AtomicWriter().stateIfMatches(target, ContentCheck.of(large)));
        }

        @Test
        void otherSizeReturnsNull() throws Exception {
            Path target = folder.resolve("state.json");
            Files.write(target, NEW);

            assertNull(new AtomicWriter().stateIfMatches(target, ContentCheck.of(OLD)));
        }

        @Test
        void missingFileReturnsNull() {
            Path target = folder.resolve("missing.json");

            assertNull(new AtomicWriter().stateIfMatches(target, ContentCheck.of(new byte[0])));
        }

        @Test
        void checkOfChunksEqualsCheckOfArray() {
            byte[] large = largeContent();
            ContentCheck.Accumulator accumulator = new ContentCheck.Accumulator();
            ByteBuffer buffer = ByteBuffer.wrap(large);
            buffer.limit(1000);
            accumulator.update(buffer);
            buffer.position(1000).limit(large.length);
            accumulator.update(buffer);

            assertEquals(ContentCheck.of(large), accumulator.result());
        }
    }

    @Nested
    class WhenContentChanges {

        @Test
        void unflushedWriteReplacesFile() throws Exception {
            Path target = folder.resolve("checks.json");
            Files.write(target, OLD);
            Object inode = fileKey(target);
            AtomicWriter writer = new AtomicWriter();

            WriteResult first = writer.writeWithoutFlush(target, NEW, true);
            WriteResult second = writer.writeWithoutFlush(target, NEW, true);

            assertTrue(first.written());
            assertFalse(second.written());
            assertArrayEquals(NEW, Files.readAllBytes(target));
            assertNotEquals(inode, fileKey(target));
            assertEquals("rw-------", permissions(target));
        }

        @Test
        void missingFileIsCreated() throws Exception {
            Path target = folder.resolve("auth.json");

            WriteResult result = new AtomicWriter().write(target, NEW, false, null);

            assertTrue(result.written());
            assertEquals(0, result.renameRetries());
            assertArrayEquals(NEW, Files.readAllBytes(target));
            assertEquals(List.of(target), listFolder(folder));
        }

        @Test
        void existingFileIsReplacedByRename() throws Exception {
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            Object inode = fileKey(target);

            WriteResult result = new AtomicWriter().write(target, NEW, false, null);

            assertTrue(result.written());
            assertArrayEquals(NEW, Files.readAllBytes(target));
            assertNotEquals(inode, fileKey(target));
            assertEquals(List.of(target), listFolder(folder));
        }

        @Test
        void secretTempFileIsOwnerOnly() throws Exception {
            assumePosix();
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
            List<String> tempPermissions = new CopyOnWriteArrayList<>();
            AtomicWriter writer = new AtomicWriter(QUICK, (source, destination) -> {
                tempPermissions.add(permissions(source));
                FileMover.atomic().move(source, destination);
            });

            writer.write(target, NEW, true, null);

            assertEquals(List.of("rw-------"), tempPermissions);
            assertEquals("rw-------", permissions(target));
        }

        @Test
        void secretTempUnderUmaskZero() throws Exception {
            assumePosix();
            Path target = folder.resolve("auth.json");
            List<String> command = ChildJvm.command(SecretWriteMain.class, target.toString());
            String shellCommand = "umask 000 && exec \"$@\"";
            List<String> shell = Stream.concat(
                    Stream.of("sh", "-c", shellCommand, "sh"), command.stream()).toList();

            Process child = new ProcessBuilder(shell).redirectErrorStream(true).start();
            byte[] output = child.getInputStream().readAllBytes();
            int exitCode = child.waitFor();

            String printed = new String(output, StandardCharsets.UTF_8);
            assertEquals(0, exitCode, printed);
            assertEquals("rw-------", printed.strip());
            assertEquals("rw-------", permissions(target));
        }

        @Test
        void plainFileKeepsItsPermissions() throws Exception {
            assumePosix();
            Path target = folder.resolve("settings.json");
            Files.write(target, OLD);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
            List<String> tempPermissions = new CopyOnWriteArrayList<>();
            AtomicWriter writer = new AtomicWriter(QUICK, (source, destination) -> {
                tempPermissions.add(permissions(source));
                FileMover.atomic().move(source, destination);
            });

            writer.write(target, NEW, false, null);

            assertEquals(List.of("rw-r-----"), tempPermissions);
            assertEquals("rw-r-----", permissions(target));
        }

        @Test
        void missingSecretFolderIsOwnerOnly() throws Exception {
            assumePosix();
            Path target = folder.resolve("config").resolve("codex").resolve("auth.json");

            new AtomicWriter().write(target, NEW, true, null);

            assertArrayEquals(NEW, Files.readAllBytes(target));
            assertEquals("rwx------", permissions(target.getParent()));
            assertEquals("rwx------", permissions(target.getParent().getParent()));
        }
    }

    @Nested
    class WithSymbolicLinks {

        @Test
        void chainOfTwoLinksStaysLinked() throws Exception {
            Path real = Files.createDirectories(folder.resolve("dotfiles")).resolve("auth.json");
            Files.write(real, OLD);
            Path middle = Files.createSymbolicLink(folder.resolve("middle.json"), real);
            Path target = Files.createSymbolicLink(folder.resolve("auth.json"), middle);

            WriteResult result = new AtomicWriter().write(target, NEW, true, null);

            assertTrue(result.written());
            assertTrue(Files.isSymbolicLink(target));
            assertTrue(Files.isSymbolicLink(middle));
            assertEquals(middle, Files.readSymbolicLink(target));
            assertEquals(real, Files.readSymbolicLink(middle));
            assertArrayEquals(NEW, Files.readAllBytes(real));
            assertEquals(List.of(real), listFolder(real.getParent()));
        }

        @Test
        void readFollowsTheChain() throws Exception {
            Path real = folder.resolve("real.json");
            Files.write(real, OLD);
            Path middle = Files.createSymbolicLink(folder.resolve("middle.json"), real);
            Path target = Files.createSymbolicLink(folder.resolve("auth.json"), middle);

            TargetFile file = new AtomicWriter().read(target);

            assertTrue(file.exists());
            assertEquals(target, file.path());
            assertEquals(real.toRealPath(), file.realPath());
            assertArrayEquals(OLD, file.content());
        }

        @Test
        void danglingLinkIsRejected() throws Exception {
            Path missing = folder.resolve("gone.json");
            Path target = Files.createSymbolicLink(folder.resolve("auth.json"), missing);

            WriteException error = assertThrows(WriteException.class,
                    () -> new AtomicWriter().write(target, NEW, true, null));

            assertTrue(error.getMessage().contains(target.toString()), error.getMessage());
            assertTrue(error.getMessage().contains("does not exist"), error.getMessage());
            assertFalse(Files.exists(missing, LinkOption.NOFOLLOW_LINKS));
            assertEquals(List.of(target), listFolder(folder));
        }

        @Test
        void linkLoopInFolderIsNamed() throws Exception {
            Path config = folder.resolve("config");
            Files.createSymbolicLink(config, folder.resolve("config-link"));
            Files.createSymbolicLink(folder.resolve("config-link"), config);
            Path target = config.resolve("auth.json");

            WriteException error = assertThrows(WriteException.class,
                    () -> new AtomicWriter().write(target, NEW, true, null));

            assertEquals("Could not read " + target + ": the symbolic link " + config
                    + " leads back to itself through a loop of links", error.getMessage());
            assertEquals("Point " + config + " at a real file or folder, or remove it, then try"
                    + " again.", error.fix());
        }
    }

    @Nested
    class WhenTargetIsNotAFile {

        @Test
        void directoryIsRejected() throws Exception {
            Path target = Files.createDirectory(folder.resolve("auth.json"));

            WriteException error = assertThrows(WriteException.class,
                    () -> new AtomicWriter().write(target, NEW, true, null));

            assertTrue(error.getMessage().contains("is a directory"), error.getMessage());
            assertTrue(error.fix().contains(target.toString()), error.fix());
            assertEquals(List.of(target), listFolder(folder));
            assertEquals(List.of(), listFolder(target));
        }

        @Test
        void namedPipeIsRejected() throws Exception {
            Path target = folder.resolve("auth.json");
            int exitCode = new ProcessBuilder("mkfifo", target.toString()).start().waitFor();
            assumeTrue(exitCode == 0, "mkfifo is not available to make a named pipe");

            WriteException error = assertThrows(WriteException.class,
                    () -> new AtomicWriter().write(target, NEW, true, null));

            assertTrue(error.getMessage().contains("not a regular file"), error.getMessage());
            assertEquals(List.of(target), listFolder(folder));
        }

        @Test
        void fileAsFolderIsRejected() throws Exception {
            Path notAFolder = folder.resolve("config");
            Files.write(notAFolder, OLD);
            Path target = notAFolder.resolve("auth.json");

            WriteException error = assertThrows(WriteException.class,
                    () -> new AtomicWriter().write(target, NEW, true, null));

            assertTrue(error.getMessage().contains(notAFolder.toString()), error.getMessage());
            assertArrayEquals(OLD, Files.readAllBytes(notAFolder));
        }

        @Test
        void errorNeverHoldsTheContent() throws Exception {
            Path target = Files.createDirectory(folder.resolve("auth.json"));

            WriteException error = assertThrows(WriteException.class,
                    () -> new AtomicWriter().write(target, NEW, true, null));

            assertFalse(error.getMessage().contains("new-value"), error.getMessage());
            assertFalse(error.fix().contains("new-value"), error.fix());
        }
    }

    @Nested
    class WhenRenameFails {

        static Stream<Arguments> retryableFailures() {
            return Stream.of(
                    Arguments.of("access denied", failure(AccessDeniedException::new)),
                    Arguments.of("sharing violation", failure(FileSystemException::new)));
        }

        static Stream<Arguments> permanentFailures() {
            return Stream.of(
                    Arguments.of("no such file", failure(NoSuchFileException::new)),
                    Arguments.of("not a directory", failure(NotDirectoryException::new)),
                    Arguments.of("file system loop", failure(FileSystemLoopException::new)),
                    Arguments.of("no atomic move", (Function<Path, IOException>) path ->
                            new AtomicMoveNotSupportedException(path.toString(), null, "EXDEV")),
                    Arguments.of("plain I/O error", (Function<Path, IOException>) path ->
                            new IOException("Input/output error")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("retryableFailures")
        void retryableFailureHealsAfterRetries(String name, Function<Path, IOException> failure)
                throws Exception {
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            FailingMover mover = new FailingMover(2, failure);

            WriteResult result = new AtomicWriter(QUICK, mover).write(target, NEW, true, null);

            assertTrue(result.written());
            assertEquals(2, result.renameRetries());
            assertEquals(3, mover.calls.get());
            assertArrayEquals(NEW, Files.readAllBytes(target));
            assertEquals(List.of(target), listFolder(folder));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("permanentFailures")
        void permanentFailureFailsAtOnce(String name, Function<Path, IOException> failure)
                throws Exception {
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            FailingMover mover = new FailingMover(Integer.MAX_VALUE, failure);

            WriteException error = assertThrows(WriteException.class,
                    () -> new AtomicWriter(QUICK, mover).write(target, NEW, true, null));

            assertEquals(1, mover.calls.get());
            assertTrue(error.getMessage().contains(target.toString()), error.getMessage());
            assertArrayEquals(OLD, Files.readAllBytes(target));
            assertEquals(List.of(target), listFolder(folder));
        }

        @Test
        void spentAttemptsLeaveTargetIntact() throws Exception {
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            FailingMover mover =
                    new FailingMover(Integer.MAX_VALUE, failure(FileSystemException::new));

            WriteException error = assertThrows(WriteException.class,
                    () -> new AtomicWriter(QUICK, mover).write(target, NEW, true, null));

            assertEquals(6, mover.calls.get());
            assertTrue(error.getMessage().contains(target.toString()), error.getMessage());
            assertTrue(error.getMessage().contains("java.nio.file.FileSystemException"),
                    error.getMessage());
            assertArrayEquals(OLD, Files.readAllBytes(target));
            assertEquals(List.of(target), listFolder(folder));
        }

        @Test
        void spentBudgetStopsBeforeMaxAttempts() throws Exception {
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            FailingMover mover =
                    new FailingMover(Integer.MAX_VALUE, failure(AccessDeniedException::new));
            RetryPolicy zeroBudget = new RetryPolicy(100, Duration.ofMillis(1), 1.0, Duration.ZERO);

            WriteException error = assertThrows(WriteException.class,
                    () -> new AtomicWriter(zeroBudget, mover).write(target, NEW, true, null));

            assertEquals(1, mover.calls.get());
            assertTrue(error.getMessage().contains("java.nio.file.AccessDeniedException"),
                    error.getMessage());
            assertArrayEquals(OLD, Files.readAllBytes(target));
            assertEquals(List.of(target), listFolder(folder));
        }

        @Test
        void interruptDuringBackoffStopsRetry() throws Exception {
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            CountDownLatch firstFailure = new CountDownLatch(1);
            FileMover mover = (source, destination) -> {
                firstFailure.countDown();
                throw new AccessDeniedException(destination.toString());
            };
            RetryPolicy slow =
                    new RetryPolicy(3, Duration.ofMinutes(5), 1.0, Duration.ofMinutes(10));
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
            Thread writerThread = new Thread(() -> {
                try {
                    new AtomicWriter(slow, mover).write(target, NEW, true, null);
                } catch (Throwable e) {
                    thrown.set(e);
                }
                interruptFlag.set(Thread.currentThread().isInterrupted());
            });

            writerThread.start();
            assertTrue(firstFailure.await(1, TimeUnit.MINUTES));
            writerThread.interrupt();
            writerThread.join();

            WriteException error = assertInstanceOf(WriteException.class, thrown.get());
            assertTrue(error.getMessage().startsWith("Interrupted"), error.getMessage());
            assertTrue(interruptFlag.get());
            assertArrayEquals(OLD, Files.readAllBytes(target));
            assertEquals(List.of(target), listFolder(folder));
        }
    }

    @Nested
    class WithStaleTempFiles {

        @Test
        void deadWritersTempFileIsRemoved() throws Exception {
            Process finished = new ProcessBuilder("true").start();
            finished.waitFor();
            Path stale = folder.resolve(".auth.json.launcher-" + finished.pid() + "-abc123.tmp");
            Files.write(stale, OLD);

            new AtomicWriter().write(folder.resolve("auth.json"), NEW, true, null);

            assertFalse(Files.exists(stale));
        }

        @Test
        void liveWritersTempFileIsKept() throws Exception {
            Process running = new ProcessBuilder("sleep", "60").start();
            try {
                Path live = folder.resolve(".auth.json.launcher-" + running.pid() + "-abc123.tmp");
                Files.write(live, OLD);

                new AtomicWriter().write(folder.resolve("auth.json"), NEW, true, null);

                assertTrue(Files.exists(live));
            } finally {
                running.destroy();
                running.waitFor();
            }
        }

        @Test
        void oldTempFileIsRemoved() throws Exception {
            Process running = new ProcessBuilder("sleep", "60").start();
            try {
                Path old = folder.resolve(".auth.json.launcher-" + running.pid() + "-abc123.tmp");
                Files.write(old, OLD);
                Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
                Files.setLastModifiedTime(old, FileTime.from(twoHoursAgo));

                new AtomicWriter().write(folder.resolve("auth.json"), NEW, true, null);

                assertFalse(Files.exists(old));
            } finally {
                running.destroy();
                running.waitFor();
            }
        }

        @Test
        void otherFilesAreKept() throws Exception {
            Path unrelated = folder.resolve(".auth.json.backup-1-abc.tmp");
            Files.write(unrelated, OLD);

            new AtomicWriter().write(folder.resolve("auth.json"), NEW, true, null);

            assertTrue(Files.exists(unrelated));
        }
    }

    @Nested
    class WithExpectedContent {

        @Test
        void changeAfterReadIsDetected() throws Exception {
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            AtomicWriter writer = new AtomicWriter();
            TargetFile read = writer.read(target);
            byte[] rewritten = bytes("{\"token\":\"rotated-by-the-cli\"}\n");

            Files.write(target, rewritten);
            ConcurrentChangeException error = assertThrows(ConcurrentChangeException.class,
                    () -> writer.write(target, NEW, true, read));

            assertEquals(target, error.path());
            assertArrayEquals(rewritten, Files.readAllBytes(target));
            assertEquals(List.of(target), listFolder(folder));
        }

        @Test
        void creationAfterReadIsDetected() throws Exception {
            Path target = folder.resolve("auth.json");
            AtomicWriter writer = new AtomicWriter();
            TargetFile read = writer.read(target);

            Files.write(target, OLD);

            assertFalse(read.exists());
            assertThrows(ConcurrentChangeException.class,
                    () -> writer.write(target, NEW, true, read));
            assertArrayEquals(OLD, Files.readAllBytes(target));
        }

        @Test
        void unchangedFileIsWritten() throws Exception {
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            AtomicWriter writer = new AtomicWriter();
            TargetFile read = writer.read(target);

            WriteResult result = writer.write(target, NEW, true, read);

            assertTrue(result.written());
            assertArrayEquals(NEW, Files.readAllBytes(target));
        }
    }

    /** A mover that fails a given number of times, then moves. */
    private static final class FailingMover implements FileMover {

        final AtomicInteger calls = new AtomicInteger();
        private final int failures;
        private final Function<Path, IOException> failure;

        FailingMover(int failures, Function<Path, IOException> failure) {
            this.failures = failures;
            this.failure = failure;
        }

        @Override
        public void move(Path source, Path target) throws IOException {
            if (calls.incrementAndGet() <= failures) {
                throw failure.apply(target);
            }
            FileMover.atomic().move(source, target);
        }
    }

    private static Function<Path, IOException> failure(Function<String, IOException> type) {
        return path -> type.apply(path.toString());
    }

    private static void assumePosix() {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        assumeTrue(posix, "the file system has no POSIX permissions");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Object fileKey(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<Path> listFolder(Path path) throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            return files.sorted().toList();
        }
    }
}
