package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import launcher.core.store.AccountStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountsCommandTests {

    @TempDir
    Path root;

    LauncherRun launcher;

    @BeforeEach
    void createLauncher() throws IOException {
        launcher = new LauncherRun(root);
    }

    private AccountStore store() {
        return new AccountStore(launcher.storeRoot());
    }

    @Nested
    class WhenImporting {

        @Test
        void importsLiveLogin() throws IOException {
            launcher.logIn("id-work", "alice@work.example", "token-work-1", 1_000L);

            LauncherRun.Result result = launcher.run(
                    "accounts", "import", "--provider", "testcli", "--name", "work");

            assertEquals(0, result.exitCode(), result.both());
            assertEquals("Imported account work (alice@work.example) for provider testcli.\n",
                    result.out());
            assertEquals("id-work",
                    store().account("testcli", "work").orElseThrow().identity().accountId());
            assertEquals(Optional.of("work"), store().defaultAccount("testcli"));
        }

        @Test
        void keepsNewerStoredLogin() throws IOException {
            launcher.logIn("id-work", "alice@work.example", "token-work-new", 2_000L);
            launcher.importAccount("work");
            launcher.logIn("id-work", "alice@work.example", "token-work-old", 1_000L);

            LauncherRun.Result result = launcher.run(
                    "accounts", "import", "--provider", "testcli", "--name", "work");

            assertEquals(0, result.exitCode(), result.both());
            assertEquals("Kept account work (alice@work.example) of provider testcli unchanged:"
                    + " it already holds this login or a newer one.\n", result.out());
            String stored = store().account("testcli", "work").orElseThrow()
                    .snapshot().toMap().toString();
            assertTrue(stored.contains("token-work-new"), "the newer token was replaced");
        }

        @Test
        void importsFromCopiedFolder() throws IOException {
            Path copy = Files.createDirectories(root.resolve("copy"));
            Files.writeString(copy.resolve("auth.json"),
                    TestCliProvider.authFile("id-far", "alice@far.example", "token-far", 1_000L));

            LauncherRun.Result result = launcher.run("accounts", "import", "--provider", "testcli",
                    "--name", "far", "--from", copy.toString());

            assertEquals(0, result.exitCode(), result.both());
            assertEquals("alice@far.example",
                    store().account("testcli", "far").orElseThrow().identity().email());
            assertFalse(Files.exists(launcher.authFile()), "the live files were written");
        }

        @Test
        void reportsMissingLogin() {
            LauncherRun.Result result = launcher.run(
                    "accounts", "import", "--provider", "testcli", "--name", "work");

            assertEquals(ExitCodes.SYNC_FAILED, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: "), result.err());
            assertTrue(result.err().contains("testcli login"), result.err());
            assertEquals(List.of(), store().accounts("testcli"));
        }

        @Test
        void rejectsRelativeLauncherHome() throws IOException {
            // Relative to this JVM's folder, which a store built without the check would use.
            Path relative = Path.of("target", "relative-launcher-home");
            deleteTree(relative);
            launcher.logIn("id-work", "alice@work.example", "token-work-1", 1_000L);
            launcher.variable("LAUNCHER_HOME", relative.toString());

            LauncherRun.Result result = launcher.run(
                    "accounts", "import", "--provider", "testcli", "--name", "k3");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: LAUNCHER_HOME must be an absolute path,"
                    + " not '" + relative + "'."), result.err());
            assertFalse(Files.exists(relative), "store created in " + relative.toAbsolutePath());
            assertFalse(Files.exists(launcher.workingDirectory().resolve(relative)));
            deleteTree(relative);
        }

        @ParameterizedTest
        @ValueSource(strings = {".", ".."})
        void rejectsDotNames(String name) throws IOException {
            launcher.logIn("id-work", "alice@work.example", "token-work-1", 1_000L);

            LauncherRun.Result result = launcher.run(
                    "accounts", "import", "--provider", "testcli", "--name", name);

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: invalid account name '" + name + "'."),
                    result.err());
            assertEquals(List.of(), store().accounts("testcli"));
        }

        @Test
        void rejectsSameLoginUnderTwoNames() throws IOException {
            launcher.logIn("id-work", "alice@work.example", "token-work-1", 1_000L);
            launcher.run("accounts", "import", "--provider", "testcli", "--name", "work");

            LauncherRun.Result result = launcher.run(
                    "accounts", "import", "--provider", "testcli", "--name", "second");

            assertEquals(ExitCodes.SYNC_FAILED, result.exitCode(), result.both());
            assertTrue(result.err().contains("already stored as account work"), result.err());
        }

        @Test
        void rejectsFromThatIsFile() throws IOException {
            Path file = Files.writeString(root.resolve("file"), "");

            LauncherRun.Result result = launcher.run("accounts", "import", "--provider", "testcli",
                    "--name", "work", "--from", file.toString());

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: import folder " + file + " is not a directory."), result.err());
        }

        @Test
        void rejectsMissingFromFolder() {
            Path missing = root.resolve("missing");

            LauncherRun.Result result = launcher.run("accounts", "import", "--provider", "testcli",
                    "--name", "work", "--from", missing.toString());

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: import folder " + missing + " does not exist."), result.err());
        }

        @Test
        void failedImportCreatesNoStore() throws IOException {
            Path empty = Files.createDirectories(root.resolve("empty"));

            LauncherRun.Result noLiveLogin = launcher.run(
                    "accounts", "import", "--provider", "testcli", "--name", "work");
            LauncherRun.Result noLoginInFolder = launcher.run("accounts", "import", "--provider",
                    "testcli", "--name", "work", "--from", empty.toString());
            LauncherRun.Result missingFolder = launcher.run("accounts", "import", "--provider",
                    "testcli", "--name", "work", "--from", root.resolve("missing").toString());

            assertEquals(ExitCodes.SYNC_FAILED, noLiveLogin.exitCode(), noLiveLogin.both());
            assertEquals(ExitCodes.SYNC_FAILED, noLoginInFolder.exitCode(), noLoginInFolder.both());
            assertEquals(ExitCodes.USAGE, missingFolder.exitCode(), missingFolder.both());
            assertFalse(Files.exists(launcher.storeRoot()), "the failed imports created the store");
        }

        @Test
        void failedImportLeavesStoreAsItWas() throws IOException {
            StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");
            Map<String, String> before = StoreTree.read(launcher.storeRoot());
            Path copy = Files.createDirectories(root.resolve("copy"));
            Files.writeString(copy.resolve("auth.json"),
                    TestCliProvider.authFile("id-other", "bob@example.com", "token-other", 1_000L));

            LauncherRun.Result noLogin = launcher.run(
                    "accounts", "import", "--provider", "testcli", "--name", "home");
            LauncherRun.Result nameTaken = launcher.run("accounts", "import", "--provider",
                    "testcli", "--name", "work", "--from", copy.toString());

            assertEquals(ExitCodes.SYNC_FAILED, noLogin.exitCode(), noLogin.both());
            assertEquals(ExitCodes.SYNC_FAILED, nameTaken.exitCode(), nameTaken.both());
            assertTrue(nameTaken.err().contains("already exists for another login"),
                    nameTaken.err());
            assertEquals(before, StoreTree.read(launcher.storeRoot()));
        }

        @Test
        void saysUpdatedForNewerLogin() throws IOException {
            launcher.logIn("id-work", "alice@work.example", "token-work-old", 1_000L);
            launcher.importAccount("work");
            launcher.logIn("id-work", "alice@work.example", "token-work-new", 2_000L);

            LauncherRun.Result result = launcher.run(
                    "accounts", "import", "--provider", "testcli", "--name", "work");

            assertEquals(0, result.exitCode(), result.both());
            assertEquals("Updated account work (alice@work.example) of provider testcli with the"
                    + " newer login in the files.\n", result.out());
        }
    }

    @Nested
    class WhenListing {

        @Test
        void listsAccountsWithDefaultMarked() {
            StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");
            StoredAccounts.put(launcher.storeRoot(), "home", "alice@home.example", "token-home");

            LauncherRun.Result result = launcher.run("accounts", "list");

            assertEquals(0, result.exitCode(), result.both());
            assertEquals("testcli  home  alice@home.example  test  updated 2026-01-02T03:04:05Z\n"
                    + "testcli  work (default)  alice@example.com  test  updated"
                    + " 2026-01-02T03:04:05Z\n", result.out());
        }

        @Test
        void brokenStoreOfOneProviderHidesNoOther() throws IOException {
            StoredAccounts.put(
                    launcher.storeRoot(), "codex", "work", "alice@example.com", "token-work");
            Path claudeStore = launcher.storeRoot().resolve("accounts/claude.json");
            Files.writeString(claudeStore, "{ not json");

            LauncherRun.Result result = launcher.realDiscovery().run("accounts", "list");

            assertEquals(ExitCodes.STORE_FAILED, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: the accounts of claude cannot be"
                    + " listed: The account store file " + claudeStore + " is invalid"),
                    result.err());
            assertTrue(result.out().contains("codex  work (default)  alice@example.com"),
                    result.out());
            assertFalse(result.out().contains("No accounts"), result.out());
        }

        @Test
        void printsJsonWithoutTokens() throws IOException {
            StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");

            LauncherRun.Result result = launcher.run("accounts", "list", "--json");

            assertEquals(0, result.exitCode(), result.both());
            JsonNode rows = new ObjectMapper().readTree(result.out());
            assertEquals(1, rows.size());
            assertEquals("testcli", rows.get(0).get("provider").asText());
            assertEquals("work", rows.get(0).get("name").asText());
            assertTrue(rows.get(0).get("default").asBoolean());
            assertEquals("alice@example.com", rows.get(0).get("email").asText());
            assertFalse(result.out().contains("token-work"), result.out());
        }

        @Test
        void printsOnlyNamesEachOnce() {
            StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");
            StoredAccounts.put(launcher.storeRoot(), "home", "alice@home.example", "token-home");

            LauncherRun.Result all = launcher.run("accounts", "list", "--names");
            LauncherRun.Result ofProvider =
                    launcher.run("accounts", "list", "--names", "--provider", "testcli");

            assertEquals(0, all.exitCode(), all.both());
            assertEquals("home\nwork\n", all.out());
            assertEquals("", all.err());
            assertEquals("home\nwork\n", ofProvider.out());
        }

        @Test
        void printsNothingForNamesOfEmptyStore() {
            LauncherRun.Result result = launcher.run("accounts", "list", "--names");

            assertEquals(0, result.exitCode(), result.both());
            assertEquals("", result.out());
            assertEquals("", result.err());
            assertFalse(Files.exists(launcher.storeRoot()), "listing created the store");
        }

        @Test
        void rejectsNamesWithJson() {
            LauncherRun.Result result = launcher.run("accounts", "list", "--names", "--json");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: --json and --names cannot be combined. Pass one of them.\n"),
                    result.err());
        }

        @Test
        void saysHowToImportWhenEmpty() {
            LauncherRun.Result result = launcher.run("accounts", "list");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().startsWith("No accounts. Import one with"), result.out());
        }

        @Test
        void rejectsUnknownProvider() {
            LauncherRun.Result result = launcher.run("accounts", "list", "--provider", "nope");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: unknown provider 'nope'. Known providers: testcli."), result.err());
        }
    }

    @Nested
    class WhenRemoving {

        @Test
        void removesOnlyFromStore() throws IOException {
            StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");
            launcher.logIn("id-work", "alice@example.com", "token-work", 1_000L);
            String live = Files.readString(launcher.authFile());

            LauncherRun.Result result = launcher.run(
                    "accounts", "remove", "--provider", "testcli", "--name", "work");

            assertEquals(0, result.exitCode(), result.both());
            assertEquals(Optional.empty(), store().account("testcli", "work"));
            assertEquals(live, Files.readString(launcher.authFile()));
        }

        @Test
        void namesNewDefaultAfterRemovingDefault() {
            StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");
            StoredAccounts.put(launcher.storeRoot(), "home", "alice@home.example", "token-home");
            String removed = store().defaultAccount("testcli").orElseThrow();
            String other = removed.equals("work") ? "home" : "work";

            LauncherRun.Result result = launcher.run(
                    "accounts", "remove", "--provider", "testcli", "--name", removed);

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().endsWith("Account " + other + " is now the default of"
                    + " provider testcli.\n"), result.out());
            assertEquals(Optional.of(other), store().defaultAccount("testcli"));
        }

        @Test
        void saysWhenLastAccountIsRemoved() {
            StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");

            LauncherRun.Result result = launcher.run(
                    "accounts", "remove", "--provider", "testcli", "--name", "work");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().endsWith("Provider testcli has no accounts left.\n"),
                    result.out());
        }

        @Test
        void keepsDefaultWhenRemovingOther() {
            StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");
            StoredAccounts.put(launcher.storeRoot(), "home", "alice@home.example", "token-home");
            String defaultName = store().defaultAccount("testcli").orElseThrow();
            String removed = defaultName.equals("work") ? "home" : "work";

            LauncherRun.Result result = launcher.run(
                    "accounts", "remove", "--provider", "testcli", "--name", removed);

            assertEquals(0, result.exitCode(), result.both());
            assertEquals("Removed account " + removed + " of provider testcli from the store.\n",
                    result.out());
        }

        @Test
        void rejectsUnknownAccountListingOthers() {
            StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");
            StoredAccounts.put(launcher.storeRoot(), "home", "alice@home.example", "token-home");

            LauncherRun.Result result = launcher.run(
                    "accounts", "remove", "--provider", "testcli", "--name", "play");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: unknown account 'play' of provider"
                    + " 'testcli'. Accounts: home, work."), result.err());
            assertEquals(2, store().accounts("testcli").size());
        }

        @Test
        void hintNamesNameOption() {
            StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");

            LauncherRun.Result result = launcher.run(
                    "accounts", "remove", "--provider", "testcli", "--name", "nobody");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().contains("Use one of them with --name,"), result.err());
            assertFalse(result.err().contains("--account"), result.err());
        }
    }

    @Nested
    class WhenChoosingDefault {

        @Test
        void makesAccountTheDefault() {
            StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");
            StoredAccounts.put(launcher.storeRoot(), "home", "alice@home.example", "token-home");

            LauncherRun.Result result = launcher.run(
                    "accounts", "default", "--provider", "testcli", "--name", "home");

            assertEquals(0, result.exitCode(), result.both());
            assertEquals(Optional.of("home"), store().defaultAccount("testcli"));
        }

        @Test
        void rejectsAccountOfEmptyProvider() {
            LauncherRun.Result result = launcher.run(
                    "accounts", "default", "--provider", "testcli", "--name", "home");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().contains("the provider has no accounts"), result.err());
            assertTrue(result.err().contains("launcher accounts import --provider testcli"),
                    result.err());
        }

        @Test
        void hintNamesNameOption() {
            StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");

            LauncherRun.Result result = launcher.run(
                    "accounts", "default", "--provider", "testcli", "--name", "nobody");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().contains("Use one of them with --name,"), result.err());
            assertFalse(result.err().contains("--account"), result.err());
        }

        @ParameterizedTest
        @ValueSource(strings = {"has space", "semi;colon", "slash/name", "", ".", ".."})
        void rejectsInvalidAccountName(String name) {
            LauncherRun.Result result = launcher.run(
                    "accounts", "default", "--provider", "testcli", "--name", name);

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: invalid account name '" + name + "'."),
                    result.err());
            assertFalse(Files.exists(launcher.storeRoot().resolve("accounts")));
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
