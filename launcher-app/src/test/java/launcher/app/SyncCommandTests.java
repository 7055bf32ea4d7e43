package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTests {

    @TempDir
    Path root;

    LauncherRun launcher;

    @BeforeEach
    void importTwoAccounts() throws IOException {
        launcher = new LauncherRun(root);
        launcher.logIn("id-home", "alice@home.example", "token-home-1", 1_000L);
        launcher.importAccount("home");
        launcher.logIn("id-work", "alice@work.example", "token-work-1", 1_000L);
        launcher.importAccount("work");
    }

    private LauncherRun.Result sync(String account) {
        return launcher.run("sync", "--provider", "testcli", "--account", account);
    }

    @Nested
    class WhenSyncing {

        @Test
        void writesChosenAccount() throws IOException {
            LauncherRun.Result result = sync("home");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(Files.readString(launcher.authFile()).contains("token-home-1"));
            assertTrue(Files.readString(launcher.authFile()).contains("\"theme\""),
                    "the machine's field was lost");
            assertTrue(result.out().contains("auth  " + launcher.authFile() + "  WRITTEN"),
                    result.out());
            assertTrue(result.out().endsWith("Synced account home of provider testcli.\n"),
                    result.out());
        }

        @Test
        void leavesLiveAccountUntouched() throws IOException {
            FileTime before = FileTime.fromMillis(1_000_000L);
            Files.setLastModifiedTime(launcher.authFile(), before);

            LauncherRun.Result result = sync("work");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().contains("UNCHANGED"), result.out());
            assertEquals(before, Files.getLastModifiedTime(launcher.authFile()));
        }

        @Test
        void changesNothingInDryRun() throws IOException {
            String before = Files.readString(launcher.authFile());

            LauncherRun.Result result = launcher.run(
                    "sync", "--provider", "testcli", "--account", "home", "--dry-run");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().contains("WOULD_WRITE"), result.out());
            assertTrue(result.out().contains("Would sync account home"), result.out());
            assertEquals(before, Files.readString(launcher.authFile()));
        }

        @Test
        void printsJsonWithoutTokens() throws IOException {
            LauncherRun.Result result = launcher.run(
                    "sync", "--provider", "testcli", "--account", "home", "--json");

            assertEquals(0, result.exitCode(), result.both());
            JsonNode report = new ObjectMapper().readTree(result.out());
            assertEquals("testcli", report.get("provider").asText());
            assertEquals("home", report.get("account").asText());
            assertEquals("WRITTEN", report.get("targets").get(0).get("action").asText());
            assertFalse(result.out().contains("token-"), result.out());
        }

        @Test
        void printsProviderWarnings() {
            LauncherRun.Result result = launcher.variable(TestCliProvider.TOKEN_VARIABLE, "set")
                    .run("sync", "--provider", "testcli", "--account", "home");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.err().contains("launcher: warning: TESTCLI_TOKEN overrides"),
                    result.err());
        }

        @Test
        void putsProviderWarningsInJson() throws IOException {
            LauncherRun.Result result = launcher.variable(TestCliProvider.TOKEN_VARIABLE, "set")
                    .run("sync", "--provider", "testcli", "--account", "home", "--json");

            JsonNode warnings = new ObjectMapper().readTree(result.out()).get("warnings");
            assertEquals("TESTCLI_TOKEN overrides the synced login; unset it.",
                    warnings.get(0).asText());
        }
    }

    @Nested
    class WhenSyncFails {

        @Test
        void rejectsUnknownAccount() {
            LauncherRun.Result result = sync("x");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().contains("Accounts: home, work."), result.err());
        }

        @Test
        void reportsMalformedFileWithoutChange() throws IOException {
            Files.writeString(launcher.authFile(), "[1, 2");

            LauncherRun.Result result = sync("home");

            assertEquals(ExitCodes.SYNC_FAILED, result.exitCode(), result.both());
            assertTrue(result.err().contains(launcher.authFile().toString()), result.err());
            assertEquals(1, result.err().lines().count(), result.err());
            assertEquals("[1, 2", Files.readString(launcher.authFile()));
        }

        @Test
        void reportsFolderInPlaceOfFile() throws IOException {
            Files.delete(launcher.authFile());
            Files.createDirectories(launcher.authFile());

            LauncherRun.Result result = sync("home");

            assertEquals(ExitCodes.SYNC_FAILED, result.exitCode(), result.both());
            assertTrue(result.err().contains(launcher.authFile().toString()), result.err());
            assertTrue(Files.isDirectory(launcher.authFile()));
        }
    }

    /** The user logged in with the CLI itself after the last import, not through the launcher. */
    @Nested
    class WhenLoginIsUnmanaged {

        private String fileBefore;

        @BeforeEach
        void logInWithTheCli() throws IOException {
            launcher.logIn("id-new", "bob@new.example", "token-new-1", 1_000L);
            fileBefore = Files.readString(launcher.authFile());
        }

        @Test
        void keepsLoginAndFails() throws IOException {
            LauncherRun.Result result = sync("home");

            assertEquals(ExitCodes.SYNC_FAILED, result.exitCode(), result.both());
            assertTrue(result.err().contains("the login of bob@new.example, which is not stored"),
                    result.err());
            assertTrue(result.err().contains(
                    "`launcher accounts import --provider testcli --name NAME`"), result.err());
            assertTrue(result.err().contains("--force"), result.err());
            assertFalse(result.both().contains("token-new-1"), result.both());
            assertEquals(fileBefore, Files.readString(launcher.authFile()));
        }

        @Test
        void forceReplacesTheLogin() throws IOException {
            LauncherRun.Result result = launcher.run(
                    "sync", "--provider", "testcli", "--account", "home", "--force");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(Files.readString(launcher.authFile()).contains("token-home-1"));
            assertTrue(result.err().contains("Replaced the login of bob@new.example"),
                    result.err());
        }

        @Test
        void dryRunReportsTheLogin() throws IOException {
            LauncherRun.Result plain = launcher.run(
                    "sync", "--provider", "testcli", "--account", "home", "--dry-run");
            LauncherRun.Result forced = launcher.run(
                    "sync", "--provider", "testcli", "--account", "home", "--dry-run", "--force");

            assertEquals(ExitCodes.SYNC_FAILED, plain.exitCode(), plain.both());
            assertTrue(plain.err().contains("bob@new.example"), plain.err());
            assertEquals(0, forced.exitCode(), forced.both());
            assertTrue(forced.err().contains("Would replace the login of bob@new.example"),
                    forced.err());
            assertEquals(fileBefore, Files.readString(launcher.authFile()));
        }

        @Test
        void storedLoginIsAdoptedIntoItsAccount() throws IOException {
            launcher.logIn("id-work", "alice@work.example", "token-work-2", 2_000L);

            LauncherRun.Result toHome = sync("home");
            LauncherRun.Result toWork = sync("work");

            assertEquals(0, toHome.exitCode(), toHome.both());
            assertTrue(toHome.out().contains("READ_BACK"), toHome.out());
            assertEquals(0, toWork.exitCode(), toWork.both());
            assertTrue(Files.readString(launcher.authFile()).contains("token-work-2"));
        }

        @Test
        void dryRunSaysItWouldReadBack() throws IOException {
            launcher.logIn("id-work", "alice@work.example", "token-work-2", 2_000L);

            LauncherRun.Result result = launcher.run(
                    "sync", "--provider", "testcli", "--account", "home", "--dry-run");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().contains("  WOULD_READ_BACK: "), result.out());
            assertFalse(result.out().contains("  READ_BACK"), result.out());
        }
    }
}
