package launcher.core.spi;

import java.util.Locale;

/** The operating systems that providers may treat differently. */
public enum OperatingSystem {
    LINUX,
    MACOS,
    WINDOWS,
    OTHER;

    /** Maps a value of the {@code os.name} system property to an operating system. */
    public static OperatingSystem fromName(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return LINUX;
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return MACOS;
        }
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        return OTHER;
    }
}
