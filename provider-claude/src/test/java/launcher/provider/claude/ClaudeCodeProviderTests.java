package launcher.provider.claude;

import static launcher.provider.claude.ClaudeTestFiles.MAPPER;
import static launcher.provider.claude.ClaudeTestFiles.edited;
import static launcher.provider.claude.ClaudeTestFiles.json;
import static launcher.provider.claude.ClaudeTestFiles.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import launcher.core.spi.LockFolder;
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

class ClaudeCodeProviderTests {

    private final ClaudeCodeProvider provider = new ClaudeCodeProvider();

    @TempDir
    Path home;

    private Environment linux(Map<String, String> variables) {
        return new Environment(home, variables, OperatingSystem.LINUX);
    }

    private static final String ACCESS_2 = "sk-ant-oat01-TEST-ALICE-ACCESS-A2";
    private static final String REFRESH_2 = "sk-ant-ort01-TEST-ALICE-REFRESH-A2";

    private static AccountSnapshot aliceWithCredentials(String credentialsFile) {
        return snapshot(json(credentialsFile), json("alice/claude.json"));
    }

    private Path statePath(Environment environment) {
        return target(provider.targets(environment), "state").path();
    }

    private static Path pathOf(List<Target> targets, String id) {
        return target(targets, id).path();
    }

    /** Returns the first lock folder of a target, which the CLI takes first. */
    private static Path lockOf(List<Target> targets, String id) {
        return target(targets, id).locks().getFirst().folder();
    }

    private static Target target(List<Target> targets, String id) {
        return targets.stream()
                .filter(target -> target.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Nested
    class Registration {

        @Test
        void idAndVersionMatchTheSpi() {
            assertEquals("claude", provider.id());
            assertTrue(provider.id().matches(CredentialProvider.ID_PATTERN));
            assertEquals("Claude Code", provider.displayName());
            assertEquals(SpiVersion.CURRENT, provider.spiVersion());
        }

        @Test
        void serviceLoaderFindsTheProvider() {
            ClaudeCodeProvider.class.getModule().addUses(CredentialProvider.class);

            List<String> ids = ServiceLoader.load(CredentialProvider.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .map(CredentialProvider::id)
                    .toList();

            assertTrue(ids.contains("claude"), ids.toString());
        }

        @Test
        void classPathServiceFileNamesTheProvider() throws IOException {
            String file = "/META-INF/services/" + CredentialProvider.class.getName();
            try (var in = ClaudeCodeProvider.class.getResourceAsStream(file)) {
                assertTrue(in != null, "missing " + file);
                String content = new String(in.readAllBytes()).trim();
                assertEquals(ClaudeCodeProvider.class.getName(), content);
            }
        }
    }

    @Nested
    class TargetsWithoutConfigDir {

        @Test
        void credentialsLiveInDotClaude() {
            Target credentials = target(provider.targets(linux(Map.of())), "credentials");

            assertEquals(home.resolve(".claude/.credentials.json"), credentials.path());
            assertEquals(List.of("claudeAiOauth"), credentials.accountFields());
            assertTrue(credentials.secret());
        }

        @Test
        void credentialLocksInTheCliOrder() {
            Target credentials = target(provider.targets(linux(Map.of())), "credentials");

            assertEquals(List.of(
                    new LockFolder(home.resolve(".claude/.oauth_refresh.lock"),
                            Duration.ofSeconds(60)),
                    new LockFolder(home.resolve(".claude.lock"), Duration.ofSeconds(60)),
                    new LockFolder(home.resolve(".claude/.storage-write.lock"),
                            Duration.ofSeconds(15))),
                    credentials.locks());
        }

        @Test
        void storageLockFollowsTheRealFolder() throws IOException {
            Path real = Files.createDirectories(home.resolve("dotfiles/claude"));
            Files.createSymbolicLink(home.resolve(".claude"), real);

            Target credentials = target(provider.targets(linux(Map.of())), "credentials");

            assertEquals(real.toRealPath().resolveSibling("claude.lock"),
                    credentials.locks().get(1).folder());
            assertEquals(home.resolve(".claude/.oauth_refresh.lock"),
                    credentials.locks().getFirst().folder());
        }

        @Test
        void stateFileLivesInHome() {
            Target state = target(provider.targets(linux(Map.of())), "state");

            assertEquals(home.resolve(".claude.json"), state.path());
            assertEquals(List.of("oauthAccount"), state.accountFields());
            assertFalse(state.secret());
            assertEquals(
                    List.of(new LockFolder(
                            home.resolve(".claude.json.lock"), Duration.ofSeconds(10))),
                    state.locks());
        }

        @Test
        void customOauthRenamesTheStateFile() {
            Environment environment = linux(Map.of(
                    "CLAUDE_CODE_CUSTOM_OAUTH_URL", "http://127.0.0.1:9/oauth"));

            List<Target> targets = provider.targets(environment);

            assertEquals(home.resolve(".claude-custom-oauth.json"), pathOf(targets, "state"));
            assertEquals(home.resolve(".claude-custom-oauth.json.lock"), lockOf(targets, "state"));
        }
    }

    @Nested
    class TargetsWithConfigDir {

        private Path config;

        @BeforeEach
        void createConfigFolder() throws IOException {
            config = Files.createDirectories(home.resolve("profiles/work"));
        }

        @Test
        void bothFilesLiveInTheConfigDir() {
            Environment environment = linux(Map.of("CLAUDE_CONFIG_DIR", config.toString()));

            List<Target> targets = provider.targets(environment);

            assertEquals(config.resolve(".credentials.json"), pathOf(targets, "credentials"));
            assertEquals(config.resolve(".oauth_refresh.lock"), lockOf(targets, "credentials"));
            assertEquals(config.resolve(".claude.json"), target(targets, "state").path());
            assertEquals(config.resolve(".claude.json.lock"), lockOf(targets, "state"));
        }

        @Test
        void secureStorageDirMovesTheCredentials() throws IOException {
            Path storage = Files.createDirectories(home.resolve("vault"));
            Environment environment = linux(Map.of(
                    "CLAUDE_CONFIG_DIR", config.toString(),
                    "CLAUDE_SECURESTORAGE_CONFIG_DIR", storage.toString()));

            List<Target> targets = provider.targets(environment);

            assertEquals(storage.resolve(".credentials.json"), pathOf(targets, "credentials"));
            assertEquals(storage.resolve(".oauth_refresh.lock"), lockOf(targets, "credentials"));
            assertEquals(config.resolve(".claude.json"), target(targets, "state").path());
        }

        @Test
        void emptySecureStorageDirMeansDotClaude() {
            Environment environment = linux(Map.of(
                    "CLAUDE_CONFIG_DIR", config.toString(),
                    "CLAUDE_SECURESTORAGE_CONFIG_DIR", ""));

            Target credentials = target(provider.targets(environment), "credentials");

            assertEquals(home.resolve(".claude/.credentials.json"), credentials.path());
        }

        @Test
        void relativeConfigDirIsRejected() {
            Environment environment = linux(Map.of("CLAUDE_CONFIG_DIR", "profiles/work"));

            LauncherException error =
                    assertThrows(LauncherException.class, () -> provider.targets(environment));

            assertEquals(
                    "CLAUDE_CONFIG_DIR is not an absolute path: profiles/work", error.getMessage());
            assertTrue(error.fix().contains("absolute path"), error.fix());
        }

        @Test
        void configDirThatIsFileIsRejected() throws IOException {
            Path file = Files.writeString(home.resolve("fakecli"), "");
            Environment environment = linux(Map.of("CLAUDE_CONFIG_DIR", file.toString()));

            LauncherException error =
                    assertThrows(LauncherException.class, () -> provider.targets(environment));

            assertEquals("CLAUDE_CONFIG_DIR is " + file + ", which is a file, not a folder",
                    error.getMessage());
            assertEquals("Point CLAUDE_CONFIG_DIR at a folder, then try again.", error.fix());
        }

        @Test
        void configDirInsideFileIsRejected() throws IOException {
            Path file = Files.writeString(home.resolve("fakecli"), "");
            Environment environment = linux(Map.of(
                    "CLAUDE_SECURESTORAGE_CONFIG_DIR", file.resolve("secure").toString()));

            LauncherException error =
                    assertThrows(LauncherException.class, () -> provider.targets(environment));

            assertEquals("CLAUDE_SECURESTORAGE_CONFIG_DIR is " + file.resolve("secure") + ", but "
                    + file + " is a file, not a folder", error.getMessage());
            assertEquals("Point CLAUDE_SECURESTORAGE_CONFIG_DIR at a folder, then try again.",
                    error.fix());
        }
    }

    @Nested
    class TargetsWithLegacyConfigFile {

        private Environment environment;
        private Path legacy;

        @BeforeEach
        void createConfigFolder() throws IOException {
            Path config = Files.createDirectories(home.resolve(".claude"));
            legacy = config.resolve(".config.json");
            environment = linux(Map.of());
        }

        @Test
        void nonEmptyLegacyFileWins() throws IOException {
            Files.writeString(legacy, "{}");
            Files.writeString(home.resolve(".claude.json"), "{}");

            List<Target> targets = provider.targets(environment);

            assertEquals(legacy, target(targets, "state").path());
            assertEquals(home.resolve(".claude/.config.json.lock"), lockOf(targets, "state"));
        }

        @Test
        void emptyLegacyFileLosesToCurrentFile() throws IOException {
            Files.writeString(legacy, "");
            Files.writeString(home.resolve(".claude.json"), "{}");

            assertEquals(home.resolve(".claude.json"), statePath(environment));
        }

        @Test
        void emptyLegacyFileWinsWhenAlone() throws IOException {
            Files.writeString(legacy, "");

            assertEquals(legacy, statePath(environment));
        }

        @Test
        void legacyFolderIsIgnored() throws IOException {
            Files.createDirectories(legacy);

            assertEquals(home.resolve(".claude.json"), statePath(environment));
        }
    }

    @Nested
    class InFolder {

        @Test
        void targetsResolveInsideTheFolder(@TempDir Path copy) {
            Environment environment = linux(Map.of(
                    "CLAUDE_SECURESTORAGE_CONFIG_DIR", home.resolve("vault").toString(),
                    "CLAUDE_CODE_CUSTOM_OAUTH_URL", "http://127.0.0.1:9/oauth"));

            List<Target> targets = provider.targets(provider.inFolder(environment, copy));

            assertEquals(copy.resolve(".credentials.json"), target(targets, "credentials").path());
            assertEquals(copy.resolve(".claude.json"), target(targets, "state").path());
            assertEquals(copy.resolve(".claude.json.lock"), lockOf(targets, "state"));
        }

        @Test
        void otherVariablesAreKept(@TempDir Path copy) {
            Environment environment = linux(Map.of("PATH", "/usr/bin"));

            Environment moved = provider.inFolder(environment, copy);

            assertEquals("/usr/bin", moved.variable("PATH").orElseThrow());
            assertEquals(copy.toString(), moved.variable("CLAUDE_CONFIG_DIR").orElseThrow());
        }
    }

    @Nested
    class Identify {

        @Test
        void readsTheAccountFromBothFiles() {
            Identity identity = provider.identify(snapshot("alice"));

            assertEquals("7d1e5a20-1111-4aaa-8bbb-0000000a11ce", identity.accountId());
            assertEquals("alice.moreau@example.org", identity.email());
            assertEquals("Moreau Robotics", identity.organization());
            assertEquals("max", identity.plan());
        }

        @Test
        void missingOauthIsInvalid() {
            AccountSnapshot snapshot =
                    snapshot(MAPPER.createObjectNode(), json("alice/claude.json"));

            InvalidAccountException error =
                    assertThrows(InvalidAccountException.class, () -> provider.identify(snapshot));

            assertTrue(error.getMessage().contains("claudeAiOauth"), error.getMessage());
            assertTrue(error.fix().contains("`claude auth login`"), error.fix());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("launcher.provider.claude.ClaudeCodeProviderTests#unusableTokens")
        void unusableTokensAreInvalid(String name, Consumer<ObjectNode> edit) {
            AccountSnapshot snapshot = edited("alice", edit, account -> { });

            InvalidAccountException error =
                    assertThrows(InvalidAccountException.class, () -> provider.identify(snapshot));

            assertTrue(error.fix().contains("`claude auth login`"), error.fix());
            assertFalse(error.getMessage().contains("TEST-ALICE"), error.getMessage());
        }

        @Test
        void deadRefreshFileIsInvalid() {
            AccountSnapshot snapshot = aliceWithCredentials("blanked.credentials.json");

            assertThrows(InvalidAccountException.class, () -> provider.identify(snapshot));
        }

        @Test
        void missingAccountUuidIsInvalid() {
            AccountSnapshot snapshot =
                    snapshot(json("alice/credentials.json"), MAPPER.createObjectNode());

            InvalidAccountException error =
                    assertThrows(InvalidAccountException.class, () -> provider.identify(snapshot));

            assertTrue(error.getMessage().contains("oauthAccount.accountUuid"), error.getMessage());
        }
    }

    static Stream<Arguments> unusableTokens() {
        return Stream.of(
                Arguments.of("blank access token", edit(oauth -> oauth.put("accessToken", ""))),
                Arguments.of("missing access token", edit(oauth -> oauth.remove("accessToken"))),
                Arguments.of("null access token", edit(oauth -> oauth.putNull("accessToken"))),
                Arguments.of("blank refresh token", edit(oauth -> oauth.put("refreshToken", " "))),
                Arguments.of("zero expiresAt", edit(oauth -> oauth.put("expiresAt", 0))));
    }

    private static Consumer<ObjectNode> edit(Consumer<ObjectNode> edit) {
        return edit;
    }

    @Nested
    class ReadBackDecisions {

        private final AccountSnapshot stored = snapshot("alice");

        @ParameterizedTest(name = "{0}")
        @MethodSource("launcher.provider.claude.ClaudeCodeProviderTests#diskStates")
        void decidesFromTheDisk(
                String name, Consumer<ObjectNode> editOauth, Consumer<ObjectNode> editAccount,
                Decision expected) {
            AccountSnapshot onDisk = edited("alice", editOauth, editAccount);

            ReadBack result = provider.readBack(stored, onDisk);

            assertEquals(expected, result.decision(), result.reason());
            assertEquals(expected == Decision.ADOPT ? onDisk : stored, result.snapshot());
            assertFalse(result.reason().contains("TEST-ALICE"), result.reason());
        }

        @Test
        void otherAccountIsNotAdopted() {
            ReadBack result = provider.readBack(stored, snapshot("bob"));

            assertEquals(Decision.OTHER_ACCOUNT, result.decision());
            assertEquals(stored, result.snapshot());
        }

        @Test
        void blankedTokensNeedLogin() {
            AccountSnapshot onDisk = aliceWithCredentials("blanked.credentials.json");

            ReadBack result = provider.readBack(stored, onDisk);

            assertEquals(Decision.NEEDS_LOGIN, result.decision());
            assertEquals(stored, result.snapshot());
            assertTrue(result.reason().contains("run `claude auth login`"), result.reason());
        }

        @Test
        void loggedOutDiskIsOtherAccount() {
            AccountSnapshot onDisk = snapshot(MAPPER.createObjectNode(), MAPPER.createObjectNode());

            assertEquals(Decision.OTHER_ACCOUNT, provider.readBack(stored, onDisk).decision());
        }

        @Test
        void freshLoginReplacesBlankedStore() {
            AccountSnapshot blanked = aliceWithCredentials("blanked.credentials.json");

            ReadBack result = provider.readBack(blanked, stored);

            assertEquals(Decision.ADOPT, result.decision());
            assertEquals(stored, result.snapshot());
        }

        @Nested
        class WithoutOauthAccountOnDisk {

            private AccountSnapshot diskWithout(Consumer<ObjectNode> editOauth) {
                ObjectNode credentials = json("alice/credentials.json");
                editOauth.accept((ObjectNode) credentials.get("claudeAiOauth"));
                return snapshot(credentials, MAPPER.createObjectNode());
            }

            @Test
            void sameRefreshTokenAdoptsAndKeepsAccount() {
                AccountSnapshot onDisk = diskWithout(oauth -> oauth
                        .put("accessToken", ACCESS_2)
                        .put("expiresAt", 1797003600000L));

                ReadBack result = provider.readBack(stored, onDisk);

                assertEquals(Decision.ADOPT, result.decision());
                assertEquals(
                        onDisk.field("credentials", "claudeAiOauth"),
                        result.snapshot().field("credentials", "claudeAiOauth"));
                assertEquals(
                        stored.field("state", "oauthAccount"),
                        result.snapshot().field("state", "oauthAccount"));
            }

            @Test
            void otherRefreshTokenIsOtherAccount() {
                AccountSnapshot onDisk = diskWithout(oauth -> oauth
                        .put("refreshToken", REFRESH_2)
                        .put("expiresAt", 1797003600000L));

                ReadBack result = provider.readBack(stored, onDisk);

                assertEquals(Decision.OTHER_ACCOUNT, result.decision());
                assertEquals(stored, result.snapshot());
            }

            @Test
            void blankedTokensStillNeedLogin() {
                AccountSnapshot onDisk =
                        snapshot(json("blanked.credentials.json"), MAPPER.createObjectNode());

                assertEquals(Decision.NEEDS_LOGIN, provider.readBack(stored, onDisk).decision());
            }
        }
    }

    static Stream<Arguments> diskStates() {
        Consumer<ObjectNode> unchanged = node -> { };
        return Stream.of(
                Arguments.of("same login", unchanged, unchanged, Decision.KEEP),
                Arguments.of("refreshed, later expiry",
                        edit(oauth -> oauth
                                .put("accessToken", ACCESS_2)
                                .put("refreshToken", REFRESH_2)
                                .put("expiresAt", 1797003600000L)),
                        unchanged, Decision.ADOPT),
                Arguments.of("access token only, later expiry",
                        edit(oauth -> oauth
                                .put("accessToken", ACCESS_2)
                                .put("expiresAt", 1797003600000L)),
                        unchanged, Decision.ADOPT),
                Arguments.of("older token on disk",
                        edit(oauth -> oauth
                                .put("accessToken", "sk-ant-oat01-TEST-ALICE-ACCESS-A0")
                                .put("refreshToken", "sk-ant-ort01-TEST-ALICE-REFRESH-A0")
                                .put("expiresAt", 1796990000000L)),
                        unchanged, Decision.KEEP),
                Arguments.of("rotated refresh, equal expiry",
                        edit(oauth -> oauth.put("refreshToken", REFRESH_2)),
                        unchanged, Decision.ADOPT),
                Arguments.of("new access token, equal expiry",
                        edit(oauth -> oauth.put("accessToken", ACCESS_2)),
                        unchanged, Decision.KEEP),
                Arguments.of("blanked in place",
                        edit(oauth -> oauth.put("accessToken", "").put("refreshToken", "")
                                .put("expiresAt", 0)),
                        unchanged, Decision.NEEDS_LOGIN),
                Arguments.of("zero expiry only",
                        edit(oauth -> oauth.put("expiresAt", 0)), unchanged, Decision.NEEDS_LOGIN),
                Arguments.of("expiry missing on disk",
                        edit(oauth -> oauth.put("refreshToken", REFRESH_2)
                                .remove("expiresAt")),
                        unchanged, Decision.KEEP),
                Arguments.of("expiry as text on disk",
                        edit(oauth -> oauth.put("refreshToken", REFRESH_2)
                                .put("expiresAt", "1797003600000")),
                        unchanged, Decision.KEEP),
                Arguments.of("claudeAiOauth emptied",
                        edit(oauth -> oauth.removeAll()), unchanged, Decision.NEEDS_LOGIN),
                Arguments.of("other accountUuid",
                        edit(oauth -> oauth.put("expiresAt", 1797003600000L)),
                        edit(account -> account
                                .put("accountUuid", "7d1e5a20-9999-4aaa-8bbb-000000000000")),
                        Decision.OTHER_ACCOUNT),
                Arguments.of("organisation renamed",
                        unchanged,
                        edit(account -> account.put("organizationName", "Moreau Robotics GmbH")),
                        Decision.ADOPT),
                Arguments.of("plan upgraded",
                        edit(oauth -> oauth.put("subscriptionType", "team")),
                        unchanged, Decision.ADOPT),
                Arguments.of("details changed, older token",
                        edit(oauth -> oauth.put("expiresAt", 1796990000000L)),
                        edit(account -> account.put("displayName", "Alice M.")),
                        Decision.KEEP));
    }

    @Nested
    class OddShapes {

        @ParameterizedTest(name = "{0}")
        @MethodSource("launcher.provider.claude.ClaudeCodeProviderTests#oddShapes")
        void oddShapesNeverCrash(String name, String credentials, String state) throws Exception {
            AccountSnapshot odd = new AccountSnapshot(Map.of(
                    "credentials", (ObjectNode) MAPPER.readTree(credentials),
                    "state", (ObjectNode) MAPPER.readTree(state)));
            AccountSnapshot alice = snapshot("alice");

            ReadBack fromOdd = provider.readBack(odd, alice);
            ReadBack toOdd = provider.readBack(alice, odd);
            TokenState tokens = provider.tokenState(odd);

            assertTrue(fromOdd.decision() != null, fromOdd.reason());
            assertTrue(toOdd.decision() != Decision.ADOPT, toOdd.reason());
            assertTrue(tokens.needsLogin());
            assertThrows(InvalidAccountException.class, () -> provider.identify(odd));
        }
    }

    static Stream<Arguments> oddShapes() {
        String account =
                "{\"oauthAccount\": {\"accountUuid\": \"7d1e5a20-1111-4aaa-8bbb-0000000a11ce\"}}";
        return Stream.of(
                Arguments.of("oauth a string", "{\"claudeAiOauth\": \"token\"}", account),
                Arguments.of("oauth an array", "{\"claudeAiOauth\": []}", account),
                Arguments.of("oauth null", "{\"claudeAiOauth\": null}", account),
                Arguments.of("tokens numbers",
                        "{\"claudeAiOauth\": {\"accessToken\": 1, \"refreshToken\": 2}}", account),
                Arguments.of("expiresAt zero as float",
                        "{\"claudeAiOauth\": {\"accessToken\": \"a\", \"expiresAt\": 0.0}}",
                        account),
                Arguments.of("account a string",
                        "{\"claudeAiOauth\": {\"accessToken\": \"\"}}",
                        "{\"oauthAccount\": \"alice\"}"),
                Arguments.of("empty objects", "{}", "{}"));
    }

    @Nested
    class Tokens {

        @Test
        void expiryComesFromExpiresAt() {
            TokenState state = provider.tokenState(snapshot("alice"));

            assertEquals(Instant.ofEpochMilli(1797000000000L), state.expiresAt());
            assertFalse(state.needsLogin());
        }

        @Test
        void blankedTokensNeedLogin() {
            TokenState state =
                    provider.tokenState(aliceWithCredentials("blanked.credentials.json"));

            assertNull(state.expiresAt());
            assertTrue(state.needsLogin());
        }

        @Test
        void stateFileAloneNeedsNoLogin() {
            AccountSnapshot stateOnly = new AccountSnapshot(
                    Map.of("state", (ObjectNode) MAPPER.createObjectNode()
                            .set("oauthAccount", json("alice/claude.json").get("oauthAccount"))));

            TokenState state = provider.tokenState(stateOnly);

            assertNull(state.expiresAt());
            assertFalse(state.needsLogin());
        }

        @Test
        void missingOauthNeedsLogin() {
            TokenState state = provider.tokenState(
                    snapshot(MAPPER.createObjectNode(), json("alice/claude.json")));

            assertNull(state.expiresAt());
            assertTrue(state.needsLogin());
        }
    }

    @Nested
    class Warnings {

        @Test
        void cleanLinuxEnvironmentHasNone() {
            assertEquals(List.of(), provider.warnings(linux(Map.of("PATH", "/usr/bin"))));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "CLAUDE_CODE_OAUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR",
                "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"})
        void overridingVariableIsNamed(String variable) {
            List<String> warnings = provider.warnings(linux(Map.of(variable, "sk-ant-TEST-VALUE")));

            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.getFirst().startsWith(variable + " is set"), warnings.getFirst());
            assertTrue(warnings.getFirst().contains("unset it"), warnings.getFirst());
            assertFalse(warnings.getFirst().contains("TEST-VALUE"), warnings.getFirst());
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY"})
        void cloudProviderSwitchIsNamed(String variable) {
            List<String> warnings = provider.warnings(linux(Map.of(variable, "1")));

            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.getFirst().startsWith(variable + " is set"), warnings.getFirst());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "false", "no", ""})
        void switchedOffSwitchIsIgnored(String value) {
            Environment environment = linux(Map.of("CLAUDE_CODE_USE_BEDROCK", value));

            assertEquals(List.of(), provider.warnings(environment));
        }

        @Test
        void macosNamesTheKeychain() {
            Environment macos = new Environment(home, Map.of(), OperatingSystem.MACOS);

            List<String> warnings = provider.warnings(macos);

            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.getFirst().contains("Keychain"), warnings.getFirst());
        }
    }

    @Test
    void launchSpecStartsClaudeFromPath() {
        LaunchSpec spec = provider.launchSpec(linux(Map.of()));

        assertEquals("claude", spec.executable());
        assertEquals(List.of(), spec.arguments());
        assertEquals(Map.of(), spec.environment());
        assertEquals("npm install -g @anthropic-ai/claude-code", spec.installHint());
    }
}
