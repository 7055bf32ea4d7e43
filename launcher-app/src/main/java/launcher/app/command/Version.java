package launcher.app.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/** The version lines of {@code --version}: the launcher's, from the build, and the JVM's. */
public final class Version {

    private Version() {
    }

    /**
     * Returns the launcher's version, which the build wrote into {@code version.properties},
     * and the JVM's version and name.
     *
     * @throws UncheckedIOException when the properties cannot be read
     */
    public static List<String> lines() {
        Properties properties = new Properties();
        String resource = "/launcher/app/version.properties";
        try (InputStream in = Version.class.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return List.of(
                "launcher " + properties.getProperty("version", "unknown"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
    }
}
