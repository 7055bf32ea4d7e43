package launcher.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Nested
    class AbsoluteFolder {

        @TempDir
        Path root;

        @Test
        void normalizesFolderThatMayBeMissing() {
            String value = root + "/config/../work/";

            assertEquals(root.resolve("work"), Environment.absoluteFolder("CLI_HOME", value));
        }

        @Test
        void rejectsRelativePath() {
            InvalidEnvironmentException error = assertThrows(InvalidEnvironmentException.class,
                    () -> Environment.absoluteFolder("CLI_HOME", "profiles/work"));

            assertEquals("CLI_HOME is not an absolute path: profiles/work", error.getMessage());
            assertEquals("Set CLI_HOME to an absolute path.", error.fix());
        }

        @Test
        void rejectsFileAboveFolder() throws IOException {
            Path file = Files.writeString(root.resolve("file"), "");
            Path folder = file.resolve("config");

            InvalidEnvironmentException error = assertThrows(InvalidEnvironmentException.class,
                    () -> Environment.absoluteFolder("CLI_HOME", folder.toString()));

            assertEquals("CLI_HOME is " + folder + ", but " + file + " is a file, not a folder",
                    error.getMessage());
            assertEquals("Point CLI_HOME at a folder, then try again.", error.fix());
        }
    }
}
