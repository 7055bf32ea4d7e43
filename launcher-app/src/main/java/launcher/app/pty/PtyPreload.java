package launcher.app.pty;

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

    /** The pty4j classes whose static initialisers load the native libraries. */
    private static final String[] CLASSES = {
        "com.pty4j.unix.PtyHelpers", "com.pty4j.unix.CLibrary", "com.pty4j.unix.Pty",
    };

    private PtyPreload() {
    }

    /** Starts loading pty4j's native side on a daemon thread and returns at once. */
    public static void start() {
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
}
