package launcher.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads a folder tree, such as a store, for tests that check that a command left it as it was. */
final class StoreTree {

    private StoreTree() {
    }

    /**
     * Returns every entry under {@code root} by its relative path: a file's text, or "folder" for
     * a folder. A missing {@code root} gives an empty map.
     */
    static Map<String, String> read(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        if (!Files.exists(root)) {
            return entries;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String name = root.relativize(path).toString();
                entries.put(name, Files.isDirectory(path)
                        ? "folder"
                        : Files.readString(path, StandardCharsets.ISO_8859_1));
            }
        }
        return entries;
    }
}
