package launcher.provider.claude;

import static launcher.provider.claude.ClaudeTestFiles.MAPPER;
import static launcher.provider.claude.ClaudeTestFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import launcher.core.spi.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code claude} executable, offline, against files written at the paths of the
 * provider's targets.
 */
class ClaudeCliTests {

    private final ClaudeCodeProvider provider = new ClaudeCodeProvider();

    private RealCli claude;

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    @BeforeEach
    void findClaude() {
        claude = RealCli.find("claude");
    }

    private Environment environment(Map<String, String> variables) {
        return new Environment(home, variables, OperatingSystem.LINUX);
    }

    /** Writes whole test files at the paths of the credentials and state targets. */
    private void layOut(Environment environment, String credentialsFile, String stateFile)
            throws IOException {
        List<Target> targets = provider.targets(environment);
        for (Target target : targets) {
            String file = target.id().equals(ClaudeFiles.CREDENTIALS_TARGET)
                    ? credentialsFile
                    : stateFile;
            Files.createDirectories(target.path().getParent());
            Files.writeString(target.path(), text(file));
        }
    }

    /** Runs {@code claude auth status} and returns the JSON it prints. */
    private JsonNode authStatus(Environment environment, int expectedExitCode)
            throws IOException, InterruptedException {
        Map<String, String> variables = new HashMap<>(environment.variables());
        variables.put("HOME", home.toString());
        variables.put("DISABLE_AUTOUPDATER", "1");
        variables.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");

        RealCli.Result result = claude.run(scratch, variables, "auth", "status");

        assertEquals(expectedExitCode, result.exitCode(), result.stderr());
        return MAPPER.readTree(result.stdout());
    }

    private void assertLoggedInAsAlice(JsonNode status) {
        assertEquals(true, status.path("loggedIn").asBoolean(), status.toString());
        assertEquals("alice.moreau@example.org", status.path("email").asText(), status.toString());
        assertEquals("Moreau Robotics", status.path("orgName").asText(), status.toString());
        assertEquals("max", status.path("subscriptionType").asText(), status.toString());
    }

    @Nested
    class AuthStatus {

        @Test
        void readsDefaultLocations() throws Exception {
            Environment environment = environment(Map.of());
            layOut(environment, "alice/credentials.json", "alice/claude.json");

            assertLoggedInAsAlice(authStatus(environment, 0));
        }

        @Test
        void readsConfigDirLocations() throws Exception {
            Path config = Files.createDirectories(home.resolve("profiles/alice"));
            Environment environment = environment(Map.of("CLAUDE_CONFIG_DIR", config.toString()));
            layOut(environment, "alice/credentials.json", "alice/claude.json");

            assertLoggedInAsAlice(authStatus(environment, 0));
        }

        @Test
        void readsSecureStorageDirCredentials() throws Exception {
            Path storage = Files.createDirectories(home.resolve("vault"));
            Environment environment =
                    environment(Map.of("CLAUDE_SECURESTORAGE_CONFIG_DIR", storage.toString()));
            layOut(environment, "alice/credentials.json", "alice/claude.json");

            assertLoggedInAsAlice(authStatus(environment, 0));
        }

        @Test
        void readsCustomOauthStateFile() throws Exception {
            Environment environment =
                    environment(Map.of("CLAUDE_CODE_CUSTOM_OAUTH_URL", "http://127.0.0.1:9/oauth"));
            layOut(environment, "alice/credentials.json", "alice/claude.json");

            assertLoggedInAsAlice(authStatus(environment, 0));
        }

        @Test
        void readsLegacyConfigFile() throws Exception {
            Environment environment = environment(Map.of());
            Files.createDirectories(home.resolve(".claude"));
            Files.writeString(home.resolve(".claude/.config.json"), "{\"numStartups\": 1}");
            layOut(environment, "alice/credentials.json", "alice/claude.json");

            assertLoggedInAsAlice(authStatus(environment, 0));
        }

        @Test
        void readsFolderOfInFolder() throws Exception {
            Path copy = Files.createDirectories(home.resolve("copy-of-laptop"));
            Environment environment = provider.inFolder(environment(Map.of()), copy);
            layOut(environment, "alice/credentials.json", "alice/claude.json");

            assertLoggedInAsAlice(authStatus(environment, 0));
        }

        @Test
        void blankedTokensAreLoggedOut() throws Exception {
            Environment environment = environment(Map.of());
            layOut(environment, "blanked.credentials.json", "alice/claude.json");

            JsonNode status = authStatus(environment, 1);

            assertEquals(false, status.path("loggedIn").asBoolean(), status.toString());
        }
    }
}
