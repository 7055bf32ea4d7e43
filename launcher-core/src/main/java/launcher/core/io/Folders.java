package launcher.core.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a file where a folder is expected, so that an error can name it. */
public final class Folders {

    private Folders() {
    }

    /**
     * Returns the path, of {@code folder} and its ancestors, that exists but is not a folder,
     * following symbolic links. Returns empty when every part that exists is a folder.
     */
    public static Optional<Path> fileInPlaceOf(Path folder) {
        for (Path part = folder.toAbsolutePath(); part != null; part = part.getParent()) {
            if (Files.exists(part) && !Files.isDirectory(part)) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the message for {@code created}, a file or folder that cannot be created because
     * {@code file} is where one of its folders is expected.
     */
    public static String fileInPlaceMessage(Path file, Object created) {
        return file + " is a file, not a folder, so " + created + " cannot be created in it";
    }

    /** Returns the fix for a file where a folder is expected. */
    public static String fixForFile(Path file) {
        return "Move the file " + file + " away, or point the variable that names this folder at"
                + " a folder, then try again.";
    }
}
