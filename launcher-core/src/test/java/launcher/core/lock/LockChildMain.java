package launcher.core.lock;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import launcher.core.spi.LockFolder;

/**
 * Takes a lock in a child JVM so that tests can see it from another process.
 *
 * <ul>
 *   <li>{@code hold FILE}: takes the file lock, prints {@code locked}, and releases it when its
 *       stdin is closed.
 *   <li>{@code try FILE MILLIS}: tries the file lock for MILLIS ms and exits with 0 when it got
 *       it, or 3 when it timed out.
 *   <li>{@code exit-holding FOLDER}: takes the lock folder, prints {@code locked} and exits
 *       without closing it, so that only the shutdown hook removes it.
 * </ul>
 */
public final class LockChildMain {

    /** The exit code of {@code try} when the lock stayed taken. */
    static final int TIMED_OUT = 3;

    private LockChildMain() {
    }

    /** Runs the mode named by the first argument. */
    public static void main(String[] arguments) throws IOException {
        Path path = Path.of(arguments[1]);
        switch (arguments[0]) {
            case "hold" -> {
                try (FileLocks.Held _ = FileLocks.acquire(path, Duration.ofSeconds(30))) {
                    System.out.println("locked");
                    System.out.flush();
                    System.in.readAllBytes();
                }
            }
            case "try" -> {
                Duration timeout = Duration.ofMillis(Long.parseLong(arguments[2]));
                try (FileLocks.Held _ = FileLocks.acquire(path, timeout)) {
                    System.out.println("locked");
                } catch (LockException e) {
                    System.out.println(e.getMessage());
                    System.exit(TIMED_OUT);
                }
            }
            case "exit-holding" -> {
                LockFolders.acquire(new LockFolder(path, Duration.ofMinutes(10)), Duration.ZERO);
                System.out.println("locked");
                System.exit(0);
            }
            default -> throw new IllegalArgumentException("Unknown mode: " + arguments[0]);
        }
    }
}
