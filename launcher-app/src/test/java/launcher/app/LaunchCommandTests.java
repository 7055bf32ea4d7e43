package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import launcher.core.store.AccountStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaunchCommandTests {

    @TempDir
    Path root;

    LauncherRun launcher;
    Path worktree;
    Path cli;

    @BeforeEach
    void createAccountsAndWorktree() throws IOException, InterruptedException {
        launcher = new LauncherRun(root);
        launcher.logIn("id-home", "alice@home.example", "token-home-1", 1_000L);
        launcher.importAccount("home");
        launcher.logIn("id-work", "alice@work.example", "token-work-1", 1_000L);
        launcher.importAccount("work");

        Path repository = Git.initRepository(root.resolve("repo"), launcher.home());
        worktree = Git.addWorktree(repository, launcher.home(), root.resolve("wt"), "feature");
        cli = executable("testcli.sh", """
                echo "CWD $(pwd -P)"
                echo "LAUNCHED-BY $TESTCLI_LAUNCHED_BY"
                echo "ARGS $*"
                grep -o '"email" *: *"[^"]*"' "$TESTCLI_HOME/auth.json"
                exit 9
                """);
    }

    private Path executable(String name, String body) throws IOException {
        Path file = Files.writeString(root.resolve(name), "#!/bin/sh\n" + body);
        assertTrue(file.toFile().setExecutable(true));
        return file;
    }

    /** Returns a CLI that refreshes the tokens of account {@code work}, as a real CLI does. */
    private Path refreshingCli() throws IOException {
        String refreshed =
                TestCliProvider.authFile("id-work", "alice@work.example", "token-work-2", 2_000L);
        return executable("refreshing.sh",
                "cat > \"$TESTCLI_HOME/auth.json\" <<'EOF'\n" + refreshed + "EOF\n");
    }

    private String accessToken(String account) {
        return new AccountStore(launcher.storeRoot()).account("testcli", account).orElseThrow()
                .snapshot().field("auth", "login").orElseThrow().get("accessToken").asText();
    }

    @Nested
    class WhenCliRuns {

        @Test
        void passesExitCodeThrough() {
            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "home",
                    "--worktree", worktree.toString(), "--executable", cli.toString());

            assertEquals(9, result.exitCode(), result.both());
        }

        @Test
        void startsInWorktreeWithArguments() throws IOException {
            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "home",
                    "--worktree", worktree.toString(), "--executable", cli.toString(),
                    "--", "--model", "big one");

            assertTrue(result.out().contains("CWD " + worktree.toRealPath()), result.both());
            assertTrue(result.out().contains("ARGS --model big one"), result.both());
            assertTrue(result.out().contains("LAUNCHED-BY launcher"), result.both());
        }

        @Test
        void passesEverythingAfterDoubleDash() {
            LauncherRun.Result result = launcher.run("--provider=testcli", "--account=home",
                    "--worktree=" + worktree, "--executable=" + cli, "--",
                    "--verbose", "--", "status", "--provider=x", "-h");

            assertEquals(9, result.exitCode(), result.both());
            assertTrue(result.out().contains("ARGS --verbose -- status --provider=x -h"),
                    result.both());
        }

        @Test
        void takesGlobalOptionsAfterOthers() {
            LauncherRun.Result result = launcher.run("--provider", "testcli", "--verbose",
                    "--worktree", worktree.toString(), "--executable", cli.toString());

            assertEquals(9, result.exitCode(), result.both());
            assertTrue(result.out().contains("alice@home.example"), result.both());
        }

        @Test
        void syncsChosenAccountBeforeStart() {
            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "home",
                    "--worktree", worktree.toString(), "--executable", cli.toString());

            assertTrue(result.out().contains("alice@home.example"), result.both());
            assertFalse(result.out().contains("alice@work.example"), result.both());
        }

        @Test
        void keepsUnmanagedLoginWithoutForce() throws IOException {
            launcher.logIn("id-new", "bob@new.example", "token-new-1", 1_000L);

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "home",
                    "--worktree", worktree.toString(), "--executable", cli.toString());

            assertEquals(ExitCodes.SYNC_FAILED, result.exitCode(), result.both());
            assertFalse(result.out().contains("CWD"), "the CLI started: " + result.both());
            assertTrue(result.err().contains("bob@new.example"), result.err());
            assertTrue(result.err().startsWith("launcher: The file " + launcher.authFile()
                    + " contains the login of "), result.err());
            assertTrue(Files.readString(launcher.authFile()).contains("token-new-1"));
        }

        @Test
        void forceReplacesUnmanagedLogin() throws IOException {
            launcher.logIn("id-new", "bob@new.example", "token-new-1", 1_000L);

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "home",
                    "--force", "--worktree", worktree.toString(), "--executable", cli.toString());

            assertEquals(9, result.exitCode(), result.both());
            assertTrue(result.out().contains("alice@home.example"), result.both());
            assertTrue(result.err().contains("Replaced the login of bob@new.example"),
                    result.err());
        }

        @Test
        void usesDefaultAccountWithoutOption() {
            LauncherRun.Result result = launcher.run("--provider", "testcli",
                    "--worktree", worktree.toString(), "--executable", cli.toString());

            assertEquals(9, result.exitCode(), result.both());
            assertTrue(result.out().contains("alice@home.example"), result.both());
        }

        @Test
        void findsProviderExecutableOnPath() throws IOException {
            Path bin = Files.createDirectories(root.resolve("bin"));
            Files.copy(cli, bin.resolve("testcli"));
            assertTrue(bin.resolve("testcli").toFile().setExecutable(true));
            launcher.variable("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));

            LauncherRun.Result result = launcher.run("--provider", "testcli",
                    "--worktree", worktree.toString());

            assertEquals(9, result.exitCode(), result.both());
        }

        @Test
        void storesTokenThatCliRefreshed() throws IOException {
            Path refreshing = refreshingCli();

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "work",
                    "--worktree", worktree.toString(), "--executable", refreshing.toString());

            assertEquals(0, result.exitCode(), result.both());
            assertEquals("token-work-2", accessToken("work"));
        }

        /** A read-back that fails, here on a store file that the CLI broke, is only a warning. */
        @Test
        void failedReadBackKeepsCliExitCode() throws IOException {
            Path store = launcher.storeRoot().resolve("accounts/testcli.json");
            String refreshed = TestCliProvider.authFile(
                    "id-work", "alice@work.example", "token-work-2", 2_000L);
            Path breaking = executable("breaking.sh",
                    "cat > \"$TESTCLI_HOME/auth.json\" <<'EOF'\n" + refreshed + "EOF\n"
                            + "printf '{' > '" + store + "'\nexit 7\n");

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "work",
                    "--worktree", worktree.toString(), "--executable", breaking.toString());

            assertEquals(7, result.exitCode(), result.both());
            assertTrue(result.err().contains("launcher: warning: The read-back after the CLI"
                    + " exited failed: The account store file " + store + " is invalid"),
                    result.err());
            assertTrue(result.err().contains("'launcher sync --provider testcli --account work'"
                    + " saves it into account work."), result.err());
            assertFalse(result.err().contains("token-work-2"), result.err());
        }

        @Test
        void keepsRefreshedTokenAcrossSwitches() throws IOException {
            Path refreshing = refreshingCli();
            Path quiet = executable("quiet.sh", "exit 0\n");

            launcher.run("--provider", "testcli", "--account", "work",
                    "--worktree", worktree.toString(), "--executable", refreshing.toString());
            launcher.run("--provider", "testcli", "--account", "home",
                    "--worktree", worktree.toString(), "--executable", quiet.toString());
            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "work",
                    "--worktree", worktree.toString(), "--executable", quiet.toString());

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(Files.readString(launcher.authFile()).contains("token-work-2"));
        }

        @Test
        void warnsOutsideGitWorkTree() throws IOException {
            Path plain = Files.createDirectories(root.resolve("plain"));

            LauncherRun.Result result = launcher.run("--provider", "testcli",
                    "--worktree", plain.toString(), "--executable", cli.toString());

            assertEquals(9, result.exitCode(), result.both());
            String warning = "launcher: warning: " + plain + " is not inside a git work tree";
            assertTrue(result.err().contains(warning), result.err());
        }
    }

    @Nested
    class WhenWorktreeIsMissing {

        @Test
        void createsItWithBranch() throws IOException, InterruptedException {
            Git.initRepository(launcher.workingDirectory(), launcher.home());
            Path created = root.resolve("created");

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--branch", "fix-1",
                    "--worktree", created.toString(), "--executable", cli.toString());

            assertEquals(9, result.exitCode(), result.both());
            assertTrue(result.out().contains("CWD " + created.toRealPath()), result.both());
            String branch = Git.run(created, launcher.home(), "branch", "--show-current");
            assertEquals("fix-1", branch.strip());
        }

        @Test
        void saysHowToCreateIt() throws IOException {
            Path missing = root.resolve("missing");
            String before = Files.readString(launcher.authFile());

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "home",
                    "--worktree", missing.toString(), "--executable", cli.toString());

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            String expected = "launcher: worktree " + missing + " does not exist."
                    + " Create it with 'git worktree add -b BRANCH " + missing + "'";
            assertTrue(result.err().startsWith(expected), result.err());
            assertEquals(before, Files.readString(launcher.authFile()));
        }

        @Test
        void reportsFailedGitCommand() throws IOException {
            Path created = root.resolve("created");

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--branch", "fix-1",
                    "--worktree", created.toString(), "--executable", cli.toString());

            assertEquals(ExitCodes.FAILURE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: 'git worktree add -b fix-1 " + created
                    + "' in " + launcher.workingDirectory() + " failed: "), result.err());
            assertFalse(Files.exists(created));
        }
    }

    @Nested
    class WhenBranchExists {

        @Test
        void quotesGitFatalLine() throws IOException, InterruptedException {
            Git.initRepository(launcher.workingDirectory(), launcher.home());
            Git.run(launcher.workingDirectory(), launcher.home(), "branch", "taken");
            Path created = root.resolve("created");

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--branch", "taken",
                    "--worktree", created.toString(), "--executable", cli.toString());

            assertEquals(ExitCodes.FAILURE, result.exitCode(), result.both());
            assertTrue(result.err().contains(
                    " failed: fatal: a branch named 'taken' already exists."), result.err());
            assertFalse(result.err().contains("Preparing"), result.err());
            assertFalse(Files.exists(created));
        }
    }

    @Nested
    class WhenInputIsBad {

        @Test
        void rejectsWorktreeThatIsFile() throws IOException {
            Path file = Files.writeString(root.resolve("file.txt"), "");

            LauncherRun.Result result = launcher.run("--provider", "testcli",
                    "--worktree", file.toString(), "--executable", cli.toString());

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: worktree " + file + " is a file, not a directory."), result.err());
        }

        @ParameterizedTest
        @ValueSource(strings = {" ", "\t"})
        void rejectsBlankWorktree(String blank) throws IOException {
            String before = Files.readString(launcher.authFile());

            LauncherRun.Result result = launcher.run("--provider", "testcli",
                    "--worktree", blank, "--executable", cli.toString());

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: --worktree is empty."), result.err());
            assertFalse(result.out().contains("CWD"), "the CLI started: " + result.out());
            assertEquals(before, Files.readString(launcher.authFile()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"--worktree", "--executable"})
        void rejectsEmptyPath(String option) throws IOException {
            String before = Files.readString(launcher.authFile());
            String worktreeValue = option.equals("--worktree") ? "" : worktree.toString();
            String executableValue = option.equals("--executable") ? "" : cli.toString();

            LauncherRun.Result result = launcher.run("--provider", "testcli",
                    "--worktree", worktreeValue, "--executable", executableValue);

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: invalid value for option " + option
                    + ": the path is empty. Pass the path of a file or folder.\n"), result.err());
            assertFalse(result.out().contains("CWD"), "the CLI started: " + result.out());
            assertEquals(before, Files.readString(launcher.authFile()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"--force", "-b", "-"})
        void rejectsBranchStartingWithDash(String branch) throws IOException, InterruptedException {
            Git.initRepository(launcher.workingDirectory(), launcher.home());
            Path created = root.resolve("created");

            LauncherRun.Result result = launcher.run("--provider", "testcli",
                    "--branch=" + branch, "--worktree", created.toString(),
                    "--executable", cli.toString());

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: invalid branch name '" + branch
                    + "': git would read a name that starts with '-' as an option."),
                    result.err());
            assertFalse(Files.exists(created));
        }

        @Test
        void rejectsEmptyBranch() throws IOException, InterruptedException {
            Git.initRepository(launcher.workingDirectory(), launcher.home());
            Path created = root.resolve("created");

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--branch=",
                    "--worktree", created.toString(), "--executable", cli.toString());

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: --branch is empty."), result.err());
            assertFalse(Files.exists(created));
        }

        @Test
        void rejectsUnknownProviderListingKnown() {
            LauncherRun.Result result = launcher.run("--provider", "nope",
                    "--worktree", worktree.toString());

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: unknown provider 'nope'. Known providers: testcli."), result.err());
        }

        @Test
        void rejectsUnknownAccountListingKnown() throws IOException {
            String before = Files.readString(launcher.authFile());

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "play",
                    "--worktree", worktree.toString(), "--executable", cli.toString());

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: unknown account 'play' of provider"
                    + " 'testcli'. Accounts: home, work."), result.err());
            assertTrue(result.err().contains("Use one of them with --account,"), result.err());
            assertEquals(before, Files.readString(launcher.authFile()));
        }

        @Test
        void reportsMissingCliWithInstallHint() throws IOException {
            String before = Files.readString(launcher.authFile());
            Path emptyBin = Files.createDirectories(root.resolve("empty-bin"));
            launcher.variable("PATH", emptyBin.toString());

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "home",
                    "--worktree", worktree.toString());

            assertEquals(ExitCodes.CLI_NOT_FOUND, result.exitCode(), result.both());
            assertTrue(result.err().contains("launcher: the Test CLI executable 'testcli' was not"
                    + " found on PATH. Put a testcli executable on PATH.\n"), result.err());
            assertEquals(before, Files.readString(launcher.authFile()));
        }

        @Test
        void reportsMissingInterpreterBeforeSync() throws IOException {
            Path script = Files.writeString(root.resolve("broken.sh"),
                    "#!/no/such/interpreter\necho started\n");
            assertTrue(script.toFile().setExecutable(true));
            String authBefore = Files.readString(launcher.authFile());
            Map<String, String> storeBefore = StoreTree.read(launcher.storeRoot());

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "home",
                    "--worktree", worktree.toString(), "--executable", script.toString());

            assertEquals(ExitCodes.CLI_NOT_FOUND, result.exitCode(), result.both());
            assertEquals("launcher: the script " + script + " cannot be started: the interpreter"
                    + " /no/such/interpreter on its #! line does not exist. Change the #! line of "
                    + script + " to an interpreter that exists, or install it.\n", result.err());
            assertEquals(authBefore, Files.readString(launcher.authFile()));
            assertEquals(storeBefore, StoreTree.read(launcher.storeRoot()));
        }

        @Test
        void looksUpEnvCommandOnCliPath() throws IOException {
            Path bin = Files.createDirectories(root.resolve("cli-bin"));
            Path tool = Files.writeString(bin.resolve("tool-of-cli"), "#!/bin/sh\nexit 7\n");
            assertTrue(tool.toFile().setExecutable(true));
            Path script = Files.writeString(root.resolve("env.sh"),
                    "#!/usr/bin/env tool-of-cli\n");
            assertTrue(script.toFile().setExecutable(true));
            String authBefore = Files.readString(launcher.authFile());

            LauncherRun.Result missing = launcher.run("--provider", "testcli", "--account",
                    "home", "--worktree", worktree.toString(), "--executable", script.toString());
            String authAfterMissing = Files.readString(launcher.authFile());
            launcher.variable("PATH", bin + ":" + System.getenv("PATH"));
            LauncherRun.Result found = launcher.run("--provider", "testcli", "--account", "home",
                    "--worktree", worktree.toString(), "--executable", script.toString());

            assertEquals(ExitCodes.CLI_NOT_FOUND, missing.exitCode(), missing.both());
            assertTrue(missing.err().contains("the command 'tool-of-cli' that its #! line runs"
                    + " with env was not found on the PATH that the CLI gets."), missing.err());
            assertEquals(authBefore, authAfterMissing);
            assertEquals(7, found.exitCode(), found.both());
        }

        @Test
        void reportsMissingExecutableOption() throws IOException {
            Path missing = root.resolve("no-such-cli");

            LauncherRun.Result result = launcher.run("--provider", "testcli",
                    "--worktree", worktree.toString(), "--executable", missing.toString());

            assertEquals(ExitCodes.CLI_NOT_FOUND, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: executable " + missing
                    + " does not exist or is not executable."), result.err());
        }

        @Test
        void reportsBareExecutableNotOnPath() {
            LauncherRun.Result result = launcher.run("--provider", "testcli",
                    "--worktree", worktree.toString(), "--executable", "no-such-cli");

            assertEquals(ExitCodes.CLI_NOT_FOUND, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: executable 'no-such-cli' was not found on PATH."), result.err());
        }

        @Test
        void reportsFailedSyncWithoutChange() throws IOException {
            Files.writeString(launcher.authFile(), "{ not json");

            LauncherRun.Result result = launcher.run("--provider", "testcli", "--account", "home",
                    "--worktree", worktree.toString(), "--executable", cli.toString());

            assertEquals(ExitCodes.SYNC_FAILED, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: "), result.err());
            assertTrue(result.err().contains(launcher.authFile().toString()), result.err());
            assertFalse(result.err().contains("\tat "), result.err());
            assertEquals("{ not json", Files.readString(launcher.authFile()));
            assertFalse(result.out().contains("CWD"), "the CLI started: " + result.out());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "3600"})
        void acceptsLockTimeoutInRange(String seconds) {
            LauncherRun.Result result = launcher.run("--provider", "testcli",
                    "--lock-timeout", seconds, "--worktree", worktree.toString(),
                    "--executable", cli.toString());

            assertEquals(9, result.exitCode(), result.both());
        }

        @Test
        void reportsStoreLockHeldTooLong() throws IOException {
            String before = Files.readString(launcher.authFile());
            AccountStore store = new AccountStore(launcher.storeRoot());

            LauncherRun.Result result;
            try (var held = store.lock("testcli", java.time.Duration.ofSeconds(5))) {
                result = launcher.run("--provider", "testcli", "--account", "home",
                        "--lock-timeout", "1", "--worktree", worktree.toString(),
                        "--executable", cli.toString());
            }

            assertEquals(ExitCodes.STORE_FAILED, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: Timed out"), result.err());
            assertEquals(before, Files.readString(launcher.authFile()));
        }
    }
}
