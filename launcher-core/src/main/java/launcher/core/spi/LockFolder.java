package launcher.core.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A lock in the style of the npm package {@code proper-lockfile}: the holder creates
 * {@code folder} with {@code mkdir}, keeps its modification time fresh while it holds the lock
 * and removes it when done. A folder whose modification time is older than {@code staleAfter} is
 * taken to be left by a dead process.
 *
 * @param folder the lock folder, such as {@code ~/.claude.json.lock}
 * @param staleAfter how old the folder's modification time must be before the lock counts as
 *     abandoned
 */
public record LockFolder(Path folder, Duration staleAfter) {

    public LockFolder {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive: " + staleAfter);
        }
    }
}
