package launcher.app.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Prints the version that the build wrote into {@code version.properties}. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        String resource = "/launcher/app/version.properties";
        try (InputStream in = VersionProvider.class.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {
            "launcher " + properties.getProperty("version", "unknown"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}
