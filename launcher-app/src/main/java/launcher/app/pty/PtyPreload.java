package launcher.app.pty;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /**
     * The system property with the folders where JNA looks for system libraries. When it is not
     * set, JNA 5 runs {@code /sbin/ldconfig -p} on Linux to find them, which took a launch a
     * process start and about 5 ms.
     */
    static final String JNA_PLATFORM_PATH = "jna.platform.library.path";

    /** The name of glibc's C library, after the folder in a line of the memory map. */
    private static final String LIBC_FILE = "/libc.so.6";

    /** The pty4j classes whose static initialisers load the native libraries. */
    private static final String[] CLASSES = {
        "com.pty4j.unix.PtyHelpers", "com.pty4j.unix.CLibrary", "com.pty4j.unix.Pty",
    };

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** The signal that SLF4J is set up, which the preload thread waits for before pty4j. */
    private static final CountDownLatch LOGGING_READY = new CountDownLatch(1);

    private PtyPreload() {
    }

    /**
     * Starts loading pty4j's native side on a daemon thread and returns at once. Before that it
     * sets {@value #JNA_PLATFORM_PATH}, unless it is set, to the folder of the C library, so
     * that JNA finds the library without running {@code ldconfig}. The property is set on the
     * calling thread, before any thread can initialise JNA. Calls after the first do nothing.
     */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        if (System.getProperty(JNA_PLATFORM_PATH) == null) {
            loadedLibcFolder("/proc/self/maps")
                    .ifPresent(folder -> System.setProperty(JNA_PLATFORM_PATH, folder));
        }
        Thread thread = new Thread(PtyPreload::load, "launcher-pty-preload");
        thread.setDaemon(true);
        thread.start();

        // SLF4J 2 gives a thread that requests a logger while another thread sets SLF4J up a
        // substitute, and prints a warning when that logger logs. So SLF4J is set up here while
        // the thread loads JNA, which logs through java.util.logging, and pty4j and LibC, which
        // log through SLF4J, load only after it.
        LoggerFactory.getILoggerFactory();
        LOGGING_READY.countDown();
    }

    /**
     * Initialises the classes by name, because their packages are not exported to this module,
     * and then binds the C library for {@link PtyOutput}. A failure is left for the session to
     * raise, where the launcher reports it or falls back to pty4j's stream.
     */
    private static void load() {
        ClassLoader loader = PtyPreload.class.getClassLoader();
        String jnaFailure = initialize("com.sun.jna.Native", loader);
        try {
            LOGGING_READY.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (jnaFailure != null) {
            log().debug("Preloading JNA failed: {}", jnaFailure);
            return;
        }
        for (String name : CLASSES) {
            String failure = initialize(name, loader);
            if (failure != null) {
                log().debug("Preloading {} failed: {}", name, failure);
                return;
            }
        }
        try {
            LibC.link();
        } catch (LinkageError e) {
            log().debug("Binding the C library failed: {}", e.toString());
        }
    }

    /** Initialises a class by name and returns null, or the failure, which is not logged yet. */
    private static String initialize(String name, ClassLoader loader) {
        try {
            Class.forName(name, true, loader);
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return e.toString();
        }
    }

    /**
     * Returns the logger, which is looked up only when a failure is logged, so that loading this
     * class does not set up SLF4J before the preload thread has started.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(PtyPreload.class);
    }

    /**
     * Returns the folder of the glibc that this process has loaded, from the memory map that
     * Linux lists in {@code /proc/self/maps}, or empty when the file cannot be read or lists no
     * {@code libc.so.6}, as with musl or off Linux. pty4j's libraries are glibc's {@code c} and
     * {@code util}, which glibc installs in one folder. The file is read with {@code java.io},
     * which the JVM has initialised at start, so that the preload thread starts without waiting
     * for the NIO file system classes.
     */
    static Optional<String> loadedLibcFolder(String mapsFile) {
        String maps;
        try (FileInputStream in = new FileInputStream(mapsFile)) {
            maps = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : maps.split("\n")) {
            int start = line.indexOf('/');
            if (start >= 0 && line.endsWith(LIBC_FILE)) {
                return Optional.of(line.substring(start, line.length() - LIBC_FILE.length()));
            }
        }
        return Optional.empty();
    }
}
