package launcher.core.sync;

import static launcher.core.sync.TestProvider.CREDENTIALS;
import static launcher.core.sync.TestProvider.ID;
import static launcher.core.sync.TestProvider.STATE;
import static launcher.core.sync.TestProvider.login;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import launcher.core.ChildJvm;
import launcher.core.io.AtomicWriter;
import launcher.core.io.ContentCheck;
import launcher.core.io.FileMover;
import launcher.core.io.RetryPolicy;
import launcher.core.json.JsonDocument;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.Environment;
import launcher.core.spi.Identity;
import launcher.core.spi.InvalidAccountException;
import launcher.core.spi.OperatingSystem;
import launcher.core.spi.ReadBack;
import launcher.core.spi.Target;
import launcher.core.store.AccountStore;
import launcher.core.store.StoredAccount;
import launcher.core.store.TargetCheck;
import launcher.core.sync.StatusReport.TargetStatus;
import launcher.core.sync.TargetReport.Action;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class SyncEngineTests {

    private static final Instant CREATED = Instant.parse("2026-01-05T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    /** The machine's part of the credentials file: MCP tokens that no account owns. */
    private static final String CREDENTIALS_FILE = """
            {
              "mcpOAuth": {
                "files|7c2e": {
                  "accessToken": "mcp-access-0001",
                  "expiresAt": 1796300000000
                }
              }
            }
            """;

    /** The machine's part of the state file, with tabs, CRLF and spellings that must survive. */
    private static final String STATE_FILE = "{\r\n\t\"numStartups\": 214,\r\n"
            + "\t\"ratio\": 1.10,\r\n\t\"tiny\": 1e-7,\r\n\t\"big\": 12345678901234567890,\r\n"
            + "\t\"path\": \"C:\\\\Users\\/dev\",\r\n\t\"name\": \"caf\\u00e9 ☕\",\r\n"
            + "\t\"projects\": {\r\n\t\t\"/srv/ünï\": {\"lastCost\": 0.0310}\r\n\t}\r\n}";

    @TempDir
    Path home;

    private AccountStore store;
    private Environment environment;
    private TestProvider provider;
    private Path credentials;
    private Path state;

    @BeforeEach
    void setUp() {
        store = new AccountStore(home.resolve("launcher"));
        environment = new Environment(home, Map.of(), OperatingSystem.LINUX);
        provider = new TestProvider();
        credentials = home.resolve(".testcli/credentials.json");
        state = home.resolve(".testcli/state.json");
    }

    private SyncEngine engine() {
        return engine(new AtomicWriter());
    }

    private SyncEngine engine(AtomicWriter writer) {
        return new SyncEngine(
                store, Duration.ofSeconds(10), writer, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<Target> targets() {
        return provider.targets(environment);
    }

    /**
     * Returns an environment whose CLI folder is another than the one of {@link #environment},
     * as with a second {@code CLAUDE_CONFIG_DIR}.
     */
    private Environment otherFolder() {
        return new Environment(home,
                Map.of(TestProvider.FOLDER_VARIABLE, home.resolve("other-cli").toString()),
                OperatingSystem.LINUX);
    }

    private static AtomicWriter writerWith(FileMover mover) {
        return new AtomicWriter(RetryPolicy.windows(), mover);
    }

    private void storeAccount(String name, AccountSnapshot snapshot) {
        String accountId = snapshot.field(CREDENTIALS, "login").orElseThrow()
                .get("accountId").asText();
        Identity identity = new Identity(accountId, accountId + "@example.com", null, null);
        store.putAccount(ID, new StoredAccount(name, identity, snapshot, CREATED, CREATED));
    }

    private void writeMachineFiles() throws IOException {
        Files.createDirectories(credentials.getParent());
        Files.writeString(credentials, CREDENTIALS_FILE);
        Files.writeString(state, STATE_FILE);
    }

    /** Replaces one member of a file the way the CLI would, keeping everything else. */
    private static void rewriteMember(Path file, String name, JsonNode value) throws IOException {
        JsonDocument document = JsonDocument.parse(file, Files.readAllBytes(file));
        Files.write(file, document.withMember(name, value).content());
    }

    private static JsonNode member(Path file, String name) throws IOException {
        return JsonDocument.parse(file, Files.readAllBytes(file)).member(name).orElseThrow();
    }

    private static JsonNode loginOf(AccountSnapshot snapshot) {
        return snapshot.field(CREDENTIALS, "login").orElseThrow();
    }

    private AccountSnapshot storedSnapshot(String name) {
        return store.account(ID, name).orElseThrow().snapshot();
    }

    /** Returns the file's bytes without the account member, which must never change. */
    private static byte[] machineBytes(Path file, String accountField) throws IOException {
        return JsonDocument.parse(file, Files.readAllBytes(file))
                .withoutMember(accountField)
                .content();
    }

    private static List<Action> actions(SyncReport report) {
        return report.targets().stream().map(TargetReport::action).toList();
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class);
    }

    /** Returns every file under a folder with its bytes, to prove that nothing changed. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        if (!Files.exists(folder)) {
            return contents;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(folder.relativize(file).toString(),
                        Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return contents;
    }

    @Nested
    class FirstSync {

        @Test
        void writesAccountIntoBothFiles() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            byte[] credentialsMachine = machineBytes(credentials, "login");
            byte[] stateMachine = machineBytes(state, "account");

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(report));
            assertEquals("a", report.account());
            assertFalse(report.dryRun());
            assertEquals("a-1", member(credentials, "login").get("refreshToken").asText());
            assertEquals("acct-a@example.com", member(state, "account").get("email").asText());
            assertArrayEquals(credentialsMachine, machineBytes(credentials, "login"));
            assertArrayEquals(stateMachine, machineBytes(state, "account"));
            assertEquals(Map.of(CREDENTIALS, "a", STATE, "a"), store.liveAccounts(ID, targets()));
        }

        @Test
        void stateFileKeepsItsLayout() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();

            engine().sync(provider, environment, "a", false);

            String written = Files.readString(state);
            assertTrue(written.startsWith(STATE_FILE.substring(0, STATE_FILE.length() - 3)),
                    written);
            assertTrue(written.endsWith("\t},\r\n\t\"account\": {\r\n\t\t\"id\": \"acct-a\","
                    + "\r\n\t\t\"email\": \"acct-a@example.com\"\r\n\t}\r\n}"), written);
        }

        @Test
        void missingFilesAreCreatedOwnerOnly() throws IOException {
            assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"),
                    "owner-only permissions need a POSIX file system");
            storeAccount("a", login("acct-a", "a-1", 1));

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(report));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(credentials)));
            assertEquals("acct-a", member(state, "account").get("id").asText());
        }

        @Test
        void lockedFileFirstCreatesFolder() throws IOException {
            TestProvider stateFirst = new TestProvider() {
                @Override
                public List<Target> targets(Environment environment) {
                    return super.targets(environment).reversed();
                }
            };
            storeAccount("a", login("acct-a", "a-1", 1));

            SyncReport report = engine().sync(stateFirst, environment, "a", false);

            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(report));
            assertFalse(Files.exists(state.resolveSibling("state.json.lock")));
        }

        @Test
        void unmanagedLoginStopsFirstSync() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            rewriteMember(credentials, "login", loginOf(login("acct-c", "c-1", 1)));
            Map<String, String> filesBefore = contents(credentials.getParent());

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(provider, environment, "a", false));

            assertEquals("The file " + credentials + " contains the login of account id acct-c,"
                    + " which is not stored as an account of test, so the sync stopped before"
                    + " replacing it", error.getMessage());
            assertEquals(filesBefore, contents(credentials.getParent()));
        }

        @Test
        void folderInPlaceOfFileIsRejected() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            Files.delete(credentials);
            Files.createDirectory(credentials);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(provider, environment, "a", false));

            assertTrue(error.getMessage().contains(credentials.toString()), error.getMessage());
            assertEquals(STATE_FILE, Files.readString(state));
            assertEquals(Map.of(), store.liveAccounts(ID, targets()));
        }

        @Test
        void fileInPlaceOfFolderIsRejected() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            Path folder = Files.writeString(credentials.getParent(), "not a folder");

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(provider, environment, "a", false));

            assertEquals(folder + " is a file, not a folder, so " + credentials
                    + " cannot be created in it", error.getMessage());
            assertEquals("Move the file " + folder + " away, or point the variable that names"
                    + " this folder at a folder, then try again.", error.fix());
            assertEquals("not a folder", Files.readString(folder));
        }

        @Test
        void unknownAccountIsRejected() {
            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(provider, environment, "nobody", false));

            assertEquals("No account named nobody is stored for test", error.getMessage());
            assertTrue(error.fix().contains("launcher accounts import --provider test --name nobody"),
                    error.fix());
            assertFalse(Files.exists(credentials));
        }

        @Test
        void accountWithoutFieldsRemovesThem() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            engine().sync(provider, environment, "a", false);
            AccountSnapshot noProfile = new AccountSnapshot(
                    Map.of(CREDENTIALS, storedSnapshot("a").fields(CREDENTIALS)));
            storeAccount("b", noProfile);

            engine().sync(provider, environment, "b", false);

            assertEquals("{}", Files.readString(state).strip());
        }
    }

    @Nested
    class UnchangedAccount {

        @Test
        void secondSyncWritesNothing() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            engine().sync(provider, environment, "a", false);
            BasicFileAttributes credentialsBefore = attributes(credentials);
            BasicFileAttributes stateBefore = attributes(state);
            Map<String, String> storeBefore = contents(store.root());
            byte[] bytesBefore = Files.readAllBytes(credentials);

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.UNCHANGED, Action.UNCHANGED), actions(report));
            assertEquals(credentialsBefore.fileKey(), attributes(credentials).fileKey());
            assertEquals(credentialsBefore.lastModifiedTime(),
                    attributes(credentials).lastModifiedTime());
            assertEquals(stateBefore.fileKey(), attributes(state).fileKey());
            assertEquals(stateBefore.lastModifiedTime(), attributes(state).lastModifiedTime());
            assertArrayEquals(bytesBefore, Files.readAllBytes(credentials));
            assertEquals(storeBefore, contents(store.root()));
        }

        @Test
        void otherSpellingOnDiskIsUnchanged() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            Files.createDirectories(credentials.getParent());
            String compact = "{\"login\":{\"expiresAt\":1.796400000001E12,\"issuedAt\":1.0,"
                    + "\"refreshToken\":\"a-1\",\"accessToken\":\"access-a-1\","
                    + "\"accountId\":\"acct\\u002da\"}}";
            Files.writeString(credentials, compact);
            Files.writeString(state, "{\"account\":{\"email\":\"acct-a@example.com\","
                    + "\"id\":\"acct-a\"}}");
            BasicFileAttributes before = attributes(credentials);

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.UNCHANGED, Action.UNCHANGED), actions(report));
            assertEquals(compact, Files.readString(credentials));
            assertEquals(before.lastModifiedTime(), attributes(credentials).lastModifiedTime());
        }
    }

    @Nested
    class Switching {

        @BeforeEach
        void syncFirstAccount() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 5));
            storeAccount("b", login("acct-b", "b-1", 1));
            writeMachineFiles();
            engine().sync(provider, environment, "a", false);
        }

        @Test
        void refreshOnDiskSurvivesSwitchBack() throws IOException {
            rewriteMember(credentials, "login", loginOf(login("acct-a", "a-2", 6)));

            SyncReport toB = engine().sync(provider, environment, "b", false);
            SyncReport backToA = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.READ_BACK, Action.WRITTEN, Action.WRITTEN),
                    actions(toB));
            assertEquals("the CLI refreshed the token", toB.targets().getFirst().detail());
            assertEquals("a-2", loginOf(storedSnapshot("a")).get("refreshToken").asText());
            assertEquals(NOW, store.account(ID, "a").orElseThrow().updatedAt());
            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(backToA));
            assertEquals("a-2", member(credentials, "login").get("refreshToken").asText());
        }

        /**
         * Runs with a provider that, like Claude Code's, identifies the login by the state file,
         * because tokens that identify themselves cannot be mistaken for another account's.
         */
        @Test
        void refreshSurvivesSwitchInOtherFolder() throws IOException {
            TestProvider profileProvider = new ProfileIdentityProvider();
            Environment other = otherFolder();
            engine().sync(profileProvider, other, "a", false);
            rewriteMember(credentials, "login", loginOf(login("acct-a", "a-2", 6)));

            SyncReport otherToB = engine().sync(profileProvider, other, "b", false);
            SyncReport readBack = engine().readBack(profileProvider, environment);
            SyncReport toB = engine().sync(profileProvider, environment, "b", false);

            assertEquals(List.of(), otherToB.warnings());
            assertEquals(List.of(), readBack.warnings());
            assertEquals(List.of(Action.READ_BACK), actions(readBack));
            assertEquals("a-2", loginOf(storedSnapshot("a")).get("refreshToken").asText());
            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(toB));
            assertEquals(Map.of(CREDENTIALS, "b", STATE, "b"), store.liveAccounts(ID, targets()));
            assertEquals(Map.of(CREDENTIALS, "b", STATE, "b"),
                    store.liveAccounts(ID, provider.targets(other)));
        }

        @Test
        void refreshOfChosenAccountIsKept() throws IOException {
            rewriteMember(credentials, "login", loginOf(login("acct-a", "a-2", 6)));
            BasicFileAttributes before = attributes(credentials);

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.READ_BACK, Action.UNCHANGED, Action.UNCHANGED),
                    actions(report));
            assertEquals(before.lastModifiedTime(), attributes(credentials).lastModifiedTime());
            assertEquals("a-2", loginOf(storedSnapshot("a")).get("refreshToken").asText());
        }

        @Test
        void olderTokenOnDiskIsNotAdopted() throws IOException {
            rewriteMember(credentials, "login", loginOf(login("acct-a", "a-0", 3)));

            SyncReport report = engine().sync(provider, environment, "b", false);

            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(report));
            assertEquals("a-1", loginOf(storedSnapshot("a")).get("refreshToken").asText());
            assertEquals(CREATED, store.account(ID, "a").orElseThrow().updatedAt());
        }

        @Test
        void blankedTokenBecomesWarning() throws IOException {
            rewriteMember(credentials, "login", loginOf(login("acct-a", "", 9)));

            SyncReport report = engine().sync(provider, environment, "b", false);

            assertEquals(List.of("Account a needs a new login: the CLI blanked the refresh token"),
                    report.warnings());
            assertEquals("a-1", loginOf(storedSnapshot("a")).get("refreshToken").asText());
        }

        @Test
        void otherLoginOnDiskIsLeftAlone() throws IOException {
            rewriteMember(credentials, "login", loginOf(login("acct-c", "c-1", 50)));

            SyncReport report = engine().readBack(provider, environment);

            assertEquals(List.of("The files that account a was synced into now hold another"
                    + " login, which is not stored: the credentials file holds another account"),
                    report.warnings());
            assertEquals("a-1", loginOf(storedSnapshot("a")).get("refreshToken").asText());
            assertEquals(List.of("a", "b"),
                    store.accounts(ID).stream().map(StoredAccount::name).toList());
        }

        @Test
        void loginRemovedFromDiskIsNamed() throws IOException {
            Files.writeString(credentials, CREDENTIALS_FILE);

            SyncReport report = engine().readBack(provider, environment);

            assertEquals(List.of("The files that account a was synced into now hold no login:"
                    + " the credentials file holds no login"), report.warnings());
            assertEquals("a-1", loginOf(storedSnapshot("a")).get("refreshToken").asText());
        }

        @Test
        void readBackWithoutLiveAccount() throws IOException {
            for (Target target : targets()) {
                store.setLiveAccount(ID, target, null);
            }

            SyncReport report = engine().readBack(provider, environment);

            assertNull(report.account());
            assertEquals(List.of(), report.targets());
            assertEquals(List.of(), report.warnings());
        }

        @Test
        void readBackAloneStoresRefresh() throws IOException {
            rewriteMember(credentials, "login", loginOf(login("acct-a", "a-2", 6)));
            byte[] before = Files.readAllBytes(credentials);

            SyncReport report = engine().readBack(provider, environment);

            assertEquals("a", report.account());
            assertEquals(List.of(Action.READ_BACK), actions(report));
            assertEquals("a-2", loginOf(storedSnapshot("a")).get("refreshToken").asText());
            assertArrayEquals(before, Files.readAllBytes(credentials));
        }
    }

    /** A target without secrets whose check the last sync recorded. */
    @Nested
    class RecognisedByCheck {

        @BeforeEach
        void syncFirstAccount() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            engine().sync(provider, environment, "a", false);
        }

        private TargetCheck stateCheck() {
            return store.targetChecks(ID).get(STATE);
        }

        private static JsonNode otherProfile() {
            return login("acct-b", "b-1", 1).field(STATE, "account").orElseThrow();
        }

        /** Records a check with the file's real size and checksums but other account fields. */
        private void recordCheck(String targetId, Path file, String field, JsonNode value)
                throws IOException {
            ContentCheck check = ContentCheck.of(Files.readAllBytes(file));
            ObjectNode fields = JsonNodeFactory.instance.objectNode().set(field, value);
            store.replaceTargetChecks(ID, List.of(targetId), Map.of(targetId, new TargetCheck(
                    file, check.size(), check.crc32c(), check.crc32(), fields)));
        }

        @Test
        void switchRecordsCheckOfWrittenBytes() throws IOException {
            ContentCheck check = ContentCheck.of(Files.readAllBytes(state));

            assertEquals(state, stateCheck().path());
            assertEquals(check.size(), stateCheck().size());
            assertEquals(check.crc32c(), stateCheck().crc32c());
            assertEquals(check.crc32(), stateCheck().crc32());
            assertEquals(member(state, "account"), stateCheck().accountFields().get("account"));
            assertNull(store.targetChecks(ID).get(CREDENTIALS));
        }

        @Test
        void changedStateFileIsReadAgain() throws IOException {
            rewriteMember(state, "numStartups", JsonNodeFactory.instance.numberNode(215));
            long size = Files.size(state);

            Path storeFile = store.accountsFile(ID);
            byte[] storeBefore = Files.readAllBytes(storeFile);
            SyncReport first = engine().sync(provider, environment, "a", false);
            Map<String, String> afterFirst = contents(store.root());
            SyncReport second = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.UNCHANGED, Action.UNCHANGED), actions(first));
            assertEquals(size, stateCheck().size());
            assertEquals(ContentCheck.of(Files.readAllBytes(state)).crc32c(),
                    stateCheck().crc32c());
            assertArrayEquals(storeBefore, Files.readAllBytes(storeFile));
            assertEquals(List.of(Action.UNCHANGED, Action.UNCHANGED), actions(second));
            assertEquals(afterFirst, contents(store.root()));
        }

        @Test
        void rotatedTokenIsReadBack() throws IOException {
            rewriteMember(credentials, "login", loginOf(login("acct-a", "a-2", 6)));
            BasicFileAttributes stateBefore = attributes(state);

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.READ_BACK, Action.UNCHANGED, Action.UNCHANGED),
                    actions(report));
            assertEquals("a-2", loginOf(storedSnapshot("a")).get("refreshToken").asText());
            assertEquals(stateBefore.fileKey(), attributes(state).fileKey());
            assertEquals(stateBefore.lastModifiedTime(), attributes(state).lastModifiedTime());
        }

        @Test
        void secretTargetIsNeverRecognised() throws IOException {
            recordCheck(CREDENTIALS, credentials, "login", loginOf(login("acct-a", "a-9", 90)));

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.UNCHANGED, Action.UNCHANGED), actions(report));
            assertEquals("a-1", loginOf(storedSnapshot("a")).get("refreshToken").asText());
        }

        @Test
        void matchingCheckStandsInForParse() throws IOException {
            recordCheck(STATE, state, "account", otherProfile());

            StatusReport status = engine().status(provider, environment);

            TargetStatus stateStatus = status.targets().get(1);
            assertEquals(STATE, stateStatus.targetId());
            assertFalse(stateStatus.matchesLiveAccount());
        }

        @Test
        void fieldsChangedSinceCheckAreMerged() throws IOException {
            recordCheck(STATE, state, "account", otherProfile());
            byte[] stateBefore = Files.readAllBytes(state);

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.UNCHANGED, Action.UNCHANGED), actions(report));
            assertArrayEquals(stateBefore, Files.readAllBytes(state));
            assertEquals(member(state, "account"), stateCheck().accountFields().get("account"));
        }

        @Test
        void pathOfOtherFileIsIgnored() throws IOException {
            ContentCheck check = ContentCheck.of(Files.readAllBytes(state));
            ObjectNode otherFields =
                    JsonNodeFactory.instance.objectNode().set("account", otherProfile());
            store.replaceTargetChecks(ID, List.of(STATE), Map.of(STATE, new TargetCheck(
                    home.resolve("elsewhere.json"), check.size(), check.crc32c(), check.crc32(),
                    otherFields)));

            StatusReport status = engine().status(provider, environment);

            assertTrue(status.targets().get(1).matchesLiveAccount());
        }
    }

    @Nested
    class MalformedTarget {

        @Test
        void malformedSecondTargetChangesNothing() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            Files.writeString(state, "{\n  \"theme\": \"dark\",,\n}\n");
            byte[] credentialsBefore = Files.readAllBytes(credentials);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(provider, environment, "a", false));

            assertEquals("Invalid JSON in " + state + " at line 2, column 19: expected a member"
                    + " name in double quotes, found ','", error.getMessage());
            assertTrue(error.report().isEmpty());
            assertArrayEquals(credentialsBefore, Files.readAllBytes(credentials));
            assertEquals("{\n  \"theme\": \"dark\",,\n}\n", Files.readString(state));
            assertEquals(Map.of(), store.liveAccounts(ID, targets()));
        }
    }

    @Nested
    class FailedWrite {

        private final FileMover failOnState = (source, target) -> {
            if (target.getFileName().toString().equals("state.json")) {
                throw new IOException("No space left on device");
            }
            FileMover.atomic().move(source, target);
        };

        @Test
        void secondWriteFailureRollsBackFirst() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            byte[] credentialsBefore = Files.readAllBytes(credentials);
            byte[] stateBefore = Files.readAllBytes(state);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine(writerWith(failOnState)).sync(provider, environment, "a", false));

            assertTrue(error.getMessage().startsWith("Could not rename a temp file over "
                    + state.toRealPath()), error.getMessage());
            assertTrue(error.getMessage().endsWith("The files written before it were put back"),
                    error.getMessage());
            SyncReport report = error.report().orElseThrow();
            assertEquals(List.of(Action.ROLLED_BACK), actions(report));
            assertEquals(CREDENTIALS, report.targets().getFirst().targetId());
            assertArrayEquals(credentialsBefore, Files.readAllBytes(credentials));
            assertArrayEquals(stateBefore, Files.readAllBytes(state));
            assertEquals(Map.of(), store.liveAccounts(ID, targets()));
        }

        @Test
        void outOfMemoryRollsBackFirstWrite() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            byte[] credentialsBefore = Files.readAllBytes(credentials);
            byte[] stateBefore = Files.readAllBytes(state);
            FileMover outOfMemoryOnState = (source, target) -> {
                if (target.getFileName().toString().equals("state.json")) {
                    throw new OutOfMemoryError("Java heap space");
                }
                FileMover.atomic().move(source, target);
            };

            SyncException error = assertThrows(SyncException.class, () -> engine(
                    writerWith(outOfMemoryOnState)).sync(provider, environment, "a", false));

            assertTrue(error.getMessage().startsWith("Ran out of memory while writing " + state),
                    error.getMessage());
            assertTrue(error.getMessage().endsWith("The files written before it were put back"),
                    error.getMessage());
            assertEquals("Raise the heap with LAUNCHER_JAVA_OPTS=-Xmx2g or more, then sync"
                    + " again.", error.fix());
            assertArrayEquals(credentialsBefore, Files.readAllBytes(credentials));
            assertArrayEquals(stateBefore, Files.readAllBytes(state));
            assertEquals(Map.of(), store.liveAccounts(ID, targets()));
        }

        @Test
        void readOnlySecondTargetWritesNothing() throws IOException {
            assumeTrue(state.getFileSystem().supportedFileAttributeViews().contains("posix"),
                    "read-only files are detected by POSIX permissions");
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("r--r--r--"));
            byte[] credentialsBefore = Files.readAllBytes(credentials);
            BasicFileAttributes before = attributes(credentials);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(provider, environment, "a", false));

            assertTrue(error.getMessage().startsWith(state + " is read-only (r--r--r--)"),
                    error.getMessage());
            assertEquals(List.of(), error.report().orElseThrow().targets());
            assertArrayEquals(credentialsBefore, Files.readAllBytes(credentials));
            assertEquals(before.fileKey(), attributes(credentials).fileKey());
            assertEquals(before.lastModifiedTime(), attributes(credentials).lastModifiedTime());
            assertEquals(Optional.empty(), store.pendingSwitch(ID, targets()));
        }

        @Test
        void createdFileIsRemovedOnRollback() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            Files.delete(credentials);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine(writerWith(failOnState)).sync(provider, environment, "a", false));

            assertEquals(List.of(Action.ROLLED_BACK), actions(error.report().orElseThrow()));
            assertFalse(Files.exists(credentials));
            assertEquals(STATE_FILE, Files.readString(state));
        }

        @Test
        void changedFileIsNotPutBack() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            FileMover cliWritesThenDiskFills = (source, target) -> {
                if (target.getFileName().toString().equals("state.json")) {
                    rewriteMember(credentials, "theme", JsonNodeFactory.instance.textNode("dark"));
                    throw new IOException("No space left on device");
                }
                FileMover.atomic().move(source, target);
            };

            SyncException error = assertThrows(SyncException.class,
                    () -> engine(writerWith(cliWritesThenDiskFills))
                            .sync(provider, environment, "a", false));

            TargetReport credentialsReport = error.report().orElseThrow().targets().getFirst();
            assertEquals(Action.WRITTEN, credentialsReport.action());
            assertEquals("Not put back, because another process changed it after the write.",
                    credentialsReport.detail());
            assertTrue(error.getMessage().contains("These files keep the new account: "
                    + credentials), error.getMessage());
            assertEquals("dark", member(credentials, "theme").asText());
            assertEquals("a-1", member(credentials, "login").get("refreshToken").asText());
        }

        @Test
        void renameRetriesAreReported() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            AtomicBoolean failed = new AtomicBoolean();
            FileMover busyOnce = (source, target) -> {
                if (failed.compareAndSet(false, true)) {
                    throw new java.nio.file.AccessDeniedException(target.toString());
                }
                FileMover.atomic().move(source, target);
            };

            SyncReport report =
                    engine(writerWith(busyOnce)).sync(provider, environment, "a", false);

            assertEquals(1, report.targets().get(0).renameRetries());
            assertEquals(0, report.targets().get(1).renameRetries());
        }

        @Test
        void previousAccountStaysLive() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            storeAccount("b", login("acct-b", "b-1", 1));
            writeMachineFiles();
            engine().sync(provider, environment, "a", false);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine(writerWith(failOnState)).sync(provider, environment, "b", false));

            assertEquals("a", error.report().orElseThrow().account());
            assertEquals("a-1", member(credentials, "login").get("refreshToken").asText());
            assertEquals(Map.of(CREDENTIALS, "a", STATE, "a"), store.liveAccounts(ID, targets()));
        }
    }

    @Nested
    class InterruptedSwitch {

        /** Stands for the process being killed: an Error that no catch in the engine takes. */
        private static final class Killed extends Error {

            private static final long serialVersionUID = 1L;

            Killed() {
                super("killed before the rename of state.json");
            }
        }

        private final TestProvider profileProvider = new ProfileIdentityProvider();

        private final FileMover killedAtState = (source, target) -> {
            if (target.getFileName().toString().equals("state.json")) {
                throw new Killed();
            }
            FileMover.atomic().move(source, target);
        };

        @BeforeEach
        void syncFirstAccount() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            storeAccount("b", login("acct-b", "b-1", 5));
            writeMachineFiles();
            engine().sync(profileProvider, environment, "a", false);
        }

        private void assertStoredLogin(String name, AccountSnapshot expected) {
            assertEquals(loginOf(expected).toString(), loginOf(storedSnapshot(name)).toString());
        }

        private void killSwitchToB() {
            assertThrows(Killed.class, () -> engine(writerWith(killedAtState))
                    .sync(profileProvider, environment, "b", false));
        }

        @Test
        void killedSwitchIsRecordedAsPending() throws IOException {
            killSwitchToB();

            assertEquals("b-1", member(credentials, "login").get("refreshToken").asText());
            assertEquals("acct-a", member(state, "account").get("id").asText());
            assertEquals(Optional.of("b"), store.pendingSwitch(ID, targets()));
            assertEquals(Map.of(CREDENTIALS, "a", STATE, "a"), store.liveAccounts(ID, targets()));
        }

        @Test
        void nextSyncKeepsStoredTokens() throws IOException {
            killSwitchToB();

            SyncReport report = engine().sync(profileProvider, environment, "a", false);

            assertStoredLogin("a", login("acct-a", "a-1", 1));
            assertStoredLogin("b", login("acct-b", "b-1", 5));
            assertEquals(List.of(Action.WRITTEN, Action.UNCHANGED), actions(report));
            assertTrue(report.warnings().contains("A previous switch of test to account b was"
                    + " interrupted, so its read-back is skipped. The next sync writes the"
                    + " chosen account into every file."), report.warnings().toString());
            assertEquals("a-1", member(credentials, "login").get("refreshToken").asText());
            assertEquals(Optional.empty(), store.pendingSwitch(ID, targets()));
            assertEquals(Map.of(CREDENTIALS, "a", STATE, "a"), store.liveAccounts(ID, targets()));
        }

        @Test
        void pendingSwitchLeavesOtherFolderAlone() throws IOException {
            Environment other = otherFolder();
            engine().sync(profileProvider, other, "a", false);
            killSwitchToB();
            Path otherCredentials = TestProvider.folder(other).resolve("credentials.json");
            rewriteMember(otherCredentials, "login", loginOf(login("acct-a", "a-2", 6)));

            SyncReport report = engine().readBack(profileProvider, other);

            assertEquals(List.of(), report.warnings());
            assertStoredLogin("a", login("acct-a", "a-2", 6));
            assertEquals(Optional.empty(), store.pendingSwitch(ID, profileProvider.targets(other)));
            assertEquals(Optional.of("b"), store.pendingSwitch(ID, targets()));
        }

        @Test
        void readBackAdoptsNothingWhilePending() throws IOException {
            killSwitchToB();

            SyncReport report = engine().readBack(profileProvider, environment);

            assertEquals(List.of(), report.targets());
            assertEquals(1, report.warnings().size());
            assertStoredLogin("a", login("acct-a", "a-1", 1));
            assertEquals(Optional.of("b"), store.pendingSwitch(ID, targets()));
        }

        @Test
        void statusReportsPendingSwitch() {
            killSwitchToB();

            StatusReport status = engine().status(profileProvider, environment);

            assertTrue(status.warnings().stream()
                            .anyMatch(warning -> warning.startsWith("A previous switch of test to"
                                    + " account b was interrupted")),
                    status.warnings().toString());
        }

        @Test
        void importFromLiveFilesIsRejected() {
            killSwitchToB();

            SyncException error = assertThrows(SyncException.class, () -> engine()
                    .importAccount(profileProvider, environment, "a", Optional.empty()));

            assertTrue(error.getMessage().contains("a switch to account b was interrupted"),
                    error.getMessage());
            assertStoredLogin("a", login("acct-a", "a-1", 1));
        }

        @Test
        void rolledBackSwitchIsNotPending() throws IOException {
            FileMover failOnState = (source, target) -> {
                if (target.getFileName().toString().equals("state.json")) {
                    throw new IOException("No space left on device");
                }
                FileMover.atomic().move(source, target);
            };

            assertThrows(SyncException.class, () -> engine(writerWith(failOnState))
                    .sync(profileProvider, environment, "b", false));

            assertEquals(Optional.empty(), store.pendingSwitch(ID, targets()));
            assertEquals("a-1", member(credentials, "login").get("refreshToken").asText());
        }

        @Test
        void unchangedSyncLeavesStoreFileAlone() throws IOException {
            Path storeFile = store.accountsFile(ID);
            byte[] before = Files.readAllBytes(storeFile);
            BasicFileAttributes attributes = attributes(storeFile);

            engine().sync(profileProvider, environment, "a", false);

            assertArrayEquals(before, Files.readAllBytes(storeFile));
            assertEquals(attributes.lastModifiedTime(), attributes(storeFile).lastModifiedTime());
        }
    }

    /**
     * The test CLI with the identity in the state file's profile, where Claude Code keeps it, so
     * that a half-finished switch leaves one account's identity next to another's tokens.
     */
    /**
     * Files that mix two accounts: the credentials that a sync of b wrote, next to a state file
     * that names a again. The provider identifies the login by the state file, as Claude Code's
     * does, so the read-back would take b's tokens for a newer login of a.
     */
    @Nested
    class TornFiles {

        private final TestProvider profileProvider = new ProfileIdentityProvider();

        @BeforeEach
        void syncSecondAccount() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            storeAccount("b", login("acct-b", "b-1", 5));
            writeMachineFiles();
            engine().sync(profileProvider, environment, "b", false);
            rewriteMember(state, "account", storedSnapshot("a").field(STATE, "account")
                    .orElseThrow());
        }

        private String tornDescription() {
            return "The files " + credentials + ", " + state + " of test mix two accounts: "
                    + credentials + " contains the tokens stored for account b, but the login"
                    + " in them names account a, and " + state + " contains the fields stored for"
                    + " account a";
        }

        private void assertStoreUnchanged() {
            assertEquals(loginOf(login("acct-a", "a-1", 1)).toString(),
                    loginOf(storedSnapshot("a")).toString());
            assertEquals(loginOf(login("acct-b", "b-1", 5)).toString(),
                    loginOf(storedSnapshot("b")).toString());
        }

        @Test
        void syncStopsWithoutChanges() throws IOException {
            Map<String, String> filesBefore = contents(home);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(profileProvider, environment, "b", false));

            assertEquals(tornDescription() + ", so the sync stopped before changing the store"
                    + " or the files", error.getMessage());
            assertEquals("Write the account you want into every file with `launcher sync"
                    + " --provider test --account NAME --force`, or log in with the CLI and"
                    + " import the login again with `launcher accounts import --provider test"
                    + " --name NAME`.", error.fix());
            assertFalse(error.getMessage().contains("b-1"), error.getMessage());
            assertStoreUnchanged();
            assertEquals(filesBefore, contents(home));
        }

        @Test
        void dryRunStopsToo() throws IOException {
            Map<String, String> filesBefore = contents(home);

            assertThrows(SyncException.class,
                    () -> engine().sync(profileProvider, environment, "a", true));

            assertEquals(filesBefore, contents(home));
        }

        @Test
        void forceWritesChosenAccount() throws IOException {
            SyncReport report = engine().sync(profileProvider, environment, "b", false, true);

            assertEquals(List.of(Action.UNCHANGED, Action.WRITTEN), actions(report));
            assertEquals(List.of(tornDescription() + ", so nothing was read back from them."),
                    report.warnings());
            assertStoreUnchanged();
            assertEquals("acct-b", member(state, "account").get("id").asText());
        }

        @Test
        void refreshedTokensOfOtherAccountStop() throws IOException {
            rewriteMember(credentials, "login", loginOf(login("acct-b", "b-2", 6)));
            Map<String, String> filesBefore = contents(home);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(profileProvider, environment, "a", false));

            assertEquals("The files " + credentials + ", " + state + " of test mix two"
                    + " accounts: " + credentials + " contains tokens that the launcher last"
                    + " synced for account b, but the login in them names account a, and " + state
                    + " contains the fields stored for account a, so the sync stopped before"
                    + " changing the store or the files", error.getMessage());
            assertFalse(error.getMessage().contains("b-2"), error.getMessage());
            assertStoreUnchanged();
            assertEquals(filesBefore, contents(home));
        }

        @Test
        void statusNamesBothAccountsAndFix() throws IOException {
            Map<String, String> filesBefore = contents(home);

            StatusReport report = engine().status(profileProvider, environment);

            assertEquals(List.of(tornDescription() + ", so nothing is read back from them and a"
                    + " sync stops before changing them. Write the account you want into every"
                    + " file with `launcher sync --provider test --account NAME --force`, or log"
                    + " in with the CLI and import the login again with `launcher accounts import"
                    + " --provider test --name NAME`."), report.warnings());
            assertFalse(report.warnings().toString().contains("b-1"), report.warnings().toString());
            assertStoreUnchanged();
            assertEquals(filesBefore, contents(home));
        }

        @Test
        void readBackAdoptsNothing() {
            SyncReport report = engine().readBack(profileProvider, environment);

            assertEquals(List.of(), report.targets());
            assertEquals(List.of(tornDescription() + ", so nothing was read back from them."),
                    report.warnings());
            assertStoreUnchanged();
        }
    }

    private static final class ProfileIdentityProvider extends TestProvider {

        @Override
        public Identity identify(AccountSnapshot snapshot) {
            JsonNode account = snapshot.field(STATE, "account").orElseThrow(
                    () -> new InvalidAccountException("The test CLI's state file holds no"
                            + " profile", "Run `test-cli login`."));
            return new Identity(account.path("id").asText(), account.path("email").asText(null),
                    null, null);
        }

        @Override
        public ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) {
            if (!profileId(onDisk).equals(profileId(stored))) {
                return ReadBack.otherAccount(stored, "the state file holds another account");
            }
            if (issuedAt(onDisk) > issuedAt(stored)) {
                return ReadBack.adopt(onDisk, "the CLI refreshed the token");
            }
            return ReadBack.keep(stored, "the stored login is as new as the one on disk");
        }

        private static String profileId(AccountSnapshot snapshot) {
            return snapshot.field(STATE, "account").map(account -> account.path("id").asText())
                    .orElse("");
        }

        private static long issuedAt(AccountSnapshot snapshot) {
            return snapshot.field(CREDENTIALS, "login")
                    .map(login -> login.path("issuedAt").asLong())
                    .orElse(0L);
        }
    }

    @Nested
    class ConcurrentChange {

        @Test
        void changeBeforeRenameIsMerged() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            AtomicBoolean rewritten = new AtomicBoolean();
            FileMover cliWritesState = (source, target) -> {
                if (target.getFileName().toString().equals("credentials.json")
                        && rewritten.compareAndSet(false, true)) {
                    rewriteMember(state, "theme", JsonNodeFactory.instance.textNode("dark"));
                }
                FileMover.atomic().move(source, target);
            };

            SyncReport report =
                    engine(writerWith(cliWritesState)).sync(provider, environment, "a", false);

            assertTrue(rewritten.get());
            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(report));
            assertEquals("dark", member(state, "theme").asText());
            assertEquals("acct-a", member(state, "account").get("id").asText());
            assertEquals(214, member(state, "numStartups").asInt());
        }

        @Test
        void endlessRewritesStopTheSync() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            storeAccount("b", login("acct-b", "b-1", 1));
            writeMachineFiles();
            engine().sync(provider, environment, "a", false);
            // Without a recorded check the state file is read before the read-back, so that the
            // rewrite of every read-back lands between a read and a rename.
            store.replaceTargetChecks(ID, List.of(STATE), Map.of());
            byte[] credentialsBefore = Files.readAllBytes(credentials);
            int[] rewrites = {0};
            TestProvider busyCli = new TestProvider() {
                @Override
                public ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) {
                    try {
                        rewriteMember(state, "launches",
                                JsonNodeFactory.instance.numberNode(++rewrites[0]));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return super.readBack(stored, onDisk);
                }
            };

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(busyCli, environment, "b", false));

            assertEquals(state + " was rewritten by another process each of the 5 times the"
                    + " launcher merged and wrote it, so it was left as that process wrote it."
                    + " The files written before it were put back", error.getMessage());
            assertEquals(List.of(Action.ROLLED_BACK), actions(error.report().orElseThrow()));
            assertArrayEquals(credentialsBefore, Files.readAllBytes(credentials));
            assertEquals(rewrites[0], member(state, "launches").asInt());
            assertEquals("acct-a", member(state, "account").get("id").asText());
        }

        @Test
        void refreshBeforeRenameIsStored() throws IOException {
            TestProvider stateFirst = new TestProvider() {
                @Override
                public List<Target> targets(Environment environment) {
                    return super.targets(environment).reversed();
                }
            };
            storeAccount("a", login("acct-a", "a-1", 1));
            storeAccount("b", login("acct-b", "b-1", 1));
            engine().sync(stateFirst, environment, "a", false);
            AtomicBoolean refreshed = new AtomicBoolean();
            FileMover cliRefreshes = (source, target) -> {
                if (target.getFileName().toString().equals("state.json")
                        && refreshed.compareAndSet(false, true)) {
                    rewriteMember(credentials, "login", loginOf(login("acct-a", "a-2", 2)));
                }
                FileMover.atomic().move(source, target);
            };

            SyncReport report =
                    engine(writerWith(cliRefreshes)).sync(stateFirst, environment, "b", false);

            assertTrue(refreshed.get());
            assertEquals(List.of(Action.WRITTEN, Action.READ_BACK, Action.WRITTEN),
                    actions(report));
            assertEquals("a-2", loginOf(storedSnapshot("a")).get("refreshToken").asText());
            assertEquals("b-1", member(credentials, "login").get("refreshToken").asText());
        }
    }

    /** The user logged in with the CLI's own login command, not through the launcher. */
    @Nested
    class LoginMadeWithCli {

        @BeforeEach
        void storeTwoAccounts() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            storeAccount("b", login("acct-b", "b-1", 1));
            writeMachineFiles();
        }

        /** Writes a login into both files, as the CLI's own login command does. */
        private void cliLogsIn(AccountSnapshot snapshot) throws IOException {
            rewriteMember(credentials, "login", loginOf(snapshot));
            rewriteMember(state, "account", snapshot.field(STATE, "account").orElseThrow());
        }

        private String unmanagedMessage() {
            return "The files " + credentials + ", " + state + " contain the login of"
                    + " acct-c@example.com, which is not stored as an account of test, so the"
                    + " sync stopped before replacing it";
        }

        @Test
        void unmanagedLoginIsKeptWithError() throws IOException {
            engine().sync(provider, environment, "a", false);
            cliLogsIn(login("acct-c", "c-1", 7));
            Map<String, String> filesBefore = contents(home);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(provider, environment, "b", false));

            assertEquals(unmanagedMessage(), error.getMessage());
            assertEquals("Import it first with `launcher accounts import --provider test --name"
                    + " NAME`, or pass --force to replace it.", error.fix());
            assertFalse(error.getMessage().contains("c-1"), error.getMessage());
            assertEquals(filesBefore, contents(home));
            assertEquals(Map.of(CREDENTIALS, "a", STATE, "a"), store.liveAccounts(ID, targets()));
        }

        @Test
        void unmanagedLoginWithoutLiveRecord() throws IOException {
            cliLogsIn(login("acct-c", "c-1", 7));
            Map<String, String> filesBefore = contents(credentials.getParent());

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(provider, environment, "a", false));

            assertEquals(unmanagedMessage(), error.getMessage());
            assertEquals(filesBefore, contents(credentials.getParent()));
        }

        @Test
        void storedLoginIsAdoptedIntoItsAccount() throws IOException {
            engine().sync(provider, environment, "a", false);
            cliLogsIn(login("acct-b", "b-2", 2));

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.READ_BACK, Action.WRITTEN, Action.WRITTEN),
                    actions(report));
            assertEquals(List.of(), report.warnings());
            assertEquals("b-2", loginOf(storedSnapshot("b")).get("refreshToken").asText());
            assertEquals("a-1", loginOf(storedSnapshot("a")).get("refreshToken").asText());
            assertEquals("a-1", member(credentials, "login").get("refreshToken").asText());
        }

        @Test
        void storedLoginAdoptedWithoutLiveRecord() throws IOException {
            cliLogsIn(login("acct-b", "b-2", 2));

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.READ_BACK, Action.WRITTEN, Action.WRITTEN),
                    actions(report));
            assertEquals("b-2", loginOf(storedSnapshot("b")).get("refreshToken").asText());
            assertEquals(Map.of(CREDENTIALS, "a", STATE, "a"), store.liveAccounts(ID, targets()));
        }

        @Test
        void olderStoredLoginIsNotAdopted() throws IOException {
            storeAccount("b", login("acct-b", "b-5", 5));
            cliLogsIn(login("acct-b", "b-4", 4));

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(report));
            assertEquals("b-5", loginOf(storedSnapshot("b")).get("refreshToken").asText());
        }

        @Test
        void readBackAdoptsIntoMatchingAccount() throws IOException {
            engine().sync(provider, environment, "a", false);
            cliLogsIn(login("acct-b", "b-2", 2));

            SyncReport report = engine().readBack(provider, environment);

            assertEquals(List.of(Action.READ_BACK), actions(report));
            assertEquals("b-2", loginOf(storedSnapshot("b")).get("refreshToken").asText());
            assertEquals("a-1", loginOf(storedSnapshot("a")).get("refreshToken").asText());
        }

        @Test
        void forceReplacesUnmanagedLogin() throws IOException {
            cliLogsIn(login("acct-c", "c-1", 7));

            SyncReport report = engine().sync(provider, environment, "a", false, true);

            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(report));
            assertEquals(List.of("Replaced the login of acct-c@example.com in " + credentials
                    + ", " + state + ", which is not stored as an account, because of --force."),
                    report.warnings());
            assertEquals("a-1", member(credentials, "login").get("refreshToken").asText());
            assertEquals(List.of("a", "b"),
                    store.accounts(ID).stream().map(StoredAccount::name).toList());
        }

        @Test
        void dryRunReportsUnmanagedLogin() throws IOException {
            cliLogsIn(login("acct-c", "c-1", 7));
            Map<String, String> filesBefore = contents(home);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(provider, environment, "a", true));
            SyncReport forced = engine().sync(provider, environment, "a", true, true);

            assertEquals(unmanagedMessage(), error.getMessage());
            assertEquals(List.of(Action.WOULD_WRITE, Action.WOULD_WRITE), actions(forced));
            assertEquals(List.of("Would replace the login of acct-c@example.com in "
                    + credentials + ", " + state + ", which is not stored as an account,"
                    + " because of --force."), forced.warnings());
            assertEquals(filesBefore, contents(home));
        }

        @Test
        void blankedUnmanagedLoginIsReplaced() throws IOException {
            cliLogsIn(login("acct-c", "", 7));

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(report));
            assertEquals(List.of(), report.warnings());
        }

        private void writeUnidentifiableLogin(String refreshToken) throws IOException {
            rewriteMember(credentials, "login",
                    JsonNodeFactory.instance.objectNode().put("refreshToken", refreshToken));
        }

        private String unidentifiedLogin() {
            return "a login that the launcher cannot identify (The test CLI's files hold no"
                    + " login)";
        }

        @Test
        void unidentifiableLoginStopsSync() throws IOException {
            engine().sync(provider, environment, "a", false);
            writeUnidentifiableLogin("x-1");
            Map<String, String> filesBefore = contents(home);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(provider, environment, "b", false));

            assertEquals("The files " + credentials + ", " + state + " contain "
                    + unidentifiedLogin()
                    + ", which is not stored as an account of test, so the sync stopped before"
                    + " replacing it", error.getMessage());
            assertEquals("Start the CLI once so that it completes its files, then import the"
                    + " login with `launcher accounts import --provider test --name NAME`, or pass"
                    + " --force to replace it.", error.fix());
            assertFalse(error.getMessage().contains("x-1"), error.getMessage());
            assertEquals(filesBefore, contents(home));
        }

        @Test
        void forceReplacesUnidentifiableLogin() throws IOException {
            writeUnidentifiableLogin("x-1");

            SyncReport report = engine().sync(provider, environment, "a", false, true);

            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(report));
            assertEquals(List.of("Replaced " + unidentifiedLogin() + " in " + credentials
                    + ", which is not stored as an account, because of --force."),
                    report.warnings());
            assertEquals("a-1", member(credentials, "login").get("refreshToken").asText());
        }

        @Test
        void blankedUnidentifiableLoginIsReplaced() throws IOException {
            writeUnidentifiableLogin("");

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(report));
            assertEquals("a-1", member(credentials, "login").get("refreshToken").asText());
        }

        @Test
        void unidentifiableStoredSecretsAreReplaced() throws IOException {
            AccountSnapshot noIdentity = new AccountSnapshot(Map.of(CREDENTIALS,
                    JsonNodeFactory.instance.objectNode().set("login",
                            JsonNodeFactory.instance.objectNode().put("refreshToken", "x-1"))));
            store.putAccount(ID, new StoredAccount("x", new Identity("acct-x", null, null, null),
                    noIdentity, CREATED, CREATED));
            writeUnidentifiableLogin("x-1");

            SyncReport report = engine().sync(provider, environment, "a", false);

            assertEquals(List.of(Action.WRITTEN, Action.WRITTEN), actions(report));
            assertEquals("a-1", member(credentials, "login").get("refreshToken").asText());
        }
    }

    /** Lock folders that the CLI takes, made and held by the test as a running CLI would. */
    @Nested
    class CliLocks {

        private static final List<String> LOCKS =
                List.of(".refresh.lock", ".write.lock", "state.json.lock");

        private Path cliFolder;

        @BeforeEach
        void storeAccountAndFiles() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            cliFolder = credentials.getParent();
        }

        private SyncEngine engineWaiting(Duration lockTimeout) {
            return new SyncEngine(store, lockTimeout, new AtomicWriter(),
                    Clock.fixed(NOW, ZoneOffset.UTC));
        }

        private void assertOnlyHeld(String held) {
            for (String lock : LOCKS) {
                assertEquals(lock.equals(held), Files.exists(cliFolder.resolve(lock)), lock);
            }
        }

        @Test
        void syncLeavesNoLockFolders() throws IOException {
            engine().sync(provider, environment, "a", false);

            assertOnlyHeld("");
        }

        @ParameterizedTest
        @FieldSource("LOCKS")
        void heldLockFailsTheSync(String lock) throws IOException {
            Files.createDirectory(cliFolder.resolve(lock));
            Map<String, String> filesBefore = contents(cliFolder);

            SyncEngine impatient = engineWaiting(Duration.ofMillis(200));

            SyncException error = assertThrows(SyncException.class,
                    () -> impatient.sync(provider, environment, "a", false));

            assertTrue(error.getMessage().contains(cliFolder.resolve(lock).toString()),
                    error.getMessage());
            assertEquals(filesBefore, contents(cliFolder));
            assertOnlyHeld(lock);
        }

        @Test
        void timeoutNamesConfiguredWait() throws IOException {
            Path held = Files.createDirectory(cliFolder.resolve(".write.lock"));

            SyncException error = assertThrows(SyncException.class,
                    () -> engineWaiting(Duration.ofSeconds(1)).sync(
                            provider, environment, "a", false));

            assertTrue(error.getMessage().startsWith("Timed out after 1 s waiting for the lock"
                    + " folder " + held + ", which another process holds."), error.getMessage());
            assertTrue(error.getMessage().endsWith(" counts as stale only after 10 s without a"
                    + " change"), error.getMessage());
            assertFalse(error.getMessage().contains("keeps fresh"), error.getMessage());
        }

        @ParameterizedTest
        @FieldSource("LOCKS")
        void syncWaitsForHeldLock(String lock) throws Exception {
            Path folder = Files.createDirectory(cliFolder.resolve(lock));
            Path guarded = lock.startsWith("state") ? state : credentials;
            String guardedBefore = Files.readString(guarded);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread sync = Thread.ofPlatform().start(() -> {
                try {
                    engineWaiting(Duration.ofSeconds(30)).sync(provider, environment, "a", false);
                } catch (Throwable e) {
                    failure.set(e);
                }
            });

            // The sync sleeps only while it polls for a lock folder.
            while (sync.isAlive() && sync.getState() != Thread.State.TIMED_WAITING) {
                Thread.sleep(5);
            }
            assertTrue(sync.isAlive(), () -> "the sync did not wait: " + failure.get());
            assertEquals(guardedBefore, Files.readString(guarded));
            Files.delete(folder);
            sync.join();

            assertNull(failure.get());
            assertEquals("a-1", member(credentials, "login").get("refreshToken").asText());
            assertEquals("acct-a", member(state, "account").get("id").asText());
            assertOnlyHeld("");
        }
    }

    @Nested
    class DryRun {

        @Test
        void dryRunWritesNothing() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            writeMachineFiles();
            Map<String, String> filesBefore = contents(home);

            SyncReport report = engine().sync(provider, environment, "a", true);

            assertTrue(report.dryRun());
            assertEquals(List.of(Action.WOULD_WRITE, Action.WOULD_WRITE), actions(report));
            assertEquals(filesBefore, contents(home));
        }

        @Test
        void dryRunReportsUnchangedFiles() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            engine().sync(provider, environment, "a", false);

            SyncReport report = engine().sync(provider, environment, "a", true);

            assertEquals(List.of(Action.UNCHANGED, Action.UNCHANGED), actions(report));
        }

        @Test
        void dryRunStoresNoReadBack() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            storeAccount("b", login("acct-b", "b-1", 1));
            engine().sync(provider, environment, "a", false);
            rewriteMember(credentials, "login", loginOf(login("acct-a", "a-2", 2)));
            Map<String, String> filesBefore = contents(home);

            SyncReport report = engine().sync(provider, environment, "b", true);

            assertEquals(List.of(Action.WOULD_READ_BACK, Action.WOULD_WRITE, Action.WOULD_WRITE),
                    actions(report));
            assertEquals(filesBefore, contents(home));
        }
    }

    @Nested
    class ProviderFailure {

        @Test
        void exceptionNamesProviderNotSecret() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            storeAccount("b", login("acct-b", "b-1", 1));
            engine().sync(provider, environment, "a", false);
            TestProvider failing = new TestProvider() {
                @Override
                public ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) {
                    throw new IllegalStateException("refresh token a-1 was rejected");
                }
            };
            byte[] before = Files.readAllBytes(credentials);

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(failing, environment, "b", false));

            assertEquals("Provider test failed to compare the login on disk with the stored one"
                    + " with java.lang.IllegalStateException", error.getMessage());
            assertFalse(error.getMessage().contains("a-1"), error.getMessage());
            assertArrayEquals(before, Files.readAllBytes(credentials));
        }

        @Test
        void invalidAccountKeepsMessageAndFix() throws IOException {
            Files.createDirectories(credentials.getParent());
            Files.writeString(credentials, "{}");

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().importAccount(provider, environment, "a", Optional.empty()));

            assertEquals("The test CLI's files hold no login", error.getMessage());
            assertEquals("Run `test-cli login`.", error.fix());
            assertTrue(error.getCause() instanceof InvalidAccountException);
        }

        @Test
        void nullTargetsNameProvider() {
            TestProvider broken = new TestProvider() {
                @Override
                public List<Target> targets(Environment environment) {
                    return null;
                }
            };

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(broken, environment, "a", false));

            assertEquals("Provider test returned null when asked to resolve its files",
                    error.getMessage());
        }

        @Test
        void duplicateTargetPathIsRejected() {
            TestProvider broken = new TestProvider() {
                @Override
                public List<Target> targets(Environment environment) {
                    Target first = super.targets(environment).getFirst();
                    return List.of(first,
                            new Target("copy", first.path(), List.of("other"), false));
                }
            };

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().sync(broken, environment, "a", false));

            assertEquals("Provider test declares the file id copy or the path " + credentials
                    + " twice", error.getMessage());
        }

        @Test
        void nullWarningNamesProvider() {
            TestProvider broken = new TestProvider() {
                @Override
                public List<String> warnings(Environment environment) {
                    return java.util.Arrays.asList("first", null);
                }
            };

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().status(broken, environment));

            assertEquals("Provider test failed to check the environment with"
                    + " java.lang.NullPointerException", error.getMessage());
        }

        @Test
        void failingIdNamesProviderClass() {
            TestProvider broken = new TestProvider() {
                @Override
                public String id() {
                    throw new UnsupportedOperationException();
                }
            };

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().status(broken, environment));

            assertTrue(error.getMessage().startsWith("Provider " + broken.getClass().getName()
                    + " failed to return its id"), error.getMessage());
        }
    }

    @Nested
    class Import {

        private void writeLogin(AccountSnapshot snapshot, Path folder) throws IOException {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("credentials.json"), "{\"login\": "
                    + loginOf(snapshot) + "}");
            Files.writeString(folder.resolve("state.json"), "{\"account\": "
                    + snapshot.field(STATE, "account").orElseThrow() + "}");
        }

        @Test
        void liveFilesBecomeLiveAccount() throws IOException {
            writeLogin(login("acct-a", "a-1", 1), credentials.getParent());

            StoredAccount account =
                    engine().importAccount(provider, environment, "work", Optional.empty());

            assertEquals("acct-a", account.identity().accountId());
            assertEquals("acct-a@example.com", account.identity().email());
            assertEquals(NOW, account.createdAt());
            assertEquals("a-1", loginOf(storedSnapshot("work")).get("refreshToken").asText());
            assertEquals(Map.of(CREDENTIALS, "work", STATE, "work"), store.liveAccounts(ID, targets()));
        }

        @Test
        void missingFilesAreNamed() {
            SyncException error = assertThrows(SyncException.class,
                    () -> engine().importAccount(provider, environment, "work", Optional.empty()));

            assertTrue(error.getMessage().startsWith("No test login to import: none of its files"
                    + " exist ("), error.getMessage());
            assertTrue(error.getMessage().contains(credentials.toString()), error.getMessage());
            assertEquals("Log in with the CLI first, then import again.", error.fix());
            assertFalse(store.account(ID, "work").isPresent());
        }

        @Test
        void folderImportRecordsNothingLive() throws IOException {
            Path copy = home.resolve("copy-of-other-machine");
            writeLogin(login("acct-a", "a-1", 1), copy);

            engine().importAccount(provider, environment, "work", Optional.of(copy));

            assertEquals("acct-a", store.account(ID, "work").orElseThrow().identity().accountId());
            assertEquals(Map.of(), store.liveAccounts(ID, targets()));
            assertFalse(Files.exists(credentials));
        }

        @Test
        void nameOfOtherLoginIsRejected() throws IOException {
            storeAccount("work", login("acct-b", "b-1", 1));
            writeLogin(login("acct-a", "a-1", 1), credentials.getParent());

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().importAccount(provider, environment, "work", Optional.empty()));

            assertEquals("Account work of test already exists for another login"
                    + " (acct-b@example.com), and the files hold acct-a@example.com",
                    error.getMessage());
            assertTrue(error.fix().contains(
                    "launcher accounts remove --provider test --name work"), error.fix());
            assertEquals("b-1", loginOf(storedSnapshot("work")).get("refreshToken").asText());
        }

        @Test
        void loginStoredUnderOtherNameIsRejected() throws IOException {
            storeAccount("personal", login("acct-a", "a-1", 1));
            writeLogin(login("acct-a", "a-2", 2), credentials.getParent());

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().importAccount(provider, environment, "work", Optional.empty()));

            assertEquals("The login in the files (acct-a@example.com) is already stored as"
                    + " account personal of test", error.getMessage());
            assertTrue(store.account(ID, "work").isEmpty());
        }

        @Test
        void sameLoginUpdatesAccount() throws IOException {
            storeAccount("work", login("acct-a", "a-1", 1));
            writeLogin(login("acct-a", "a-2", 2), credentials.getParent());

            StoredAccount account =
                    engine().importAccount(provider, environment, "work", Optional.empty());

            assertEquals(CREATED, account.createdAt());
            assertEquals(NOW, account.updatedAt());
            assertEquals("a-2", loginOf(storedSnapshot("work")).get("refreshToken").asText());
        }

        @Test
        void olderLoginKeepsStoredToken() throws IOException {
            storeAccount("work", login("acct-a", "a-2", 2));
            StoredAccount before = store.account(ID, "work").orElseThrow();
            writeLogin(login("acct-a", "a-1", 1), credentials.getParent());

            StoredAccount account =
                    engine().importAccount(provider, environment, "work", Optional.empty());

            assertEquals(before, account);
            assertEquals(CREATED, store.account(ID, "work").orElseThrow().updatedAt());
            assertEquals("a-2", loginOf(storedSnapshot("work")).get("refreshToken").asText());
        }

        @Test
        void sameTokenKeepsStoredAccount() throws IOException {
            storeAccount("work", login("acct-a", "a-1", 1));
            writeLogin(login("acct-a", "a-1", 1), credentials.getParent());

            StoredAccount account =
                    engine().importAccount(provider, environment, "work", Optional.empty());

            assertEquals(CREATED, account.updatedAt());
            assertEquals("a-1", loginOf(storedSnapshot("work")).get("refreshToken").asText());
        }

        @Test
        void blankedLoginIsRejected() throws IOException {
            storeAccount("work", login("acct-a", "a-1", 1));
            writeLogin(login("acct-a", "", 2), credentials.getParent());

            SyncException error = assertThrows(SyncException.class,
                    () -> engine().importAccount(provider, environment, "work", Optional.empty()));

            assertEquals("The login in the files (acct-a@example.com) was not imported into"
                    + " account work of test: the CLI blanked the refresh token",
                    error.getMessage());
            assertEquals("Log in with the CLI again, then import again.", error.fix());
            assertEquals("a-1", loginOf(storedSnapshot("work")).get("refreshToken").asText());
        }
    }

    @Nested
    class Status {

        @Test
        void syncedTargetsMatchLiveAccount() {
            storeAccount("a", login("acct-a", "a-1", 1));
            engine().sync(provider, environment, "a", false);

            StatusReport report = engine().status(provider, environment);

            TargetStatus credentialsStatus = report.targets().get(0);
            TargetStatus stateStatus = report.targets().get(1);
            assertEquals(ID, report.providerId());
            assertTrue(credentialsStatus.exists());
            assertEquals("a", credentialsStatus.liveAccount());
            assertTrue(credentialsStatus.matchesLiveAccount());
            assertEquals(Instant.ofEpochMilli(1_796_400_000_001L), credentialsStatus.expiresAt());
            assertFalse(credentialsStatus.needsLogin());
            assertTrue(stateStatus.matchesLiveAccount());
            assertNull(stateStatus.expiresAt());
            assertFalse(stateStatus.needsLogin());
            assertEquals(List.of(), report.warnings());
        }

        @Test
        void otherLoginNoLongerMatches() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            engine().sync(provider, environment, "a", false);
            rewriteMember(credentials, "login", loginOf(login("acct-c", "c-1", 9)));

            StatusReport report = engine().status(provider, environment);

            assertFalse(report.targets().get(0).matchesLiveAccount());
            assertEquals(1, report.warnings().size());
        }

        @Test
        void refreshedLoginStillMatches() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            engine().sync(provider, environment, "a", false);
            rewriteMember(credentials, "login", loginOf(login("acct-a", "a-2", 2)));

            StatusReport report = engine().status(provider, environment);

            assertTrue(report.targets().get(0).matchesLiveAccount());
            assertEquals("a-1", loginOf(storedSnapshot("a")).get("refreshToken").asText());
        }

        @Test
        void blankedTokenNeedsLogin() throws IOException {
            storeAccount("a", login("acct-a", "a-1", 1));
            engine().sync(provider, environment, "a", false);
            rewriteMember(credentials, "login", loginOf(login("acct-a", "", 2)));

            StatusReport report = engine().status(provider, environment);

            assertTrue(report.targets().get(0).needsLogin());
            assertEquals(
                    List.of("Account a needs a new login: the CLI blanked the refresh token"),
                    report.warnings());
        }

        @Test
        void malformedFileBecomesWarning() throws IOException {
            writeMachineFiles();
            Files.writeString(credentials, "{\"login\": ");

            StatusReport report = engine().status(provider, environment);

            TargetStatus credentialsStatus = report.targets().get(0);
            assertTrue(credentialsStatus.exists());
            assertFalse(credentialsStatus.matchesLiveAccount());
            assertEquals(List.of("Invalid JSON in " + credentials + " at line 1, column 11:"
                    + " expected a value, found the end of the file"), report.warnings());
        }

        @Test
        void missingFilesAndProviderWarnings() {
            Environment withToken = environment.withVariable("TEST_CLI_TOKEN", "t");

            StatusReport report = engine().status(provider, withToken);

            assertFalse(report.targets().get(0).exists());
            assertNull(report.targets().get(0).liveAccount());
            assertEquals(List.of("TEST_CLI_TOKEN is set and overrides the synced login;"
                    + " unset it."), report.warnings());
        }
    }

    @Nested
    class TwoProcesses {

        private static final int ROUNDS = 8;

        @Test
        void concurrentSyncsLoseNoRefresh() throws Exception {
            storeAccount("a", login("acct-a", "a-0", 100));
            storeAccount("b", login("acct-b", "b-0", 500));
            writeMachineFiles();
            rewriteMember(state, "launches", JsonNodeFactory.instance.numberNode(0));
            engine().sync(provider, environment, "a", false);

            List<Process> children = List.of(
                    ChildJvm.start(SyncChildMain.class, home.toString(),
                            store.root().toString(), Integer.toString(ROUNDS), "first"),
                    ChildJvm.start(SyncChildMain.class, home.toString(),
                            store.root().toString(), Integer.toString(ROUNDS), "second"));
            Map<String, Integer> refreshed = new HashMap<>();
            for (Process child : children) {
                String output = new String(child.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8);
                assertTrue(child.waitFor(2, TimeUnit.MINUTES), "child did not exit");
                assertEquals(0, child.exitValue(), output);
                output.lines()
                        .filter(line -> line.startsWith("refreshed "))
                        .map(line -> line.split(" "))
                        .forEach(parts -> refreshed.merge(
                                parts[1], Integer.parseInt(parts[2]), Integer::sum));
            }

            assertEquals(2 * ROUNDS, refreshed.get("a") + refreshed.get("b"));
            assertEquals(100 + refreshed.get("a"),
                    loginOf(storedSnapshot("a")).get("issuedAt").asInt());
            assertEquals(500 + refreshed.get("b"),
                    loginOf(storedSnapshot("b")).get("issuedAt").asInt());
            assertEquals(2 * ROUNDS, member(state, "launches").asInt());
            String live = store.liveAccounts(ID, targets()).get(CREDENTIALS);
            assertEquals(loginOf(storedSnapshot(live)).get("refreshToken"),
                    member(credentials, "login").get("refreshToken"));
        }
    }
}
