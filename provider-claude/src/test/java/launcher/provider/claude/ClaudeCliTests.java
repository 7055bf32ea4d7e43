package launcher.provider.claude;

import static launcher.provider.claude.ClaudeTestFiles.MAPPER;
import static launcher.provider.claude.ClaudeTestFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import launcher.core.spi.Target;
import launcher.core.store.AccountStore;
import launcher.core.sync.SyncEngine;
import launcher.core.sync.SyncException;
import launcher.core.sync.SyncReport;
import launcher.testing.RealCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Runs the real {@code claude} executable, offline, against files written at the paths of the
 * provider's targets.
 */
class ClaudeCliTests {

    /**
     * The lock folders that Claude Code 2.1.332 takes around writes of its login files at the
     * default locations, relative to the home folder.
     */
    static final List<String> CLI_LOCKS = List.of(
            ".claude/.oauth_refresh.lock", ".claude.lock", ".claude/.storage-write.lock",
            ".claude.json.lock");

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
        assertLoggedInAs(status, "alice.moreau@example.org", "Moreau Robotics", "max");
    }

    private static void assertLoggedInAs(
            JsonNode status, String email, String organization, String plan) {
        assertEquals(true, status.path("loggedIn").asBoolean(), status.toString());
        assertEquals(email, status.path("email").asText(), status.toString());
        assertEquals(organization, status.path("orgName").asText(), status.toString());
        assertEquals(plan, status.path("subscriptionType").asText(), status.toString());
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

    /**
     * Syncs accounts with the real engine into files at the default locations, with Alice's
     * machine files live and Bob's login imported from a copy of another machine's folder.
     */
    @Nested
    class AfterSync {

        private Environment environment;
        private AccountStore store;
        private SyncEngine engine;
        private Path bobCopy;
        private Path credentialsFile;
        private Path stateFile;

        @BeforeEach
        void importAliceAndBob(@TempDir Path storeRoot, @TempDir Path copy) throws IOException {
            environment = environment(Map.of());
            bobCopy = copy;
            store = new AccountStore(storeRoot);
            engine = new SyncEngine(store, Duration.ofSeconds(30));
            layOut(environment, "alice/credentials.json", "alice/claude.json");
            credentialsFile = pathOf(ClaudeFiles.CREDENTIALS_TARGET);
            stateFile = pathOf(ClaudeFiles.STATE_TARGET);
            engine.importAccount(provider, environment, "alice", Optional.empty());

            Files.writeString(bobCopy.resolve(".credentials.json"), text("bob/credentials.json"));
            Files.writeString(bobCopy.resolve(".claude.json"), text("bob/claude.json"));
            engine.importAccount(provider, environment, "bob", Optional.of(bobCopy));
        }

        private Path pathOf(String targetId) {
            return provider.targets(environment).stream()
                    .filter(target -> target.id().equals(targetId))
                    .findFirst()
                    .orElseThrow()
                    .path();
        }

        private ObjectNode readJson(Path file) throws IOException {
            return (ObjectNode) MAPPER.readTree(Files.readString(file));
        }

        @Test
        void authStatusFollowsEachSync() throws Exception {
            engine.sync(provider, environment, "bob", false);
            assertLoggedInAs(authStatus(environment, 0), "bob.tanaka@example.net", "Tanaka Labs",
                    "pro");

            engine.sync(provider, environment, "alice", false);
            assertLoggedInAsAlice(authStatus(environment, 0));
        }

        @Test
        void machineFieldsSurviveTheSwitch() throws Exception {
            engine.sync(provider, environment, "bob", false);

            ObjectNode state = readJson(stateFile);
            ObjectNode credentials = readJson(credentialsFile);
            assertEquals(57, state.path("numStartups").asInt());
            assertEquals("bob.tanaka@example.net", state.at("/oauthAccount/emailAddress").asText());
            assertEquals(
                    "mcp-refresh-TEST-TRACKER-1",
                    credentials.at("/mcpOAuth/tracker|9a8b7c6d/refreshToken").asText());
            assertEquals(
                    "sk-ant-ort01-TEST-BOB-REFRESH-B1",
                    credentials.at("/claudeAiOauth/refreshToken").asText());
        }

        @Test
        void switchingBackRestoresEveryByte() throws Exception {
            String credentialsBefore = Files.readString(credentialsFile);
            String stateBefore = Files.readString(stateFile);

            engine.sync(provider, environment, "bob", false);
            engine.sync(provider, environment, "alice", false);

            assertEquals(credentialsBefore, Files.readString(credentialsFile));
            assertEquals(stateBefore, Files.readString(stateFile));
        }

        @Test
        void syncLeavesNoLockFolders() throws Exception {
            engine.sync(provider, environment, "bob", false);

            for (String lock : CLI_LOCKS) {
                assertFalse(Files.exists(home.resolve(lock)), lock);
            }
        }

        @ParameterizedTest
        @FieldSource("launcher.provider.claude.ClaudeCliTests#CLI_LOCKS")
        void heldCliLockBlocksTheSync(String lock, @TempDir Path storeRoot) throws Exception {
            SyncEngine impatient =
                    new SyncEngine(new AccountStore(storeRoot), Duration.ofSeconds(1));
            impatient.importAccount(provider, environment, "alice", Optional.empty());
            impatient.importAccount(provider, environment, "bob", Optional.of(bobCopy));
            String credentialsBefore = Files.readString(credentialsFile);
            String stateBefore = Files.readString(stateFile);
            Files.createDirectory(home.resolve(lock));

            SyncException error = assertThrows(SyncException.class,
                    () -> impatient.sync(provider, environment, "bob", false));

            assertTrue(error.getMessage().contains(home.resolve(lock).toString()),
                    error.getMessage());
            assertEquals(credentialsBefore, Files.readString(credentialsFile));
            assertEquals(stateBefore, Files.readString(stateFile));
            for (String other : CLI_LOCKS) {
                assertEquals(other.equals(lock), Files.exists(home.resolve(other)), other);
            }
        }

        private String storedRefreshToken(String account) {
            return store.account(provider.id(), account).orElseThrow().snapshot()
                    .field(ClaudeFiles.CREDENTIALS_TARGET, "claudeAiOauth").orElseThrow()
                    .path("refreshToken").asText();
        }

        @Test
        void aliceStateNextToBobCredentialsStops() throws Exception {
            engine.sync(provider, environment, "bob", false);
            Files.writeString(stateFile, text("alice/claude.json"));
            String credentialsBefore = Files.readString(credentialsFile);
            String stateBefore = Files.readString(stateFile);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine.sync(provider, environment, "bob", false));

            assertTrue(error.getMessage().contains(credentialsFile + " contains the tokens stored"
                    + " for account bob, but the login in them names account alice"),
                    error.getMessage());
            assertTrue(error.fix().contains("--force"), error.fix());
            assertFalse(error.getMessage().contains("TEST-BOB-REFRESH"), error.getMessage());
            assertEquals("sk-ant-ort01-TEST-ALICE-REFRESH-A1", storedRefreshToken("alice"));
            assertEquals("sk-ant-ort01-TEST-BOB-REFRESH-B1", storedRefreshToken("bob"));
            assertEquals(credentialsBefore, Files.readString(credentialsFile));
            assertEquals(stateBefore, Files.readString(stateFile));
        }

        @Test
        void forceWritesBobOverMixedFiles() throws Exception {
            engine.sync(provider, environment, "bob", false);
            Files.writeString(stateFile, text("alice/claude.json"));

            engine.sync(provider, environment, "bob", false, true);

            assertEquals("sk-ant-ort01-TEST-ALICE-REFRESH-A1", storedRefreshToken("alice"));
            assertLoggedInAs(authStatus(environment, 0), "bob.tanaka@example.net",
                    "Tanaka Labs", "pro");
        }

        /** Writes a login that Claude Code made without the launcher and without a profile. */
        private void writeLoginWithoutProfile(String refreshToken, long expiresAt)
                throws IOException {
            ObjectNode credentials = readJson(credentialsFile);
            ((ObjectNode) credentials.get("claudeAiOauth"))
                    .put("accessToken", "sk-ant-oat01-TEST-OTHER-ACCESS")
                    .put("refreshToken", refreshToken)
                    .put("expiresAt", expiresAt);
            Files.writeString(credentialsFile, MAPPER.writeValueAsString(credentials));
            ObjectNode state = readJson(stateFile);
            state.remove("oauthAccount");
            Files.writeString(stateFile, MAPPER.writeValueAsString(state));
        }

        @Test
        void unidentifiedLoginStopsTheSync() throws Exception {
            engine.sync(provider, environment, "alice", false);
            writeLoginWithoutProfile("sk-ant-ort01-TEST-OTHER-REFRESH", 1797003600000L);
            String credentialsBefore = Files.readString(credentialsFile);
            String stateBefore = Files.readString(stateFile);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine.sync(provider, environment, "bob", false));

            assertTrue(error.getMessage().contains("cannot identify"), error.getMessage());
            assertTrue(error.fix().startsWith("Start the CLI once"), error.fix());
            assertFalse(error.getMessage().contains("TEST-OTHER-REFRESH"), error.getMessage());
            assertEquals(credentialsBefore, Files.readString(credentialsFile));
            assertEquals(stateBefore, Files.readString(stateFile));
        }

        @Test
        void forceReplacesUnidentifiedLogin() throws Exception {
            engine.sync(provider, environment, "alice", false);
            writeLoginWithoutProfile("sk-ant-ort01-TEST-OTHER-REFRESH", 1797003600000L);

            SyncReport report = engine.sync(provider, environment, "bob", false, true);

            assertTrue(report.warnings().stream().anyMatch(warning -> warning.startsWith(
                    "Replaced a login that the launcher cannot identify")),
                    report.warnings().toString());
            assertEquals("sk-ant-ort01-TEST-BOB-REFRESH-B1",
                    readJson(credentialsFile).at("/claudeAiOauth/refreshToken").asText());
        }

        @Test
        void refreshWithoutProfileIsReadBack() throws Exception {
            engine.sync(provider, environment, "alice", false);
            writeLoginWithoutProfile("sk-ant-ort01-TEST-ALICE-REFRESH-A1", 1797003600000L);

            engine.sync(provider, environment, "bob", false);

            JsonNode alice = store.account(provider.id(), "alice").orElseThrow().snapshot()
                    .field(ClaudeFiles.CREDENTIALS_TARGET, "claudeAiOauth").orElseThrow();
            assertEquals("sk-ant-oat01-TEST-OTHER-ACCESS", alice.path("accessToken").asText());
            assertEquals(1797003600000L, alice.path("expiresAt").asLong());
        }

        @Test
        void refreshedTokenSurvivesTheRoundTrip() throws Exception {
            ObjectNode refreshed = readJson(credentialsFile);
            ((ObjectNode) refreshed.get("claudeAiOauth"))
                    .put("accessToken", "sk-ant-oat01-TEST-ALICE-ACCESS-A2")
                    .put("refreshToken", "sk-ant-ort01-TEST-ALICE-REFRESH-A2")
                    .put("expiresAt", 1797003600000L);
            Files.writeString(credentialsFile, MAPPER.writeValueAsString(refreshed));

            engine.sync(provider, environment, "bob", false);
            engine.sync(provider, environment, "alice", false);

            ObjectNode live = readJson(credentialsFile);
            assertEquals(
                    "sk-ant-ort01-TEST-ALICE-REFRESH-A2",
                    live.at("/claudeAiOauth/refreshToken").asText());
            assertEquals(1797003600000L, live.at("/claudeAiOauth/expiresAt").asLong());
            assertLoggedInAsAlice(authStatus(environment, 0));
        }
    }
}
