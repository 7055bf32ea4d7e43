package launcher.core.io;

import java.nio.file.Path;

/**
 * The outcome of {@link AtomicWriter#write}.
 *
 * @param path the path that was requested, possibly a symbolic link
 * @param written whether the file was replaced; false when it already held the bytes
 * @param renameRetries how many times the rename failed and was retried before it succeeded
 */
public record WriteResult(Path path, boolean written, int renameRetries) {
}
