package launcher.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Renames a finished temp file over its target. The seam through which tests inject the errors
 * that Windows raises while another process holds the target open.
 */
@FunctionalInterface
public interface FileMover {

    /**
     * Moves {@code source} to {@code target} in one atomic step, replacing {@code target} if it
     * exists.
     */
    void move(Path source, Path target) throws IOException;

    /** Returns the mover that calls {@link Files#move} with {@code ATOMIC_MOVE}. */
    static FileMover atomic() {
        return (source, target) -> Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
