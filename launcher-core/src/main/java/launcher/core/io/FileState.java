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

    /** Returns the state described by a file's attributes. */
    public static FileState of(BasicFileAttributes attributes) {
        return new FileState(
                attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
    }
}
