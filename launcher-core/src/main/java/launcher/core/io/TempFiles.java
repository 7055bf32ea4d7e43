package launcher.core.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the writer's temp files and removes the ones that crashed writers left behind.
 *
 * <p>A temp file is named {@code .NAME.launcher-PID-RANDOM.tmp}, next to its target {@code NAME},
 * so that a later writer can tell whether the process that made it is still running.
 */
final class TempFiles {

    /** The age after which a temp file counts as abandoned even when its pid is in use again. */
    static final Duration STALE_AGE = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(TempFiles.class);

    private static final String MARKER = ".launcher-";
    private static final String SUFFIX = ".tmp";
    private static final Pattern NAME =
            Pattern.compile("\\..*\\.launcher-(\\d{1,19})-[0-9a-z]{1,16}\\.tmp");

    /** Keeps target names short enough that the temp name fits the usual 255-byte limit. */
    private static final int MAX_TARGET_NAME = 100;

    /** The temp files that writers of this process are writing now, in every folder. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    /**
     * This process's id, looked up on first use: {@link ProcessHandle} initialises its native
     * side, which a launch that writes nothing never needs.
     */
    private static final class CurrentProcess {
        static final long PID = ProcessHandle.current().pid();
    }

    private TempFiles() {
    }

    /** Returns a new temp file path next to {@code target} and marks it as in flight. */
    static Path claim(Path target) {
        String name = target.getFileName().toString();
        if (name.length() > MAX_TARGET_NAME) {
            name = name.substring(0, MAX_TARGET_NAME);
        }
        String random = Long.toString(
                ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), Character.MAX_RADIX);
        Path temp = target.resolveSibling(
                "." + name + MARKER + CurrentProcess.PID + "-" + random.toLowerCase(Locale.ROOT)
                        + SUFFIX);

        IN_FLIGHT.add(temp);
        return temp;
    }

    /** Forgets a temp file that was renamed or deleted. */
    static void release(Path temp) {
        IN_FLIGHT.remove(temp);
    }

    /** Returns whether a file name has the form of a writer's temp file. */
    static boolean isTempName(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    /**
     * Deletes the temp files in {@code folder} whose writer is gone, or which are older than
     * {@link #STALE_AGE}. The temp files of this process's running writes are never touched.
     */
    static void removeStale(Path folder) {
        DirectoryStream.Filter<Path> filter = path -> isTempName(path.getFileName().toString());
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, filter)) {
            for (Path temp : stream) {
                removeIfStale(temp);
            }
        } catch (IOException e) {
            LOG.debug("Could not list {} to remove stale temp files", folder, e);
        }
    }

    private static void removeIfStale(Path temp) {
        if (IN_FLIGHT.contains(temp)) {
            return;
        }
        Matcher matcher = NAME.matcher(temp.getFileName().toString());
        if (!matcher.matches()) {
            return;
        }

        long pid;
        try {
            pid = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            return;
        }
        try {
            Instant modified = Files.getLastModifiedTime(temp).toInstant();
            boolean old = modified.isBefore(Instant.now().minus(STALE_AGE));
            if (isAlive(pid) && !old) {
                return;
            }

            Files.deleteIfExists(temp);
            LOG.debug("Removed stale temp file {} of process {}", temp, pid);
        } catch (IOException e) {
            LOG.warn("Could not remove stale temp file {}: {}", temp, e.toString());
        }
    }

    private static boolean isAlive(long pid) {
        if (pid == CurrentProcess.PID) {
            return true;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
