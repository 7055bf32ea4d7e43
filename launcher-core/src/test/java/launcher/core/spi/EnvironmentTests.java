package launcher.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EnvironmentTests {

    @Nested
    class HomeFolder {

        @Test
        void homeVariableWinsOverUserHome() {
            Path home = Environment.homeFolder(
                    Map.of("HOME", "/tmp/elsewhere"), OperatingSystem.LINUX, "/root");

            assertEquals(Path.of("/tmp/elsewhere"), home);
        }

        @Test
        void missingHomeFallsBackToUserHome() {
            Path home = Environment.homeFolder(Map.of(), OperatingSystem.LINUX, "/root");

            assertEquals(Path.of("/root"), home);
        }

        @Test
        void relativeHomeFallsBackToUserHome() {
            Path home = Environment.homeFolder(
                    Map.of("HOME", "relative"), OperatingSystem.LINUX, "/root");

            assertEquals(Path.of("/root"), home);
        }

        @Test
        void windowsReadsUserProfile() {
            Path home = Environment.homeFolder(
                    Map.of("HOME", "/tmp/msys", "USERPROFILE", "/tmp/profile"),
                    OperatingSystem.WINDOWS, "/root");

            assertEquals(Path.of("/tmp/profile"), home);
        }
    }

    @Test
    void currentUsesHomeVariable() {
        String home = System.getenv("HOME");
        if (home == null || home.isBlank()) {
            org.junit.jupiter.api.Assumptions.abort("HOME is not set in this test JVM");
        }

        assertEquals(Path.of(home), Environment.current().home());
    }
}
