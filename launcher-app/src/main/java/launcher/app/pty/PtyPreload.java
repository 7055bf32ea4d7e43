package launcher.app.pty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads pty4j's native side on a background thread, so that it is ready when the CLI starts.
 *
 * <p>Loading JNA, libc's bindings and pty4j's own library takes about as long as the sync that
 * comes before the CLI starts, and the two do not depend on each other. A launch starts the
 * preload first and syncs meanwhile. Class initialisation is thread-safe, so a session that
 * starts before the preload is done waits for it, and one that starts after finds it done.
 */
public final class PtyPreload {

    private static final Logger LOG = LoggerFactory.getLogger(PtyPreload.class);

    /**
     * The system property with the folders where JNA looks for system libraries. When it is not
     * set, JNA 5 runs {@code /sbin/ldconfig -p} on Linux to find them, which took a launch a
     * process start and about 5 ms.
     */
    static final String JNA_PLATFORM_PATH = "jna.platform.library.path";

    /** The pty4j classes whose static initialisers load the native libraries. */
    private static final String[] CLASSES = {
        "com.pty4j.unix.PtyHelpers", "com.pty4j.unix.CLibrary", "com.pty4j.unix.Pty",
    };

    private PtyPreload() {
    }

    /**
     * Starts loading pty4j's native side on a daemon thread and returns at once. Before that it
     * sets {@value #JNA_PLATFORM_PATH}, unless it is set, to the folder of the C library, so
     * that JNA finds the library without running {@code ldconfig}. The property is set on the
     * calling thread, before any thread can initialise JNA.
     */
    public static void start() {
        if (System.getProperty(JNA_PLATFORM_PATH) == null) {
            loadedLibcFolder(Path.of("/proc/self/maps"))
                    .ifPresent(folder -> System.setProperty(JNA_PLATFORM_PATH, folder.toString()));
        }
        Thread thread = new Thread(PtyPreload::load, "launcher-pty-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Initialises the classes by name, because their packages are not exported to this module,
     * and then binds the C library for {@link PtyOutput}. A failure is left for the session to
     * raise, where the launcher reports it or falls back to pty4j's stream.
     */
    private static void load() {
        ClassLoader loader = PtyPreload.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("Preloading {} failed: {}", name, e.toString());
                return;
            }
        }
        try {
            LibC.link();
        } catch (LinkageError e) {
            LOG.debug("Binding the C library failed: {}", e.toString());
        }
    }

    /**
     * Returns the folder of the glibc that this process has loaded, from the memory map that
     * Linux lists in {@code /proc/self/maps}, or empty when the file cannot be read or lists no
     * {@code libc.so.6}, as with musl or off Linux. pty4j's libraries are glibc's {@code c} and
     * {@code util}, which glibc installs in one folder.
     */
    static Optional<Path> loadedLibcFolder(Path maps) {
        List<String> lines;
        try {
            lines = Files.readAllLines(maps);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            int start = line.indexOf('/');
            if (start >= 0 && line.endsWith("/libc.so.6")) {
                return Optional.ofNullable(Path.of(line.substring(start)).getParent());
            }
        }
        return Optional.empty();
    }
}
