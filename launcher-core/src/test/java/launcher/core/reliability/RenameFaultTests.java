package launcher.core.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import launcher.core.io.AtomicWriter;
import launcher.core.io.FileMover;
import launcher.core.io.RetryPolicy;
import launcher.core.io.WriteException;
import launcher.core.io.WriteResult;
import launcher.core.spi.OperatingSystem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Injects failures into the rename through the {@link FileMover} seam, and a full disk into the
 * write of the temp file through a file size limit, and records what the writer does. The
 * outcomes are the table {@code rename-faults} in {@code docs/reliability.md}.
 */
class RenameFaultTests {

    private static final byte[] OLD = bytes("{\"token\":\"old\"}\n");
    private static final byte[] NEW = bytes("{\"token\":\"new-value\"}\n");

    /** The Windows attempts, growth and budget, with 1 ms as the first sleep to keep tests short. */
    private static final RetryPolicy WINDOWS_WITH_SHORT_SLEEPS = new RetryPolicy(
            RetryPolicy.windows().maxAttempts(), Duration.ofMillis(1),
            RetryPolicy.windows().growth(), RetryPolicy.windows().budget());

    private static final int MAX_ATTEMPTS = WINDOWS_WITH_SHORT_SLEEPS.maxAttempts();

    /** The file size limit of the full-disk child, in the 1024-byte blocks of bash's ulimit. */
    private static final int FILE_SIZE_LIMIT_BLOCKS = 64;

    @TempDir
    Path folder;

    /** A rename failure: how the table names it, and the exception for a target. */
    record Fault(String name, Function<Path, Exception> exception) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** What one injected fault did. */
    record Outcome(String result, int attempts, String target, List<String> leftFiles) {

        List<String> row(String fault, String failures) {
            return List.of(fault, failures, result, Integer.toString(attempts), target,
                    Integer.toString(leftFiles.size()));
        }
    }

    /** The failures that Windows raises while another process has a file open. */
    static List<Fault> retryableFaults() {
        return List.of(
                new Fault("`AccessDeniedException`",
                        target -> new AccessDeniedException(target.toString())),
                new Fault("`FileSystemException` (sharing violation)",
                        target -> new FileSystemException(target.toString(), null,
                                "The process cannot access the file because it is being used"
                                        + " by another process")));
    }

    /**
     * The error that Linux raises for a rename over a file with the immutable attribute: EPERM,
     * which the JDK reports as a plain {@link FileSystemException} with this reason.
     */
    private static final Fault IMMUTABLE_FILE = new Fault("EPERM",
            target -> new FileSystemException(target.toString(), null,
                    "Operation not permitted"));

    /** Failures that no retry can cure. */
    static List<Fault> permanentFaults() {
        return List.of(
                new Fault("`NoSuchFileException`",
                        target -> new NoSuchFileException(target.toString())),
                new Fault("`NotDirectoryException`",
                        target -> new NotDirectoryException(target.toString())),
                new Fault("`FileAlreadyExistsException`",
                        target -> new FileAlreadyExistsException(target.toString())),
                new Fault("`DirectoryNotEmptyException`",
                        target -> new DirectoryNotEmptyException(target.toString())),
                new Fault("`FileSystemLoopException`",
                        target -> new FileSystemLoopException(target.toString())),
                new Fault("`AtomicMoveNotSupportedException`",
                        target -> new AtomicMoveNotSupportedException(null, target.toString(),
                                "Invalid cross-device link")),
                new Fault("`IOException` (input/output error)",
                        target -> new IOException("Input/output error")),
                new Fault("`SecurityException` (not an `IOException`)",
                        target -> new SecurityException("denied by a security manager")));
    }

    /**
     * Failures of a rename on Linux that arrive as the classes that Windows uses for an open
     * file: {@code EACCES} as {@code AccessDeniedException}, and the rest as a plain
     * {@code FileSystemException}, to which the JDK maps every errno other than {@code EACCES},
     * {@code ENOENT}, {@code EEXIST} and {@code ELOOP}.
     */
    static List<Fault> linuxFaults() {
        return List.of(
                new Fault("`AccessDeniedException` on Linux (permission denied)",
                        target -> new AccessDeniedException(target.toString())),
                new Fault("`FileSystemException` on Linux (operation not permitted)",
                        IMMUTABLE_FILE.exception()),
                new Fault("`FileSystemException` on Linux (no space left on device)",
                        target -> new FileSystemException(
                                target.toString(), null, "No space left on device")),
                new Fault("`FileSystemException` on Linux (read-only file system)",
                        target -> new FileSystemException(
                                target.toString(), null, "Read-only file system")));
    }

    static Stream<Arguments> retryableFaultsAndCounts() {
        List<Arguments> cases = new ArrayList<>();
        for (Fault fault : retryableFaults()) {
            for (int failures = 1; failures <= 10; failures++) {
                cases.add(Arguments.of(fault, failures));
            }
        }
        return cases.stream();
    }

    @Nested
    class WhenRenameFailsRetryably {

        @ParameterizedTest(name = "{0} {1} times")
        @MethodSource("launcher.core.reliability.RenameFaultTests#retryableFaultsAndCounts")
        void retriesWithinTheAttemptLimit(Fault fault, int failures) throws Exception {
            Outcome outcome = inject(folder, OperatingSystem.WINDOWS, fault, failures);

            assertEquals(List.of(), outcome.leftFiles());
            if (failures < MAX_ATTEMPTS) {
                assertEquals(writtenAfter(failures), outcome.result());
                assertEquals(failures + 1, outcome.attempts());
                assertEquals("new", outcome.target());
            } else {
                assertEquals("error: attempts exhausted", outcome.result());
                assertEquals(MAX_ATTEMPTS, outcome.attempts());
                assertEquals("old", outcome.target());
            }
        }

        @Test
        void exhaustedErrorNamesFileAndFix() throws Exception {
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            AtomicWriter writer = new AtomicWriter(WINDOWS_WITH_SHORT_SLEEPS,
                    new FailingMover(retryableFaults().get(0), Integer.MAX_VALUE));

            WriteException error = assertThrows(
                    WriteException.class, () -> writer.write(target, NEW, true, null));

            assertTrue(error.getMessage().contains(target.toString()), error.getMessage());
            assertTrue(error.getMessage().contains("failed " + MAX_ATTEMPTS + " times"),
                    error.getMessage());
            assertTrue(error.fix().contains(target.toRealPath().toString()), error.fix());
        }

        @Test
        void exhaustedOnLinuxGivesReasonAndAttributes() throws Exception {
            WriteException error = exhaustedWith(OperatingSystem.LINUX, IMMUTABLE_FILE);

            assertTrue(error.getMessage().contains("(Operation not permitted)"),
                    error.getMessage());
            assertFalse(error.getMessage().contains("another process"), error.getMessage());
            assertTrue(error.fix().contains("immutable flag"), error.fix());
            assertFalse(error.fix().contains("Close programs"), error.fix());
        }

        @Test
        void exhaustedOnWindowsBlamesOpenFile() throws Exception {
            WriteException error = exhaustedWith(OperatingSystem.WINDOWS, IMMUTABLE_FILE);

            assertTrue(error.getMessage().contains("(Operation not permitted)"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("another process has the file open"),
                    error.getMessage());
            assertTrue(error.fix().startsWith("Close programs"), error.fix());
        }

        private WriteException exhaustedWith(OperatingSystem operatingSystem, Fault fault)
                throws IOException {
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            AtomicWriter writer = new AtomicWriter(WINDOWS_WITH_SHORT_SLEEPS,
                    new FailingMover(fault, Integer.MAX_VALUE), operatingSystem);

            WriteException error = assertThrows(
                    WriteException.class, () -> writer.write(target, NEW, true, null));
            assertTrue(error.getMessage().contains("failed " + MAX_ATTEMPTS + " times"),
                    error.getMessage());
            assertArrayEquals(OLD, Files.readAllBytes(target));
            return error;
        }
    }

    @Nested
    class WhenWindowsPolicyRetries {

        /**
         * Runs the real policy in a child JVM whose debug log of {@code RenameRetry} is on, and
         * reads the sleeps that the retry requests from the log. The figures are those
         * of {@link RetryPolicy#windows()}: 6 attempts, sleeps of 24, 48, 96, 192 and 384 ms (744
         * ms in all) within a budget of 750 ms. The last sleep is cut to what remains of the
         * budget, so it is only checked to grow and to fit.
         */
        @Test
        void requestsGrowingSleepsWithinBudget() throws Exception {
            List<String> command = new ArrayList<>(ChildProcesses.command(
                    WindowsRetryMain.class, folder.toString()));
            command.add(1, "-Dorg.slf4j.simpleLogger.log.launcher.core.io.RenameRetry=debug");
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = ChildProcesses.remainingOutput(child);
            assertEquals(0, child.waitFor(), "the retry child failed: " + output);

            List<Long> sleeps = new ArrayList<>();
            Matcher matcher = Pattern.compile("retrying in (\\d+) ms").matcher(output);
            while (matcher.find()) {
                sleeps.add(Long.parseLong(matcher.group(1)));
            }
            long total = sleeps.stream().mapToLong(Long::longValue).sum();

            assertTrue(output.contains("attempts 6\n"), "expected 6 attempts: " + output);
            assertEquals(5, sleeps.size(), "expected 5 sleeps between 6 attempts: " + output);
            assertEquals(List.of(24L, 48L, 96L, 192L), sleeps.subList(0, 4),
                    "the first sleeps differ from those of RetryPolicy.windows(): " + output);
            assertTrue(sleeps.get(4) > sleeps.get(3), "the last sleep did not grow: " + sleeps);
            assertTrue(total <= 750, "the sleeps add up to " + total
                    + " ms, more than the budget of 750 ms: " + sleeps);
        }
    }

    @Nested
    class WhenRenameFailsPermanently {

        @ParameterizedTest(name = "{0}")
        @MethodSource("launcher.core.reliability.RenameFaultTests#permanentFaults")
        void failsAtTheFirstAttempt(Fault fault) throws Exception {
            Outcome outcome = inject(folder, OperatingSystem.WINDOWS, fault, Integer.MAX_VALUE);

            assertEquals(1, outcome.attempts());
            assertEquals("old", outcome.target());
            assertEquals(List.of(), outcome.leftFiles());
            assertTrue(outcome.result().startsWith("error"), outcome.result());
        }
    }

    @Nested
    class WhenRenameFailsOnLinux {

        @ParameterizedTest(name = "{0}")
        @MethodSource("launcher.core.reliability.RenameFaultTests#linuxFaults")
        void failsAtTheFirstAttempt(Fault fault) throws Exception {
            Outcome outcome = inject(folder, OperatingSystem.LINUX, fault, Integer.MAX_VALUE);

            assertEquals("error at once", outcome.result());
            assertEquals(1, outcome.attempts());
            assertEquals("old", outcome.target());
            assertEquals(List.of(), outcome.leftFiles());
        }

        @Test
        void errorGivesReasonAndAttributes() throws Exception {
            Path target = folder.resolve("auth.json");
            Files.write(target, OLD);
            AtomicWriter writer = new AtomicWriter(RetryPolicy.forSystem(OperatingSystem.LINUX),
                    new FailingMover(IMMUTABLE_FILE, Integer.MAX_VALUE), OperatingSystem.LINUX);

            WriteException error = assertThrows(
                    WriteException.class, () -> writer.write(target, NEW, true, null));

            assertTrue(error.getMessage().contains(": Operation not permitted. "),
                    error.getMessage());
            assertFalse(error.getMessage().contains("times"), error.getMessage());
            assertTrue(error.fix().contains("immutable flag"), error.fix());
            assertArrayEquals(OLD, Files.readAllBytes(target));
        }

        /** Renames over a file with the immutable attribute, which rename(2) rejects with EPERM. */
        @Test
        void realImmutableTargetFailsOnce() throws Exception {
            OperatingSystem current = OperatingSystem.fromName(System.getProperty("os.name"));
            assumeTrue(current == OperatingSystem.LINUX, "needs Linux, not " + current);
            Path target = folder.resolve(".credentials.json");
            Files.write(target, OLD);
            assumeTrue(chattr("+i", target) == 0,
                    "needs chattr and a user and file system that may set the immutable flag");
            CountingMover mover = new CountingMover();
            AtomicWriter writer = new AtomicWriter(RetryPolicy.forSystem(current), mover);

            WriteException error;
            try {
                error = assertThrows(
                        WriteException.class, () -> writer.write(target, NEW, true, null));
            } finally {
                assertEquals(0, chattr("-i", target));
            }

            assertEquals(1, mover.attempts());
            assertTrue(error.getMessage().contains("Operation not permitted"), error.getMessage());
            assertTrue(error.fix().contains("immutable flag"), error.fix());
            assertArrayEquals(OLD, Files.readAllBytes(target));
            assertEquals(List.of(), otherFiles(folder, target));
        }

        private static int chattr(String flag, Path file) throws Exception {
            try {
                Process chattr = new ProcessBuilder("chattr", flag, file.toString())
                        .redirectErrorStream(true)
                        .start();
                chattr.getInputStream().readAllBytes();
                return chattr.waitFor();
            } catch (IOException e) {
                return -1;
            }
        }
    }

    @Nested
    class WhenDiskIsFull {

        @Test
        void tempWriteFailureKeepsTarget() throws Exception {
            Path target = folder.resolve(".credentials.json");
            Files.write(target, OLD);

            String output = writeUnderFileSizeLimit(target);

            assertTrue(output.startsWith("error: Could not write a temp file for "), output);
            assertTrue(output.contains(target.getFileName().toString()), output);
            assertTrue(output.contains("File too large"), output);
            assertTrue(output.contains("free space"), output);
            assertEquals("old", contentName(target));
            assertEquals(List.of(), otherFiles(folder, target));
        }
    }

    @Nested
    class WhenTheTableIsDocumented {

        @Test
        void documentMatchesMeasuredOutcomes() throws Exception {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Injected fault", "Failures", "Result", "Rename attempts",
                    "Target afterwards", "Files left behind"));
            int run = 0;

            for (Fault fault : retryableFaults()) {
                for (int failures = 1; failures <= 10; failures++) {
                    Path subfolder = Files.createDirectory(folder.resolve("run-" + run++));
                    rows.add(inject(subfolder, OperatingSystem.WINDOWS, fault, failures)
                            .row(fault.name(), Integer.toString(failures)));
                }
            }
            for (Fault fault : permanentFaults()) {
                Path subfolder = Files.createDirectory(folder.resolve("run-" + run++));
                rows.add(inject(subfolder, OperatingSystem.WINDOWS, fault, Integer.MAX_VALUE)
                        .row(fault.name(), "all"));
            }
            for (Fault fault : linuxFaults()) {
                Path subfolder = Files.createDirectory(folder.resolve("run-" + run++));
                rows.add(inject(subfolder, OperatingSystem.LINUX, fault, Integer.MAX_VALUE)
                        .row(fault.name(), "all"));
            }
            rows.add(fullDiskDuringWrite(Files.createDirectory(folder.resolve("run-" + run))));

            DocumentedTable.check("rename-faults", DocumentedTable.render(rows));
        }

        private List<String> fullDiskDuringWrite(Path subfolder) throws Exception {
            Path target = subfolder.resolve(".credentials.json");
            Files.write(target, OLD);

            String output = writeUnderFileSizeLimit(target);

            String result = output.startsWith("error: ") ? "error at once" : output;
            return List.of("full disk while the temp file is written (`EFBIG` under `ulimit -f`)",
                    "1", result, "0", contentName(target),
                    Integer.toString(otherFiles(subfolder, target).size()));
        }
    }

    /**
     * Writes {@link #NEW} over {@link #OLD} with a mover that fails {@code failures} times, under
     * the retry policy of {@code operatingSystem}.
     */
    private static Outcome inject(
            Path folder, OperatingSystem operatingSystem, Fault fault, int failures)
            throws Exception {
        Path target = folder.resolve("auth.json");
        Files.write(target, OLD);
        FailingMover mover = new FailingMover(fault, failures);
        RetryPolicy policy = operatingSystem == OperatingSystem.WINDOWS
                ? WINDOWS_WITH_SHORT_SLEEPS
                : RetryPolicy.forSystem(operatingSystem);
        AtomicWriter writer = new AtomicWriter(policy, mover, operatingSystem);

        String result;
        try {
            WriteResult written = writer.write(target, NEW, true, null);
            result = writtenAfter(written.renameRetries());
        } catch (WriteException e) {
            result = e.getMessage().contains("the rename failed " + mover.attempts() + " times")
                    ? "error: attempts exhausted"
                    : "error at once";
        } catch (SecurityException e) {
            result = "error at once (`SecurityException` passes through)";
        }
        return new Outcome(result, mover.attempts(), contentName(target),
                otherFiles(folder, target));
    }

    private static String writtenAfter(int retries) {
        return "written after " + retries + (retries == 1 ? " retry" : " retries");
    }

    /** Runs {@link FullDiskWriteMain} under a file size limit and returns its output line. */
    private static String writeUnderFileSizeLimit(Path target) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")),
                "needs /bin/bash to set a file size limit with ulimit -f");
        assertTrue(FullDiskWriteMain.SIZE > FILE_SIZE_LIMIT_BLOCKS * 1024);
        List<String> java = ChildProcesses.command(FullDiskWriteMain.class, target.toString());
        String script = "ulimit -f " + FILE_SIZE_LIMIT_BLOCKS + " && exec \"$@\"";
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", script, "bash"));
        command.addAll(java);

        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exitCode = child.waitFor();
        assertEquals(0, exitCode, "the child failed: " + output);
        return output.strip();
    }

    private static String contentName(Path target) throws IOException {
        byte[] content = Files.readAllBytes(target);
        if (Arrays.equals(content, OLD)) {
            return "old";
        }
        if (Arrays.equals(content, NEW)) {
            return "new";
        }
        return content.length + " other bytes";
    }

    private static List<String> otherFiles(Path folder, Path target) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(entry -> !entry.equals(target))
                    .map(entry -> entry.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A mover that counts its calls and renames with the real atomic rename. */
    private static final class CountingMover implements FileMover {

        private int attempts;

        int attempts() {
            return attempts;
        }

        @Override
        public void move(Path source, Path target) throws IOException {
            attempts++;
            FileMover.atomic().move(source, target);
        }
    }

    /** A mover that throws the fault's exception {@code failures} times, then renames. */
    private static final class FailingMover implements FileMover {

        private final Fault fault;
        private final int failures;
        private int attempts;

        FailingMover(Fault fault, int failures) {
            this.fault = fault;
            this.failures = failures;
        }

        int attempts() {
            return attempts;
        }

        @Override
        public void move(Path source, Path target) throws IOException {
            attempts++;
            if (attempts <= failures) {
                Exception exception = fault.exception().apply(target);
                if (exception instanceof IOException ioException) {
                    throw ioException;
                }
                throw (RuntimeException) exception;
            }
            FileMover.atomic().move(source, target);
        }
    }
}
