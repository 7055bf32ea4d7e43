package launcher.core.io;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * The identity and version of a regular file as the file system reports it: two equal states
 * mean that the file was, as far as a stat call can tell, not rewritten in between.
 *
 * @param fileKey the file system's key for the file (device and inode on Unix), or null where
 *     the file system has none
 * @param size the size in bytes
 * @param lastModified the modification time
 */
public record FileState(Object fileKey, long size, FileTime lastModified) {

    public FileState {
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /**
     * Compares the three components, as a record's own {@code equals} would. It is written out
     * because the generated one is bootstrapped through {@code ObjectMethods} at first use,
     * which spins method handle classes on every start of the launcher.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof FileState state
                && Objects.equals(fileKey, state.fileKey)
                && size == state.size
                && lastModified.equals(state.lastModified);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileKey, size, lastModified);
    }

    /** Returns the state described by a file's attributes. */
    public static FileState of(BasicFileAttributes attributes) {
        return new FileState(
                attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
    }
}
