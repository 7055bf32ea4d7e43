package launcher.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.Environment;
import launcher.core.spi.Identity;
import launcher.core.spi.OperatingSystem;
import launcher.core.spi.Target;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountStoreTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant UPDATED = Instant.parse("2026-02-03T04:05:06.123456789Z");

    /** Claude Code's files in a folder that need not exist, because no test writes them. */
    private static final Target CREDENTIALS = new Target("credentials",
            Path.of("/home/alice/.claude/.credentials.json"), List.of("claudeAiOauth"), true);
    private static final Target STATE = new Target("state",
            Path.of("/home/alice/.claude/.claude.json"), List.of("oauthAccount"), false);
    private static final List<Target> TARGETS = List.of(CREDENTIALS, STATE);

    @TempDir
    Path root;

    @Nested
    class DefaultRoot {

        static Stream<Arguments> locations() {
            Path home = Path.of("/home/alice");
            return Stream.of(
                    Arguments.of(OperatingSystem.LINUX, Map.of("LAUNCHER_HOME", "/opt/store"),
                            Path.of("/opt/store")),
                    Arguments.of(OperatingSystem.LINUX, Map.of("XDG_CONFIG_HOME", "/xdg"),
                            Path.of("/xdg/launcher")),
                    Arguments.of(OperatingSystem.LINUX, Map.of("XDG_CONFIG_HOME", "relative"),
                            home.resolve(".config/launcher")),
                    Arguments.of(OperatingSystem.LINUX, Map.of(),
                            home.resolve(".config/launcher")),
                    Arguments.of(OperatingSystem.MACOS, Map.of("XDG_CONFIG_HOME", "/xdg"),
                            home.resolve("Library/Application Support/launcher")),
                    Arguments.of(OperatingSystem.WINDOWS, Map.of("APPDATA", "/roaming"),
                            Path.of("/roaming/launcher")),
                    Arguments.of(OperatingSystem.WINDOWS, Map.of(),
                            home.resolve("AppData/Roaming/launcher")));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("locations")
        void rootFollowsTheEnvironment(
                OperatingSystem system, Map<String, String> variables, Path expected) {
            Environment environment = new Environment(Path.of("/home/alice"), variables, system);

            assertEquals(expected, AccountStore.defaultRoot(environment));
        }
    }

    @Nested
    class RoundTrip {

        @Test
        void storedAccountReadsBackEqual() throws Exception {
            StoredAccount work = account("work", "acct-1", "rt-work");

            new AccountStore(root).putAccount("claude", work);
            AccountStore reopened = new AccountStore(root);

            assertEquals(Optional.of(work), reopened.account("claude", "work"));
            assertEquals(List.of(work), reopened.accounts("claude"));
            assertEquals(Optional.of("work"), reopened.defaultAccount("claude"));
        }

        @Test
        void firstAccountStaysDefault() {
            AccountStore store = new AccountStore(root);

            store.putAccount("claude", account("work", "acct-1", "rt-work"));
            store.putAccount("claude", account("home", "acct-2", "rt-home"));

            assertEquals(Optional.of("work"), store.defaultAccount("claude"));
            assertEquals(List.of("home", "work"),
                    store.accounts("claude").stream().map(StoredAccount::name).toList());
        }

        @Test
        void defaultAndLiveAccountsPersist() {
            AccountStore store = new AccountStore(root);
            store.putAccount("claude", account("work", "acct-1", "rt-work"));
            store.putAccount("claude", account("home", "acct-2", "rt-home"));

            store.setDefaultAccount("claude", "home");
            store.setLiveAccount("claude", CREDENTIALS, "home");
            store.setLiveAccount("claude", STATE, "work");
            AccountStore reopened = new AccountStore(root);

            assertEquals(Optional.of("home"), reopened.defaultAccount("claude"));
            assertEquals(Map.of("credentials", "home", "state", "work"),
                    reopened.liveAccounts("claude", TARGETS));
        }

        @Test
        void pendingSwitchPersistsUntilFinished() {
            AccountStore store = new AccountStore(root);
            store.putAccount("claude", account("work", "acct-1", "rt-work"));
            store.putAccount("claude", account("home", "acct-2", "rt-home"));
            store.setLiveAccount("claude", CREDENTIALS, "work");

            store.setPendingSwitch("claude", TARGETS, "home");
            Optional<String> pending = new AccountStore(root).pendingSwitch("claude", TARGETS);
            store.finishSwitch("claude", TARGETS, "home");
            AccountStore reopened = new AccountStore(root);

            assertEquals(Optional.of("home"), pending);
            assertEquals(Optional.empty(), reopened.pendingSwitch("claude", TARGETS));
            assertEquals(Map.of("credentials", "home", "state", "home"),
                    reopened.liveAccounts("claude", TARGETS));
        }

        @Test
        void updatedSnapshotIsStored() throws Exception {
            AccountStore store = new AccountStore(root);
            store.putAccount("claude", account("work", "acct-1", "rt-old"));
            AccountSnapshot refreshed = snapshot("rt-new");

            StoredAccount updated = store.updateSnapshot("claude", "work", refreshed, UPDATED);

            assertEquals(refreshed, updated.snapshot());
            assertEquals(UPDATED, updated.updatedAt());
            assertEquals(CREATED, updated.createdAt());
            assertEquals(Optional.of(updated), new AccountStore(root).account("claude", "work"));
        }

        @Test
        void removedAccountLeavesNoTrace() {
            AccountStore store = new AccountStore(root);
            store.putAccount("claude", account("work", "acct-1", "rt-work"));
            store.putAccount("claude", account("home", "acct-2", "rt-home"));
            store.setLiveAccount("claude", CREDENTIALS, "work");

            assertTrue(store.removeAccount("claude", "work"));
            assertFalse(store.removeAccount("claude", "work"));

            assertEquals(Optional.empty(), store.account("claude", "work"));
            assertEquals(Optional.of("home"), store.defaultAccount("claude"));
            assertEquals(Map.of(), store.liveAccounts("claude", TARGETS));
        }

        @Test
        void missingStoreIsEmpty() {
            AccountStore store = new AccountStore(root.resolve("never-written"));

            assertEquals(List.of(), store.accounts("claude"));
            assertEquals(Optional.empty(), store.defaultAccount("claude"));
            assertEquals(Map.of(), store.liveAccounts("claude", TARGETS));
            assertFalse(Files.exists(root.resolve("never-written")));
        }

        @Test
        void unchangedPutWritesNothing() throws Exception {
            AccountStore store = new AccountStore(root);
            StoredAccount work = account("work", "acct-1", "rt-work");
            store.putAccount("claude", work);
            Path file = store.accountsFile("claude");
            FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
            Files.setLastModifiedTime(file, past);

            store.putAccount("claude", work);
            store.setDefaultAccount("claude", "work");

            assertEquals(past, Files.getLastModifiedTime(file));
        }

        @Test
        void otherWriterIsSeenAfterRead() {
            AccountStore first = new AccountStore(root);
            AccountStore second = new AccountStore(root);
            first.putAccount("claude", account("work", "acct-1", "rt-work"));
            first.putAccount("claude", account("home", "acct-2", "rt-home"));
            Optional<String> before = first.defaultAccount("claude");

            second.setDefaultAccount("claude", "home");
            second.setLiveAccount("claude", STATE, "home");

            assertEquals(Optional.of("work"), before);
            assertEquals(Optional.of("home"), first.defaultAccount("claude"));
            assertEquals(Map.of("state", "home"), first.liveAccounts("claude", TARGETS));
        }

        @Test
        void failedWriteLeavesReadsAlone() throws Exception {
            AccountStore store = new AccountStore(root);
            store.putAccount("claude", account("work", "acct-1", "rt-work"));
            Path file = store.accountsFile("claude");
            Map<String, String> before = store.liveAccounts("claude", TARGETS);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));

            assertThrows(StoreException.class,
                    () -> store.setLiveAccount("claude", STATE, "work"));

            assertEquals(Map.of(), before);
            assertEquals(Map.of(), store.liveAccounts("claude", TARGETS));
        }

        @Test
        void targetChecksPersist() throws Exception {
            AccountStore store = new AccountStore(root);
            ObjectNode fields = JSON.createObjectNode();
            fields.putObject("oauthAccount").put("accountUuid", "u-1")
                    .put("ratio", new BigDecimal("1.10"));
            TargetCheck check = new TargetCheck(Path.of("/home/alice/.claude.json"), 5_243_750L,
                    -90_211, Integer.MIN_VALUE, fields);

            store.replaceTargetChecks("claude", List.of("state"), Map.of("state", check));
            TargetCheck reread = new AccountStore(root).targetChecks("claude").get("state");

            assertEquals(check.path(), reread.path());
            assertEquals(check.size(), reread.size());
            assertEquals(check.crc32c(), reread.crc32c());
            assertEquals(check.crc32(), reread.crc32());
            assertEquals("1.10", reread.accountFields().at("/oauthAccount/ratio").asText());
        }

        @Test
        void unchangedChecksWriteNothing() throws Exception {
            AccountStore store = new AccountStore(root);
            TargetCheck check = new TargetCheck(Path.of("/home/alice/.claude.json"), 10, 1, 2,
                    (ObjectNode) JSON.readTree("{\"oauthAccount\":{\"count\":1}}"));
            store.replaceTargetChecks("claude", List.of("state"), Map.of("state", check));
            Path file = store.checksFile("claude");
            FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
            Files.setLastModifiedTime(file, past);
            TargetCheck longNumber = new TargetCheck(check.path(), 10, 1, 2,
                    (ObjectNode) JSON.readTree("{\"oauthAccount\":{\"count\":1.0}}"));

            store.replaceTargetChecks("claude", List.of("state"), Map.of("state", longNumber));
            FileTime afterSame = Files.getLastModifiedTime(file);
            store.replaceTargetChecks("claude", List.of("state"), Map.of());

            assertEquals(past, afterSame);
            assertEquals(Map.of(), store.targetChecks("claude"));
        }

        @Test
        void filesAndFoldersAreOwnerOnly() throws Exception {
            Path storeRoot = root.resolve("launcher");
            AccountStore store = new AccountStore(storeRoot);

            store.putAccount("claude", account("work", "acct-1", "rt-work"));
            store.lock("claude", Duration.ofSeconds(1)).close();

            assertEquals("rwx------", permissions(storeRoot));
            assertEquals("rwx------", permissions(storeRoot.resolve("accounts")));
            assertEquals("rw-------", permissions(store.accountsFile("claude")));
            assertEquals("rwx------", permissions(storeRoot.resolve("locks")));
            assertEquals("rw-------", permissions(storeRoot.resolve("locks/claude.lock")));
        }
    }

    @Nested
    class WhenCheckFileIsBad {

        private TargetCheck check(long size) throws Exception {
            return new TargetCheck(Path.of("/home/alice/.claude.json"), size, 1, 2,
                    (ObjectNode) JSON.readTree("{\"oauthAccount\":{\"accountUuid\":\"u-1\"}}"));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"{\"schemaVersion\":1,\"targets\":{\"sta", "not json",
                "{\"schemaVersion\":2,\"targets\":{}}", "{\"schemaVersion\":1,\"targets\":"
                        + "{\"state\":{\"path\":\"/x\",\"size\":\"5\",\"crc32c\":1,"
                        + "\"crc32\":2,\"accountFields\":{}}}}"})
        void damagedFileReadsAsEmpty(String content) throws Exception {
            AccountStore store = new AccountStore(root);
            Path file = store.checksFile("claude");
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);

            assertEquals(Map.of(), store.targetChecks("claude"));
        }

        @Test
        void damagedFileIsReplaced() throws Exception {
            AccountStore store = new AccountStore(root);
            Path file = store.checksFile("claude");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "{\"schemaVersion\":1,\"targ");

            store.replaceTargetChecks("claude", List.of("state"), Map.of("state", check(7)));

            assertEquals(7, store.targetChecks("claude").get("state").size());
            assertEquals("rw-------", permissions(file));
        }

        @Test
        void checksLeaveStoreFileAlone() throws Exception {
            AccountStore store = new AccountStore(root);
            store.putAccount("claude", account("work", "acct-1", "rt-work"));
            byte[] before = Files.readAllBytes(store.accountsFile("claude"));

            store.replaceTargetChecks("claude", List.of("state"), Map.of("state", check(7)));

            assertArrayEquals(before, Files.readAllBytes(store.accountsFile("claude")));
            assertEquals("rwx------", permissions(store.checksFile("claude").getParent()));
        }
    }

    @Nested
    class WhenStoreFileIsBad {

        static Stream<Arguments> badFiles() {
            String account = "\"identity\":{\"accountId\":\"acct-1\"},"
                    + "\"createdAt\":\"2026-01-02T03:04:05Z\","
                    + "\"updatedAt\":\"2026-01-02T03:04:05Z\"";
            return Stream.of(
                    Arguments.of("truncated JSON",
                            "{\"schemaVersion\":1,\"accounts\":{\"sk-secret"),
                    Arguments.of("bare token", "sk-secret-token"),
                    Arguments.of("array", "[1, 2]"),
                    Arguments.of("no schema version", "{\"accounts\":{}}"),
                    Arguments.of("textual version", "{\"schemaVersion\":\"1\"}"),
                    Arguments.of("version zero", "{\"schemaVersion\":0}"),
                    Arguments.of("accounts not object", "{\"schemaVersion\":1,\"accounts\":[]}"),
                    Arguments.of("snapshot not object", "{\"schemaVersion\":1,\"accounts\":{"
                            + "\"work\":{" + account + ",\"snapshot\":\"sk-secret-token\"}}}"),
                    Arguments.of("missing identity", "{\"schemaVersion\":1,\"accounts\":{"
                            + "\"work\":{\"snapshot\":{}}}}"),
                    Arguments.of("bad created time", "{\"schemaVersion\":1,\"accounts\":{"
                            + "\"work\":{" + account.replace("2026-01-02T03:04:05Z\",", "x\",")
                            + ",\"snapshot\":{}}}}"),
                    Arguments.of("unknown default", "{\"schemaVersion\":1,"
                            + "\"defaultAccount\":\"gone\",\"accounts\":{}}"),
                    Arguments.of("pending switch not text", "{\"schemaVersion\":1,"
                            + "\"pendingSwitch\":[\"sk-secret-token\"]}"),
                    Arguments.of("other provider", "{\"schemaVersion\":1,"
                            + "\"provider\":\"codex\",\"accounts\":{}}"),
                    Arguments.of("provider not text", "{\"schemaVersion\":1,"
                            + "\"provider\":[\"sk-secret-token\"]}"),
                    Arguments.of("duplicate member", "{\"schemaVersion\":1,\"schemaVersion\":1}"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badFiles")
        void badFileIsRejectedAndKept(String name, String content) throws Exception {
            AccountStore store = new AccountStore(root);
            Path file = store.accountsFile("claude");
            Files.createDirectories(file.getParent());
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            Files.write(file, bytes);

            StoreException readError = assertThrows(StoreException.class,
                    () -> store.accounts("claude"));
            StoreException writeError = assertThrows(StoreException.class,
                    () -> store.putAccount("claude", account("work", "acct-1", "rt-work")));

            assertTrue(readError.getMessage().contains(file.toString()), readError.getMessage());
            assertTrue(readError.getMessage().contains("is invalid"), readError.getMessage());
            assertFalse(readError.getMessage().contains("sk-secret"), readError.getMessage());
            assertTrue(readError.fix().contains(file.toString()), readError.fix());
            assertEquals(readError.getMessage(), writeError.getMessage());
            assertArrayEquals(bytes, Files.readAllBytes(file));
        }

        @Test
        void rootThatIsFileIsRejected() throws Exception {
            Path file = Files.writeString(root.resolve("launcher-home"), "not a folder\n");
            AccountStore store = new AccountStore(file);

            StoreException error = assertThrows(StoreException.class,
                    () -> store.accounts("claude"));

            assertEquals("The account store folder " + file + " is not a directory",
                    error.getMessage());
            assertTrue(error.fix().contains("LAUNCHER_HOME"), error.fix());
            assertEquals("not a folder\n", Files.readString(file));
        }

        @Test
        void accountsFolderThatIsFileIsRejected() throws Exception {
            Path accounts = Files.writeString(root.resolve("accounts"), "");
            AccountStore store = new AccountStore(root);

            StoreException readError = assertThrows(StoreException.class,
                    () -> store.accounts("claude"));
            StoreException writeError = assertThrows(StoreException.class,
                    () -> store.putAccount("claude", account("work", "acct-1", "rt-work")));

            assertEquals("The account store's accounts folder " + accounts + " is not a directory",
                    readError.getMessage());
            assertEquals("Move the file " + accounts + " away, so that the launcher can create the"
                    + " folder there.", readError.fix());
            assertEquals(readError.getMessage(), writeError.getMessage());
            assertTrue(Files.isRegularFile(accounts));
        }

        @Test
        void newerSchemaIsRejectedAndKept() throws Exception {
            AccountStore store = new AccountStore(root);
            Path file = store.accountsFile("claude");
            Files.createDirectories(file.getParent());
            byte[] bytes =
                    "{\"schemaVersion\":3,\"accounts\":{}}\n".getBytes(StandardCharsets.UTF_8);
            Files.write(file, bytes);

            StoreException error = assertThrows(StoreException.class,
                    () -> store.setLiveAccount("claude", CREDENTIALS, null));

            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
            assertTrue(error.getMessage().contains("schema version 3"), error.getMessage());
            assertTrue(error.fix().contains("upgrade"), error.fix());
            assertArrayEquals(bytes, Files.readAllBytes(file));
        }
    }

    @Nested
    class WhenInputIsInvalid {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "a b", "x/y", "..\\up", "name\n", "caf\u00e9",
                "a123456789b123456789c123456789d123456789e123456789f123456789g1234"})
        void invalidAccountNameIsRejected(String name) {
            AccountStore store = new AccountStore(root);

            StoreException error = assertThrows(StoreException.class,
                    () -> store.putAccount("claude", account(name, "acct-1", "rt")));

            assertTrue(error.getMessage().startsWith("Invalid account name"), error.getMessage());
            assertTrue(error.fix().contains("1 to 64"), error.fix());
            assertFalse(Files.exists(root.resolve("accounts")));
        }

        @Test
        void longestValidNameIsAccepted() {
            String name = "a".repeat(64);
            AccountStore store = new AccountStore(root);

            store.putAccount("claude", account(name, "acct-1", "rt"));

            assertTrue(store.account("claude", name).isPresent());
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "Claude", "../x", "1claude"})
        void invalidProviderIdIsRejected(String providerId) {
            AccountStore store = new AccountStore(root);

            StoreException error = assertThrows(StoreException.class,
                    () -> store.accounts(providerId));

            assertTrue(error.getMessage().startsWith("Invalid provider id"), error.getMessage());
        }

        @Test
        void unknownDefaultNamesStoredAccounts() {
            AccountStore store = new AccountStore(root);
            store.putAccount("claude", account("work", "acct-1", "rt-work"));

            StoreException error = assertThrows(StoreException.class,
                    () -> store.setDefaultAccount("claude", "home"));

            assertTrue(error.getMessage().contains("No account named home"), error.getMessage());
            assertTrue(error.getMessage().contains("work"), error.getMessage());
        }

        @Test
        void unknownLiveAccountIsRejected() {
            AccountStore store = new AccountStore(root);

            assertThrows(StoreException.class,
                    () -> store.setLiveAccount("claude", CREDENTIALS, "work"));
            assertEquals(Map.of(), store.liveAccounts("claude", TARGETS));
        }
    }

    @Nested
    class RecordsPerFile {

        private List<Target> targetsIn(Path folder) {
            return List.of(
                    new Target("credentials", folder.resolve(".credentials.json"),
                            List.of("claudeAiOauth"), true),
                    new Target("state", folder.resolve(".claude.json"),
                            List.of("oauthAccount"), false));
        }

        private AccountStore storeWithTwoAccounts() {
            AccountStore store = new AccountStore(root.resolve("store"));
            store.putAccount("claude", account("work", "acct-1", "rt-work"));
            store.putAccount("claude", account("home", "acct-2", "rt-home"));
            return store;
        }

        @Test
        void liveAccountsOfTwoFoldersStayApart() {
            AccountStore store = storeWithTwoAccounts();
            List<Target> first = targetsIn(root.resolve("first"));
            List<Target> second = targetsIn(root.resolve("second"));

            store.finishSwitch("claude", first, "work");
            store.finishSwitch("claude", second, "home");
            AccountStore reopened = new AccountStore(root.resolve("store"));

            assertEquals(Map.of("credentials", "work", "state", "work"),
                    reopened.liveAccounts("claude", first));
            assertEquals(Map.of("credentials", "home", "state", "home"),
                    reopened.liveAccounts("claude", second));
            assertEquals(Map.of(), reopened.liveAccounts("claude", targetsIn(root.resolve("x"))));
        }

        @Test
        void pendingSwitchOfOneFolderLeavesOtherAlone() {
            AccountStore store = storeWithTwoAccounts();
            List<Target> first = targetsIn(root.resolve("first"));
            List<Target> second = targetsIn(root.resolve("second"));

            store.setPendingSwitch("claude", second, "home");

            assertEquals(Optional.empty(), store.pendingSwitch("claude", first));
            assertEquals(Optional.of("home"), store.pendingSwitch("claude", second));
        }

        @Test
        void linkedFolderSharesRecords() throws Exception {
            AccountStore store = storeWithTwoAccounts();
            Path folder = Files.createDirectories(root.resolve("config"));
            Path link = Files.createSymbolicLink(root.resolve("config-link"), folder);

            store.finishSwitch("claude", targetsIn(link), "home");

            assertEquals(Map.of("credentials", "home", "state", "home"),
                    store.liveAccounts("claude", targetsIn(folder)));
        }

        /** A sync records its pending switch before it creates a missing folder. */
        @Test
        void linkedPathToMissingFolderKeepsItsKey() throws Exception {
            AccountStore store = storeWithTwoAccounts();
            Path real = Files.createDirectories(root.resolve("real"));
            Path link = Files.createSymbolicLink(root.resolve("link"), real);
            List<Target> targets = targetsIn(link.resolve("config"));

            store.setPendingSwitch("claude", targets, "home");
            Files.createDirectories(real.resolve("config"));
            store.finishSwitch("claude", targets, "home");
            Optional<String> pendingWithFolder = store.pendingSwitch("claude", targets);
            Files.delete(real.resolve("config"));

            assertEquals(Optional.empty(), pendingWithFolder);
            assertEquals(Optional.empty(), store.pendingSwitch("claude", targets));
            assertEquals(Optional.empty(),
                    store.pendingSwitch("claude", targetsIn(real.resolve("config"))));
            assertEquals(Map.of("credentials", "home", "state", "home"),
                    store.liveAccounts("claude", targetsIn(real.resolve("config"))));
        }

        @Test
        void version1RecordsServeFilesWithoutRecords() throws Exception {
            AccountStore store = storeWithTwoAccounts();
            Path file = store.accountsFile("claude");
            ObjectNode content = (ObjectNode) JSON.readTree(file.toFile());
            content.put("schemaVersion", 1);
            content.putObject("liveAccounts").put("credentials", "work").put("state", "work");
            content.put("pendingSwitch", "home");
            Files.writeString(file, content.toString());
            List<Target> first = targetsIn(root.resolve("first"));
            List<Target> second = targetsIn(root.resolve("second"));

            Map<String, String> liveBefore = store.liveAccounts("claude", first);
            Optional<String> pendingBefore = store.pendingSwitch("claude", first);
            store.finishSwitch("claude", second, "home");
            JsonNode rewritten = JSON.readTree(file.toFile());

            assertEquals(Map.of("credentials", "work", "state", "work"), liveBefore);
            assertEquals(Optional.of("home"), pendingBefore);
            assertEquals(Optional.empty(), store.pendingSwitch("claude", first));
            assertEquals(Map.of(), store.liveAccounts("claude", first));
            assertEquals(Map.of("credentials", "home", "state", "home"),
                    store.liveAccounts("claude", second));
            assertEquals(2, rewritten.get("schemaVersion").intValue());
            assertFalse(rewritten.has("liveAccounts"), rewritten.toString());
            assertFalse(rewritten.has("pendingSwitch"), rewritten.toString());
        }
    }

    @Nested
    class WithLock {

        @Test
        void heldLockMakesSecondTimeOut() {
            AccountStore store = new AccountStore(root);

            try (StoreLock _ = store.lock("claude", Duration.ofSeconds(1))) {
                StoreException error = assertThrows(StoreException.class,
                        () -> store.lock("claude", Duration.ofMillis(100)));

                assertTrue(error.getMessage().contains("claude.lock"), error.getMessage());
                assertTrue(error.getMessage().contains("another launcher"), error.getMessage());
            }
        }

        @Test
        void providersLockIndependently() {
            AccountStore store = new AccountStore(root);

            try (StoreLock _ = store.lock("claude", Duration.ofSeconds(1));
                    StoreLock _ = store.lock("codex", Duration.ofMillis(100))) {
                assertTrue(Files.exists(root.resolve("locks/codex.lock")));
            }
        }

        /**
         * A killed write of a record leaves its temp file, and a sync that changes nothing
         * writes no record that would remove it. The pid 999999999 is above Linux's maximum.
         */
        @Test
        void lockRemovesTempFilesOfDeadWriters() throws Exception {
            AccountStore store = new AccountStore(root);
            store.putAccount("claude", account("work", "acct-1", "rt-work"));
            Path accounts = store.accountsFile("claude").getParent();
            Path checks = Files.createDirectories(store.checksFile("claude").getParent());
            Path deadAccounts = Files.writeString(
                    accounts.resolve(".claude.json.launcher-999999999-1a2b.tmp"), "rt-partial");
            Path deadChecks = Files.writeString(
                    checks.resolve(".claude.json.launcher-999999999-3c4d.tmp"), "{");
            long self = ProcessHandle.current().pid();
            Path live = Files.writeString(
                    accounts.resolve(".claude.json.launcher-" + self + "-5e6f.tmp"), "{");

            try (StoreLock _ = store.lock("claude", Duration.ofSeconds(1))) {
                assertFalse(Files.exists(deadAccounts), "temp file of a dead writer in accounts/");
                assertFalse(Files.exists(deadChecks), "temp file of a dead writer in checks/");
                assertTrue(Files.exists(live), "temp file of a running writer was removed");
            }
        }
    }

    private static StoredAccount account(String name, String accountId, String refreshToken) {
        Identity identity = new Identity(accountId, name + "@example.com", "Example", "max");
        return new StoredAccount(name, identity, snapshot(refreshToken), CREATED, CREATED);
    }

    private static AccountSnapshot snapshot(String refreshToken) {
        try {
            ObjectNode credentials = (ObjectNode) JSON.readTree("{\"claudeAiOauth\":{"
                    + "\"accessToken\":\"at\",\"refreshToken\":\"" + refreshToken + "\","
                    + "\"expiresAt\":1767323045000,\"scopes\":[\"user:inference\"]}}");
            ObjectNode state = (ObjectNode) JSON.readTree("{\"oauthAccount\":{"
                    + "\"accountUuid\":\"u-1\",\"emailAddress\":\"a@example.com\"}}");
            return new AccountSnapshot(Map.of("credentials", credentials, "state", state));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
