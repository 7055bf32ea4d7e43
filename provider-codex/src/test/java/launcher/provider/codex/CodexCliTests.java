package launcher.provider.codex;

import static launcher.provider.codex.CodexTestFiles.MAPPER;
import static launcher.provider.codex.CodexTestFiles.accessToken;
import static launcher.provider.codex.CodexTestFiles.carolAuthText;
import static launcher.provider.codex.CodexTestFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import launcher.core.store.AccountStore;
import launcher.core.sync.SyncEngine;
import launcher.core.sync.SyncException;
import launcher.core.sync.SyncReport;
import launcher.testing.RealCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code codex} executable, offline, against an {@code auth.json} written at the
 * path of the provider's target.
 */
class CodexCliTests {

    private final CodexProvider provider = new CodexProvider();

    private RealCli codex;

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    @BeforeEach
    void findCodex() {
        codex = RealCli.find("codex");
    }

    private Environment environment(Map<String, String> variables) {
        return new Environment(home, variables, OperatingSystem.LINUX);
    }

    /** Writes {@code content} at the path of the auth target, creating CODEX_HOME. */
    private Path layOut(Environment environment, String content) throws IOException {
        Path authFile = provider.targets(environment).getFirst().path();
        Files.createDirectories(authFile.getParent());
        Files.writeString(authFile, content);
        return authFile.getParent();
    }

    /**
     * Runs {@code codex login status} and returns what it prints; Codex 0.171 prints the status
     * on standard error.
     */
    private RealCli.Result loginStatus(Environment environment)
            throws IOException, InterruptedException {
        Map<String, String> variables = new HashMap<>(environment.variables());
        variables.put("HOME", home.toString());

        return codex.run(scratch, variables, "login", "status");
    }

    @Nested
    class LoginStatus {

        @Test
        void readsDefaultCodexHome() throws Exception {
            Environment environment = environment(Map.of());
            layOut(environment, carolAuthText());

            RealCli.Result result = loginStatus(environment);

            assertEquals(0, result.exitCode(), result.stderr());
            assertTrue(result.stderr().contains("Logged in using ChatGPT"), result.stderr());
        }

        @Test
        void readsConfiguredCodexHome() throws Exception {
            Path codexHome = home.resolve("codex-carol");
            Environment environment = environment(Map.of("CODEX_HOME", codexHome.toString()));
            layOut(environment, carolAuthText());

            RealCli.Result result = loginStatus(environment);

            assertEquals(0, result.exitCode(), result.stderr());
            assertTrue(result.stderr().contains("Logged in using ChatGPT"), result.stderr());
        }

        @Test
        void reportsApiKeyLogin() throws Exception {
            Environment environment = environment(Map.of());
            layOut(environment, text("auth-apikey.json"));

            RealCli.Result result = loginStatus(environment);

            assertEquals(0, result.exitCode(), result.stderr());
            assertTrue(result.stderr().contains("API key configured"), result.stderr());
            assertFalse(result.stderr().contains("TEST-DAVE-KEY"), result.stderr());
        }

        @Test
        void readsFolderOfInFolder() throws Exception {
            Path copy = Files.createDirectories(home.resolve("copy-of-laptop"));
            Environment environment = provider.inFolder(environment(Map.of()), copy);
            layOut(environment, carolAuthText());

            RealCli.Result result = loginStatus(environment);

            assertTrue(result.stderr().contains("Logged in using ChatGPT"), result.stderr());
        }

        @Test
        void keyringStoreIgnoresAuthFile() throws Exception {
            Environment environment = environment(Map.of());
            Path codexHome = layOut(environment, carolAuthText());
            Files.writeString(codexHome.resolve("config.toml"), text("config-keyring.toml"));

            RealCli.Result result = loginStatus(environment);

            assertFalse(result.stderr().contains("Logged in using ChatGPT"), result.stderr());
            assertEquals(1, provider.warnings(environment).size());
        }
    }

    /**
     * Syncs accounts with the real engine: Carol's ChatGPT login is live in the default Codex
     * home, and Dave's API key is imported from a copy of another machine's folder.
     */
    @Nested
    class AfterSync {

        private Environment environment;
        private SyncEngine engine;
        private Path authFile;

        @BeforeEach
        void importCarolAndDave(@TempDir Path storeRoot, @TempDir Path daveCopy)
                throws IOException {
            environment = environment(Map.of());
            engine = new SyncEngine(new AccountStore(storeRoot), Duration.ofSeconds(30));
            authFile = layOut(environment, carolAuthText()).resolve("auth.json");
            engine.importAccount(provider, environment, "carol", Optional.empty());

            Files.writeString(daveCopy.resolve("auth.json"), text("auth-apikey.json"));
            engine.importAccount(provider, environment, "dave", Optional.of(daveCopy));
        }

        private ObjectNode readAuth() throws IOException {
            return (ObjectNode) MAPPER.readTree(Files.readString(authFile));
        }

        @Test
        void loginStatusFollowsEachSync() throws Exception {
            engine.sync(provider, environment, "dave", false);
            RealCli.Result dave = loginStatus(environment);
            assertTrue(dave.stderr().contains("API key configured"), dave.stderr());

            engine.sync(provider, environment, "carol", false);
            RealCli.Result carol = loginStatus(environment);
            assertTrue(carol.stderr().contains("Logged in using ChatGPT"), carol.stderr());
        }

        @Test
        void apiKeySyncRemovesTheTokens() throws Exception {
            engine.sync(provider, environment, "dave", false);

            ObjectNode auth = readAuth();
            assertEquals("apikey", auth.path("auth_mode").asText());
            assertFalse(auth.has("tokens"), auth.toString());
            assertFalse(auth.has("last_refresh"), auth.toString());
            assertEquals("a newer Codex", auth.at("/launcher_test_extension/written_by").asText());
        }

        /**
         * Dave's login has no {@code tokens} or {@code last_refresh}, and the core appends a
         * member that comes back after the members the file kept, so Carol's test file has those
         * two last, as the core writes them.
         */
        @Test
        void switchingBackRestoresEveryByte() throws Exception {
            String before = Files.readString(authFile);

            engine.sync(provider, environment, "dave", false);
            engine.sync(provider, environment, "carol", false);

            assertEquals(before, Files.readString(authFile));
        }

        /** Writes a ChatGPT login whose id token is not a JWT, so that it names no account. */
        private void writeLoginWithoutAccountId() throws IOException {
            ObjectNode auth = readAuth();
            ObjectNode tokens = (ObjectNode) auth.get("tokens");
            tokens.put("id_token", "not-a-jwt");
            tokens.put("access_token", "not-a-jwt-either");
            tokens.put("refresh_token", "rt_TEST_OTHER_REFRESH");
            tokens.remove("account_id");
            Files.writeString(authFile, MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(auth));
        }

        @Test
        void unidentifiedLoginStopsTheSync() throws Exception {
            engine.sync(provider, environment, "carol", false);
            writeLoginWithoutAccountId();
            String before = Files.readString(authFile);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine.sync(provider, environment, "dave", false));

            assertTrue(error.getMessage().contains("cannot identify"), error.getMessage());
            assertTrue(error.fix().startsWith("Start the CLI once"), error.fix());
            assertFalse(error.getMessage().contains("rt_TEST_OTHER"), error.getMessage());
            assertEquals(before, Files.readString(authFile));
        }

        @Test
        void forceReplacesUnidentifiedLogin() throws Exception {
            engine.sync(provider, environment, "carol", false);
            writeLoginWithoutAccountId();

            SyncReport report = engine.sync(provider, environment, "dave", false, true);

            assertTrue(report.warnings().stream().anyMatch(warning -> warning.startsWith(
                    "Replaced a login that the launcher cannot identify")),
                    report.warnings().toString());
            assertEquals("apikey", readAuth().path("auth_mode").asText());
        }

        @Test
        void refreshedTokenSurvivesTheRoundTrip() throws Exception {
            ObjectNode refreshed = readAuth();
            refreshed.put("last_refresh", "2026-11-29T07:30:00.000001Z");
            ((ObjectNode) refreshed.get("tokens"))
                    .put("access_token", accessToken(CodexTestFiles.CAROL_EXPIRY + 3600,
                            CodexTestFiles.CAROL_ACCOUNT))
                    .put("refresh_token", "rt_TEST_CAROL_REFRESH_C2");
            Files.writeString(authFile, MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(refreshed));

            engine.sync(provider, environment, "dave", false);
            engine.sync(provider, environment, "carol", false);

            ObjectNode live = readAuth();
            assertEquals("rt_TEST_CAROL_REFRESH_C2", live.at("/tokens/refresh_token").asText());
            assertEquals("2026-11-29T07:30:00.000001Z", live.path("last_refresh").asText());
            RealCli.Result carol = loginStatus(environment);
            assertTrue(carol.stderr().contains("Logged in using ChatGPT"), carol.stderr());
        }
    }
}
