package launcher.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import launcher.core.io.AtomicWriter;
import launcher.core.json.JsonDocument;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that keeps rewriting its targets at random moments, and checks after each
 * kill that every target is whole: either the old or the new version, never empty or partial.
 *
 * <p>{@code -Dlauncher.reliability.kills=N} sets the number of kills (200 by default) and
 * {@code -Dlauncher.reliability.seed=S} repeats the random delays of an earlier run.
 */
class CrashConsistencyTests {

    private static final int KILLS = Integer.getInteger("launcher.reliability.kills", 200);
    private static final long SEED = Long.getLong("launcher.reliability.seed", System.nanoTime());

    /** The range of the delay between the child's first write and the kill, in milliseconds. */
    private static final int MIN_DELAY_MILLIS = 5;
    private static final int MAX_DELAY_MILLIS = 60;

    @TempDir
    Path folder;

    @Nested
    class WhenAtomicWriterIsKilled {

        @Test
        @Timeout(value = 20, unit = TimeUnit.MINUTES)
        void everyTargetIsOldOrNew() throws Exception {
            List<Path> targets = CrashContents.targets(folder);
            AtomicWriter writer = new AtomicWriter();
            for (int index = 0; index < targets.size(); index++) {
                writer.write(targets.get(index), CrashContents.version(index, 0),
                        CrashContents.isSecret(index), null);
            }
            Random random = new Random(SEED);
            int killsDuringWrite = 0;

            for (int kill = 1; kill <= KILLS; kill++) {
                String context = "kill " + kill + " of " + KILLS + " (seed " + SEED + ")";
                killDuringWrites(random, context);

                checkTargetsAreWhole(targets, context);
                if (!otherFiles(targets).isEmpty()) {
                    killsDuringWrite++;
                }

                writeOtherVersions(writer, targets);
                assertEquals(List.of(), otherFiles(targets),
                        context + ": the next write left files other than the targets behind");
            }

            // A kill that lands while a temp file exists proves that the writes were cut short.
            assertTrue(killsDuringWrite > 0, "none of the " + KILLS + " kills (seed " + SEED
                    + ") landed during a write, so the test checked nothing");
        }
    }

    private void killDuringWrites(Random random, String context) throws Exception {
        Process child = ChildProcesses.start(CrashWriterMain.class, folder.toString());
        try {
            String firstLine = ChildProcesses.readLine(child.getInputStream());
            if (!firstLine.equals(CrashWriterMain.READY)) {
                child.waitFor();
                fail(context + ": the writer did not start: " + firstLine
                        + ChildProcesses.remainingOutput(child));
            }

            int span = MAX_DELAY_MILLIS - MIN_DELAY_MILLIS + 1;
            Thread.sleep(MIN_DELAY_MILLIS + random.nextInt(span));
            if (!child.isAlive()) {
                fail(context + ": the writer exited with " + child.exitValue()
                        + " before it was killed: " + ChildProcesses.remainingOutput(child));
            }
        } finally {
            // On Linux destroyForcibly sends SIGKILL, which the child can neither catch nor delay.
            child.destroyForcibly();
            child.waitFor();
        }
    }

    private static void checkTargetsAreWhole(List<Path> targets, String context)
            throws IOException {
        for (int index = 0; index < targets.size(); index++) {
            Path target = targets.get(index);
            byte[] content = Files.readAllBytes(target);
            boolean old = Arrays.equals(content, CrashContents.version(index, 0));
            boolean updated = Arrays.equals(content, CrashContents.version(index, 1));

            assertTrue(old || updated, context + ": " + target.getFileName() + " has "
                    + content.length + " bytes that are neither version");
            JsonDocument.parse(target, content);
        }
    }

    private static void writeOtherVersions(AtomicWriter writer, List<Path> targets)
            throws Exception {
        for (int index = 0; index < targets.size(); index++) {
            Path target = targets.get(index);
            boolean old = Arrays.equals(
                    Files.readAllBytes(target), CrashContents.version(index, 0));
            writer.write(target, CrashContents.version(index, old ? 1 : 0),
                    CrashContents.isSecret(index), null);
        }
    }

    private List<String> otherFiles(List<Path> targets) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(entry -> !targets.contains(entry))
                    .map(entry -> entry.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }
}
