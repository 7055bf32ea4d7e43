package launcher.core.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file as {@link AtomicWriter#read(Path)} found it.
 *
 * @param path the path that was requested, possibly a symbolic link
 * @param realPath the regular file at the end of any chain of symbolic links, or, when the file
 *     does not exist, the path at which it would be created
 * @param exists whether the file exists
 * @param content the file's bytes, empty when it does not exist
 * @param state the file's state when it was read, or null when it does not exist
 */
public record TargetFile(
        Path path, Path realPath, boolean exists, byte[] content, FileState state) {

    public TargetFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(realPath, "realPath");
        content = content.clone();
        if (exists != (state != null)) {
            throw new IllegalArgumentException("state must be given exactly when the file exists");
        }
    }

    /** Returns a missing file. */
    public static TargetFile missing(Path path, Path realPath) {
        return new TargetFile(path, realPath, false, new byte[0], null);
    }

    /** Returns a copy of the file's bytes. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Returns whether the file exists and contains exactly these bytes. */
    public boolean hasContent(byte[] bytes) {
        return exists && Arrays.equals(content, bytes);
    }

    /** Returns whether both are missing, or both exist with the same bytes. */
    boolean sameContentAs(TargetFile other) {
        return exists == other.exists && Arrays.equals(content, other.content);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TargetFile file
                && path.equals(file.path)
                && realPath.equals(file.realPath)
                && exists == file.exists
                && Arrays.equals(content, file.content)
                && Objects.equals(state, file.state);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, realPath, exists, Arrays.hashCode(content), state);
    }

    /** Returns the paths, existence and size only, because the content may hold secrets. */
    @Override
    public String toString() {
        return "TargetFile[path=" + path + ", realPath=" + realPath + ", exists=" + exists
                + ", size=" + content.length + "]";
    }
}
