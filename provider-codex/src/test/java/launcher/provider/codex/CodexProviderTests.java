package launcher.provider.codex;

import static launcher.provider.codex.CodexTestFiles.CAROL_ACCOUNT;
import static launcher.provider.codex.CodexTestFiles.CAROL_EXPIRY;
import static launcher.provider.codex.CodexTestFiles.MAPPER;
import static launcher.provider.codex.CodexTestFiles.accessToken;
import static launcher.provider.codex.CodexTestFiles.carolAuth;
import static launcher.provider.codex.CodexTestFiles.carolWith;
import static launcher.provider.codex.CodexTestFiles.daveAuth;
import static launcher.provider.codex.CodexTestFiles.idToken;
import static launcher.provider.codex.CodexTestFiles.snapshot;
import static launcher.provider.codex.CodexTestFiles.text;
import static launcher.provider.codex.CodexTestFiles.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.stream.Stream;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.CredentialProvider;
import launcher.core.spi.Environment;
import launcher.core.spi.Identity;
import launcher.core.spi.InvalidAccountException;
import launcher.core.spi.LaunchSpec;
import launcher.core.spi.LauncherException;
import launcher.core.spi.OperatingSystem;
import launcher.core.spi.ReadBack;
import launcher.core.spi.ReadBack.Decision;
import launcher.core.spi.SpiVersion;
import launcher.core.spi.Target;
import launcher.core.spi.TokenState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodexProviderTests {

    private final CodexProvider provider = new CodexProvider();

    @TempDir
    Path home;

    private Environment linux(Map<String, String> variables) {
        return new Environment(home, variables, OperatingSystem.LINUX);
    }

    private static Consumer<ObjectNode> edit(Consumer<ObjectNode> edit) {
        return edit;
    }

    @Nested
    class Registration {

        @Test
        void idAndVersionMatchTheSpi() {
            assertEquals("codex", provider.id());
            assertTrue(provider.id().matches(CredentialProvider.ID_PATTERN));
            assertEquals("Codex CLI", provider.displayName());
            assertEquals(SpiVersion.CURRENT, provider.spiVersion());
        }

        @Test
        void serviceLoaderFindsTheProvider() {
            CodexProvider.class.getModule().addUses(CredentialProvider.class);

            List<String> ids = ServiceLoader.load(CredentialProvider.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .map(CredentialProvider::id)
                    .toList();

            assertTrue(ids.contains("codex"), ids.toString());
        }

        @Test
        void classPathServiceFileNamesTheProvider() throws IOException {
            String file = "/META-INF/services/" + CredentialProvider.class.getName();
            try (InputStream in = CodexProvider.class.getResourceAsStream(file)) {
                assertTrue(in != null, "missing " + file);
                String content = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                assertEquals(CodexProvider.class.getName(), content);
            }
        }
    }

    @Nested
    class Targets {

        @Test
        void authFileLivesInDotCodex() {
            List<Target> targets = provider.targets(linux(Map.of()));

            assertEquals(1, targets.size());
            Target auth = targets.getFirst();
            assertEquals("auth", auth.id());
            assertEquals(home.resolve(".codex/auth.json"), auth.path());
            assertEquals(
                    List.of("auth_mode", "OPENAI_API_KEY", "tokens", "last_refresh"),
                    auth.accountFields());
            assertTrue(auth.secret());
            assertTrue(auth.locks().isEmpty());
        }

        @Test
        void codexHomeMovesTheAuthFile() {
            Path codexHome = home.resolve("codex-work");

            List<Target> targets =
                    provider.targets(linux(Map.of("CODEX_HOME", codexHome.toString())));

            assertEquals(codexHome.resolve("auth.json"), targets.getFirst().path());
        }

        @Test
        void relativeCodexHomeIsRejected() {
            Environment environment = linux(Map.of("CODEX_HOME", "codex-work"));

            LauncherException error =
                    assertThrows(LauncherException.class, () -> provider.targets(environment));

            assertEquals("CODEX_HOME is not an absolute path: codex-work", error.getMessage());
            assertTrue(error.fix().contains("absolute path"), error.fix());
        }

        @Test
        void codexHomeThatIsFileIsRejected() throws IOException {
            Path file = Files.writeString(home.resolve("codex-work"), "");
            Environment environment = linux(Map.of("CODEX_HOME", file.toString()));

            LauncherException error =
                    assertThrows(LauncherException.class, () -> provider.targets(environment));

            assertEquals("CODEX_HOME is " + file + ", which is a file, not a folder",
                    error.getMessage());
            assertEquals("Point CODEX_HOME at a folder, then try again.", error.fix());
        }

        @Test
        void inFolderSetsCodexHome(@TempDir Path copy) {
            Environment environment = linux(Map.of("CODEX_HOME", home.resolve("other").toString()));

            List<Target> targets = provider.targets(provider.inFolder(environment, copy));

            assertEquals(copy.resolve("auth.json"), targets.getFirst().path());
        }
    }

    @Nested
    class Identify {

        @Test
        void chatgptLoginUsesAccountId() {
            Identity identity = provider.identify(snapshot(carolAuth()));

            assertEquals(CAROL_ACCOUNT, identity.accountId());
            assertEquals("carol.nguyen@example.com", identity.email());
            assertNull(identity.organization());
            assertEquals("plus", identity.plan());
        }

        @Test
        void missingAccountIdFallsBackToClaim() {
            AccountSnapshot snapshot = carolWith(auth -> tokens(auth)
                    .put("id_token", idToken("carol.nguyen@example.com", "acct-from-claim", "pro"))
                    .remove("account_id"));

            Identity identity = provider.identify(snapshot);

            assertEquals("acct-from-claim", identity.accountId());
            assertEquals("pro", identity.plan());
        }

        @Test
        void apiKeyIsIdentifiedByHash() {
            Identity identity = provider.identify(snapshot(daveAuth()));

            assertTrue(identity.accountId().matches("apikey-[0-9a-f]{12}"), identity.accountId());
            assertFalse(identity.accountId().contains("DAVE"), identity.accountId());
            assertNull(identity.email());
            assertEquals("api-key", identity.plan());
        }

        @Test
        void sameKeyGivesSameId() {
            String first = provider.identify(snapshot(daveAuth())).accountId();
            String second = provider.identify(snapshot(daveAuth())).accountId();
            ObjectNode other = daveAuth().put("OPENAI_API_KEY", "sk-proj-TEST-ERIN-KEY-0002");

            assertEquals(first, second);
            assertFalse(first.equals(provider.identify(snapshot(other)).accountId()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("launcher.provider.codex.CodexProviderTests#unusableLogins")
        void unusableLoginIsInvalid(String name, Consumer<ObjectNode> edit) {
            AccountSnapshot snapshot = carolWith(edit);

            InvalidAccountException error =
                    assertThrows(InvalidAccountException.class, () -> provider.identify(snapshot));

            assertTrue(error.fix().contains("`codex login`"), error.fix());
            assertFalse(error.getMessage().contains("TEST_CAROL"), error.getMessage());
        }
    }

    static Stream<Arguments> unusableLogins() {
        return Stream.of(
                Arguments.of("empty file", edit(ObjectNode::removeAll)),
                Arguments.of("tokens null", edit(auth -> auth.putNull("tokens"))),
                Arguments.of("tokens missing", edit(auth -> auth.remove("tokens"))),
                Arguments.of("blank access token",
                        edit(auth -> tokens(auth).put("access_token", ""))),
                Arguments.of("blank refresh token",
                        edit(auth -> tokens(auth).put("refresh_token", ""))),
                Arguments.of("refresh token a number",
                        edit(auth -> tokens(auth).put("refresh_token", 7))),
                Arguments.of("no account id anywhere", edit(auth -> tokens(auth)
                        .put("id_token", "not-a-jwt")
                        .remove("account_id"))),
                Arguments.of("api key mode, null key",
                        edit(auth -> auth.put("auth_mode", "apikey").putNull("OPENAI_API_KEY"))));
    }

    @Nested
    class ReadBackDecisions {

        private final AccountSnapshot stored = snapshot(carolAuth());

        @ParameterizedTest(name = "{0}")
        @MethodSource("launcher.provider.codex.CodexProviderTests#diskStates")
        void decidesFromTheDisk(String name, Consumer<ObjectNode> edit, Decision expected) {
            AccountSnapshot onDisk = carolWith(edit);

            ReadBack result = provider.readBack(stored, onDisk);

            assertEquals(expected, result.decision(), result.reason());
            assertEquals(expected == Decision.ADOPT ? onDisk : stored, result.snapshot());
            assertFalse(result.reason().contains("TEST_CAROL"), result.reason());
        }

        @Test
        void emptiedTokensNeedLogin() {
            AccountSnapshot onDisk = carolWith(auth -> tokens(auth)
                    .put("access_token", "")
                    .put("refresh_token", ""));

            ReadBack result = provider.readBack(stored, onDisk);

            assertEquals(Decision.NEEDS_LOGIN, result.decision());
            assertTrue(result.reason().contains("run `codex login`"), result.reason());
        }

        @Test
        void apiKeyOnDiskIsOtherAccount() {
            ReadBack result = provider.readBack(stored, snapshot(daveAuth()));

            assertEquals(Decision.OTHER_ACCOUNT, result.decision());
            assertEquals(stored, result.snapshot());
        }

        @Test
        void sameApiKeyIsKept() {
            AccountSnapshot dave = snapshot(daveAuth());

            ReadBack result = provider.readBack(dave, snapshot(daveAuth()));

            assertEquals(Decision.KEEP, result.decision());
            assertEquals(dave, result.snapshot());
        }

        @Test
        void otherApiKeyIsOtherAccount() {
            AccountSnapshot dave = snapshot(daveAuth());
            ObjectNode erin = daveAuth().put("OPENAI_API_KEY", "sk-proj-TEST-ERIN-KEY-0002");

            ReadBack result = provider.readBack(dave, snapshot(erin));

            assertEquals(Decision.OTHER_ACCOUNT, result.decision());
        }

        @Test
        void storedWithoutLastRefreshAdoptsDisk() {
            AccountSnapshot older = carolWith(auth -> auth.remove("last_refresh"));
            AccountSnapshot onDisk = carolWith(auth -> tokens(auth)
                    .put("refresh_token", "rt_TEST_CAROL_REFRESH_C2"));

            ReadBack result = provider.readBack(older, onDisk);

            assertEquals(Decision.ADOPT, result.decision());
            assertEquals(onDisk, result.snapshot());
        }
    }

    static Stream<Arguments> diskStates() {
        String laterToken = accessToken(CAROL_EXPIRY + 3600, CAROL_ACCOUNT);
        String earlierToken = accessToken(CAROL_EXPIRY - 3600, CAROL_ACCOUNT);
        return Stream.of(
                Arguments.of("same login", edit(auth -> { }), Decision.KEEP),
                Arguments.of("refreshed: later time and expiry", edit(auth -> {
                    auth.put("last_refresh", "2026-11-29T07:30:00.000001Z");
                    tokens(auth).put("access_token", laterToken)
                            .put("refresh_token", "rt_TEST_CAROL_REFRESH_C2");
                }), Decision.ADOPT),
                Arguments.of("later last_refresh only", edit(auth -> {
                    auth.put("last_refresh", "2026-11-29T07:30:00Z");
                    tokens(auth).put("refresh_token", "rt_TEST_CAROL_REFRESH_C2");
                }), Decision.ADOPT),
                Arguments.of("later access token exp only",
                        edit(auth -> tokens(auth).put("access_token", laterToken)),
                        Decision.ADOPT),
                Arguments.of("older last_refresh", edit(auth -> {
                    auth.put("last_refresh", "2026-11-27T19:02:11Z");
                    tokens(auth).put("refresh_token", "rt_TEST_CAROL_REFRESH_C0");
                }), Decision.KEEP),
                Arguments.of("later time, earlier exp", edit(auth -> {
                    auth.put("last_refresh", "2026-11-29T07:30:00Z");
                    tokens(auth).put("access_token", earlierToken);
                }), Decision.KEEP),
                Arguments.of("equal time, rotated refresh",
                        edit(auth -> tokens(auth).put("refresh_token", "rt_TEST_CAROL_REFRESH_C2")),
                        Decision.ADOPT),
                Arguments.of("same time, other offset",
                        edit(auth -> auth.put("last_refresh", "2026-11-28T20:02:11.654321+01:00")),
                        Decision.KEEP),
                Arguments.of("emptied access token",
                        edit(auth -> tokens(auth).put("access_token", "")), Decision.NEEDS_LOGIN),
                Arguments.of("tokens null",
                        edit(auth -> auth.putNull("tokens")), Decision.NEEDS_LOGIN),
                Arguments.of("logged out", edit(ObjectNode::removeAll), Decision.OTHER_ACCOUNT),
                Arguments.of("other account id", edit(auth -> {
                    auth.put("last_refresh", "2026-11-29T07:30:00Z");
                    tokens(auth).put("account_id", "acct-test-frank-0009");
                }), Decision.OTHER_ACCOUNT),
                Arguments.of("no account id anywhere", edit(auth -> {
                    auth.put("last_refresh", "2026-11-29T07:30:00Z");
                    tokens(auth).put("id_token", "garbage").remove("account_id");
                }), Decision.OTHER_ACCOUNT),
                Arguments.of("last_refresh not a time", edit(auth -> {
                    auth.put("last_refresh", "yesterday");
                    tokens(auth).put("refresh_token", "rt_TEST_CAROL_REFRESH_C2");
                }), Decision.KEEP),
                Arguments.of("access token not a JWT", edit(auth -> tokens(auth)
                        .put("access_token", "opaque-TEST-token")), Decision.KEEP),
                Arguments.of("tokens an array",
                        edit(auth -> auth.set("tokens", MAPPER.createArrayNode())),
                        Decision.NEEDS_LOGIN),
                Arguments.of("auth_mode a number", edit(auth -> auth.put("auth_mode", 3)),
                        Decision.KEEP),
                Arguments.of("unknown extra field", edit(auth -> auth.put("new_field", true)),
                        Decision.KEEP),
                Arguments.of("tokens a string", edit(auth -> auth.put("tokens", "x")),
                        Decision.NEEDS_LOGIN),
                Arguments.of("api key a number", edit(auth -> auth.put("OPENAI_API_KEY", 42)),
                        Decision.KEEP),
                Arguments.of("last_refresh a number", edit(auth -> auth.put("last_refresh", 1)),
                        Decision.KEEP),
                Arguments.of("id token payload not base64",
                        edit(auth -> tokens(auth).put("id_token", "a.!!!.c")), Decision.KEEP),
                Arguments.of("id token payload an array", edit(auth -> tokens(auth)
                        .put("id_token", "e30.W10.c2ln")), Decision.KEEP));
    }

    @Nested
    class Tokens {

        @Test
        void expiryComesFromAccessToken() {
            TokenState state = provider.tokenState(snapshot(carolAuth()));

            assertEquals(Instant.ofEpochSecond(CAROL_EXPIRY), state.expiresAt());
            assertFalse(state.needsLogin());
        }

        @Test
        void apiKeyNeverExpires() {
            TokenState state = provider.tokenState(snapshot(daveAuth()));

            assertNull(state.expiresAt());
            assertFalse(state.needsLogin());
        }

        @Test
        void emptiedTokensNeedLogin() {
            TokenState state = provider.tokenState(
                    carolWith(auth -> tokens(auth).put("refresh_token", "")));

            assertTrue(state.needsLogin());
        }
    }

    @Nested
    class Warnings {

        private Path codexHome;

        @BeforeEach
        void createCodexHome() throws IOException {
            codexHome = Files.createDirectories(home.resolve(".codex"));
        }

        private List<String> warningsWithConfig(String testFile) throws IOException {
            Files.writeString(codexHome.resolve("config.toml"), text(testFile));
            return provider.warnings(linux(Map.of()));
        }

        @Test
        void missingConfigGivesNone() {
            assertEquals(List.of(), provider.warnings(linux(Map.of())));
        }

        @Test
        void fileStoreGivesNone() throws IOException {
            assertEquals(List.of(), warningsWithConfig("config-file.toml"));
        }

        @Test
        void keyringStoreNamesTheSetting() throws IOException {
            List<String> warnings = warningsWithConfig("config-keyring.toml");

            assertEquals(1, warnings.size(), warnings.toString());
            String warning = warnings.getFirst();
            assertTrue(warning.startsWith(codexHome.resolve("config.toml").toString()), warning);
            assertTrue(warning.contains("cli_auth_credentials_store = \"keyring\""), warning);
            assertTrue(warning.contains("set it to \"file\""), warning);
        }

        @ParameterizedTest
        @ValueSource(strings = {"auto", "ephemeral"})
        void otherStoresAreNamed(String store) throws IOException {
            Files.writeString(
                    codexHome.resolve("config.toml"),
                    "cli_auth_credentials_store = \"" + store + "\"\n");

            List<String> warnings = provider.warnings(linux(Map.of()));

            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.getFirst().contains("\"" + store + "\""), warnings.getFirst());
        }

        @Test
        void malformedConfigNamesFileAndLine() throws IOException {
            List<String> warnings = warningsWithConfig("config-malformed.toml");

            assertEquals(1, warnings.size(), warnings.toString());
            String warning = warnings.getFirst();
            assertTrue(warning.startsWith(codexHome.resolve("config.toml").toString()), warning);
            assertTrue(warning.contains("not valid TOML at line 5"), warning);
            assertFalse(warning.contains("TEST-SECRET"), warning);
        }

        @Test
        void configWithoutSettingIsNotParsed() throws IOException {
            Files.writeString(codexHome.resolve("config.toml"), "model = \"gpt-5-codex\"\n[broken\n");

            assertEquals(List.of(), provider.warnings(linux(Map.of())));
        }

        @Test
        void configInCodexHomeIsRead(@TempDir Path otherHome) throws IOException {
            Files.writeString(otherHome.resolve("config.toml"), text("config-keyring.toml"));
            Environment environment = linux(Map.of("CODEX_HOME", otherHome.toString()));

            List<String> warnings = provider.warnings(environment);

            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.getFirst().startsWith(otherHome.toString()), warnings.getFirst());
        }

        @Test
        void configFolderIsIgnored() throws IOException {
            Files.createDirectories(codexHome.resolve("config.toml"));

            assertEquals(List.of(), provider.warnings(linux(Map.of())));
        }

        @ParameterizedTest
        @ValueSource(strings = {"CODEX_ACCESS_TOKEN", "CODEX_API_KEY"})
        void overridingVariableIsNamed(String variable) {
            List<String> warnings = provider.warnings(linux(Map.of(variable, "TEST-VALUE")));

            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.getFirst().startsWith(variable + " is set"), warnings.getFirst());
            assertFalse(warnings.getFirst().contains("TEST-VALUE"), warnings.getFirst());
        }

        @Test
        void openaiApiKeyVariableIsIgnored() {
            Environment environment = linux(Map.of("OPENAI_API_KEY", "sk-TEST-VALUE"));

            assertEquals(List.of(), provider.warnings(environment));
        }
    }

    @Test
    void launchSpecStartsCodexFromPath() {
        LaunchSpec spec = provider.launchSpec(linux(Map.of()));

        assertEquals("codex", spec.executable());
        assertEquals(List.of(), spec.arguments());
        assertEquals(Map.of(), spec.environment());
        assertEquals("npm install -g @openai/codex", spec.installHint());
    }
}
