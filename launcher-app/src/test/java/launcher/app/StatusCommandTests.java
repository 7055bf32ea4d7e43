package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusCommandTests {

    @TempDir
    Path root;

    LauncherRun launcher;

    @BeforeEach
    void importAccount() throws IOException {
        launcher = new LauncherRun(root);
        launcher.logIn("id-work", "alice@work.example", "token-work-1", 1_000L);
        launcher.importAccount("work");
    }

    private JsonNode statusJson() throws IOException {
        LauncherRun.Result result = launcher.run("status", "--provider", "testcli", "--json");
        assertEquals(0, result.exitCode(), result.both());
        assertFalse(result.out().contains("token-"), result.out());
        return new ObjectMapper().readTree(result.out()).get(0);
    }

    @Nested
    class WhenFilesHoldLiveAccount {

        @Test
        void reportsLiveAccountAndExpiry() throws IOException {
            JsonNode target = statusJson().get("targets").get(0);

            assertEquals("auth", target.get("target").asText());
            assertEquals("work", target.get("liveAccount").asText());
            assertTrue(target.get("matchesLiveAccount").asBoolean());
            assertEquals("1970-01-01T01:00:01Z", target.get("expiresAt").asText());
            assertFalse(target.get("needsLogin").asBoolean());
        }

        @Test
        void printsOneLinePerFile() {
            LauncherRun.Result result = launcher.run("status");

            assertEquals(0, result.exitCode(), result.both());
            assertEquals("testcli (Test CLI)\n  auth  " + launcher.authFile()
                    + "  work, matches, expired 1970-01-01T01:00:01Z\n", result.out());
        }

        @Test
        void printsFutureExpiryAsExpires() throws IOException {
            launcher.logIn("id-work", "alice@work.example", "token-work-1", 4_102_444_800_000L);
            launcher.importAccount("work");

            LauncherRun.Result result = launcher.run("status");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().endsWith(", expires 2100-01-01T01:00:00Z\n"), result.out());
        }
    }

    @Nested
    class WhenOneProviderFails {

        @Test
        void reportsOthersAndExitsNonZero() {
            LauncherRun.Result result = launcher.realDiscovery()
                    .variable("CLAUDE_CONFIG_DIR", "relative/folder")
                    .variable("CODEX_HOME", root.resolve("codex").toString())
                    .run("status");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: status of claude failed: "),
                    result.err());
            assertTrue(result.out().contains("codex (Codex CLI)"), result.out());
        }

        @ParameterizedTest
        @ValueSource(strings = {"claude", "codex"})
        void rejectsRelativeConfigFolder(String provider) {
            LauncherRun.Result result = launcher.realDiscovery()
                    .variable("CLAUDE_CONFIG_DIR", "rel/dir")
                    .variable("CODEX_HOME", "rel/dir")
                    .run("status", "--provider", provider);

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().contains(" is not an absolute path: rel/dir."), result.err());
        }

        @Test
        void endsMessageWithFullStop() throws IOException {
            Path storeFile = launcher.storeRoot().resolve("accounts").resolve("claude.json");
            Files.writeString(storeFile, "{ not json");

            LauncherRun.Result result = launcher.realDiscovery()
                    .variable("CLAUDE_CONFIG_DIR", root.resolve("claude").toString())
                    .variable("CODEX_HOME", root.resolve("codex").toString())
                    .run("status");

            assertEquals(ExitCodes.STORE_FAILED, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: status of claude failed: "),
                    result.err());
            assertTrue(result.err().contains("It was left unchanged. Fix or restore "),
                    result.err());
        }
    }

    @Nested
    class WhenFilesChanged {

        @Test
        void reportsOtherLogin() throws IOException {
            launcher.logIn("id-other", "bob@example.com", "token-other", 5_000L);

            JsonNode target = statusJson().get("targets").get(0);

            assertFalse(target.get("matchesLiveAccount").asBoolean());
        }

        @Test
        void reportsBlankedTokens() throws IOException {
            launcher.logIn("id-work", "alice@work.example", "", 1_000L);

            JsonNode target = statusJson().get("targets").get(0);

            assertTrue(target.get("needsLogin").asBoolean());
        }

        @Test
        void reportsMissingFile() throws IOException {
            Files.delete(launcher.authFile());

            JsonNode target = statusJson().get("targets").get(0);

            assertFalse(target.get("exists").asBoolean());
        }

        @Test
        void printsProviderWarnings() throws IOException {
            launcher.variable(TestCliProvider.TOKEN_VARIABLE, "set");

            JsonNode report = statusJson();

            assertEquals("TESTCLI_TOKEN overrides the synced login; unset it.",
                    report.get("warnings").get(0).asText());
        }
    }
}
