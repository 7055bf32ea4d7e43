package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import launcher.app.pty.PlainStreams;
import launcher.core.registry.ProviderRegistry;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The parts of the command line that need no provider or account store. */
class CommandLineTests {

    @TempDir
    Path root;

    LauncherRun launcher;

    @BeforeEach
    void createLauncher() throws IOException {
        launcher = new LauncherRun(root);
    }

    @Nested
    class WhenHelpIsRequested {

        @Test
        void listsEveryExitCode() {
            LauncherRun.Result result = launcher.run("--help");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().contains("Exit codes:"), result.out());
            for (String row : ExitCodes.helpList().keySet()) {
                assertTrue(result.out().contains("  " + row + " "), "missing exit code " + row);
            }
        }

        @Test
        void listsEveryCommand() {
            LauncherRun.Result result = launcher.run("--help");

            for (String command : new String[] {"accounts", "sync", "status", "providers",
                "completion"}) {
                assertTrue(result.out().contains("  " + command + " "), "missing " + command);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"accounts", "accounts import", "accounts list", "accounts remove",
            "accounts default", "sync", "status", "providers", "completion"})
        void printsHelpOfEveryCommand(String command) {
            String[] args = (command + " --help").split(" ");

            LauncherRun.Result result = launcher.run(args);

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().startsWith("Usage: launcher " + command), result.out());
        }

        @Test
        void printsVersion() {
            LauncherRun.Result result = launcher.run("--version");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().startsWith("launcher 0."), result.out());
        }
    }

    @Nested
    class WhenInputIsInvalid {

        @Test
        void rejectsUnknownOption() {
            LauncherRun.Result result = launcher.run("--provder", "claude");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: Unknown option: '--provder'"),
                    result.err());
            assertTrue(result.err().contains("--provider"), "no suggestion: " + result.err());
            assertEquals("", result.out());
        }

        @Test
        void rejectsLaunchWithoutWorktree() {
            LauncherRun.Result result = launcher.run("--provider", "testcli");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: the options --provider and --worktree are required"), result.err());
        }

        @Test
        void rejectsNoArguments() {
            LauncherRun.Result result = launcher.run();

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().contains("Run 'launcher --help' for usage."), result.err());
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "3601", "99999999999999999"})
        void rejectsLockTimeoutOutOfRange(String seconds) {
            for (String[] command : new String[][] {
                {"--provider", "testcli", "--worktree", "wt"},
                {"sync", "--provider", "testcli"},
                {"accounts", "import", "--provider", "testcli", "--name", "work"},
            }) {
                List<String> args = new ArrayList<>(List.of(command));
                args.addAll(List.of("--lock-timeout", seconds));

                LauncherRun.Result result = launcher.run(args.toArray(String[]::new));

                assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
                assertTrue(result.err().startsWith("launcher: Invalid value for option"
                        + " '--lock-timeout': " + seconds + " seconds is out of range."),
                        result.err());
                assertFalse(result.err().contains("internal error"), result.err());
            }
        }

        @Test
        void rejectsNonNumericLockTimeout() {
            LauncherRun.Result result = launcher.run("sync", "--provider", "testcli",
                    "--lock-timeout", "ten");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().contains("'ten' is not a whole number of seconds."),
                    result.err());
        }

        @Test
        void rejectsUnknownCommandListingCommands() {
            LauncherRun.Result result = launcher.run("frobnicate");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: unknown command 'frobnicate'."),
                    result.err());
            assertTrue(result.err().contains("accounts, sync, status, providers, completion"),
                    result.err());
            assertFalse(result.err().contains("are required"), result.err());
        }

        @Test
        void rejectsUnknownCommandAfterOptions() {
            LauncherRun.Result result = launcher.run("--worktree", "wt", "stauts", "--", "x");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: unknown command 'stauts'."),
                    result.err());
        }

        @Test
        void keepsCliArgumentsAfterDoubleDash() {
            LauncherRun.Result result = launcher.run("--worktree", "wt", "--", "frobnicate");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: the options --provider and --worktree are required"), result.err());
        }

        @Test
        void rejectsAccountsWithoutSubcommand() {
            LauncherRun.Result result = launcher.run("accounts");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: a subcommand is required"), result.err());
        }

        @Test
        void rejectsImportWithoutName() {
            LauncherRun.Result result = launcher.run("accounts", "import", "--provider", "testcli");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().contains("--name"), result.err());
        }

        @Test
        void printsNoStackTraceByDefault() {
            LauncherRun.Result result = launcher.run("--provider", "testcli");

            assertFalse(result.err().contains("\tat "), result.err());
        }

        @Test
        void printsStackTraceWhenVerbose() {
            LauncherRun.Result result = launcher.run("--verbose", "--provider", "testcli");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().contains("\tat "), result.err());
        }
    }

    @Nested
    class WhenMemoryRunsOut {

        @BeforeEach
        void failDiscovery() {
            launcher.discovery(folders -> {
                throw new OutOfMemoryError("Java heap space");
            });
        }

        @Test
        void printsOneLineWithFix() {
            LauncherRun.Result result = launcher.run("providers");

            assertEquals(ExitCodes.FAILURE, result.exitCode(), result.both());
            assertEquals("launcher: out of memory (Java heap space); raise the heap with"
                    + " LAUNCHER_JAVA_OPTS=-Xmx256m or more.\n", result.err());
        }

        @Test
        void printsStackTraceWhenVerbose() {
            LauncherRun.Result result = launcher.run("providers", "--verbose");

            assertEquals(ExitCodes.FAILURE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: out of memory"), result.err());
            assertTrue(result.err().contains("\tat "), result.err());
        }
    }

    @Nested
    class WhenCompletionIsRequested {

        @Test
        void printsBashCompletionScript() {
            LauncherRun.Result result = launcher.run("completion");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().contains("complete -F"), result.out());
            assertTrue(result.out().contains("providers"), result.out());
            assertTrue(result.out().contains("--worktree"), result.out());
        }
    }

    @Nested
    class WhenCommandTreeIsBuilt {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "--provider claude --worktree w           | ''",
            "sync --provider claude                   | sync",
            "--verbose accounts list                  | accounts",
            "--account sync --worktree w              | ''",
            "--provider=claude --worktree w status    | status",
            "--provider claude --worktree w -- status | ''",
            "status --help                            | status",
            "--help                                   | accounts,sync,status,providers,completion",
            "completion                               | accounts,sync,status,providers,completion",
        })
        void addsOnlyReachableSubcommands(String args, String expected) {
            Environment environment = new Environment(root, Map.of(), OperatingSystem.LINUX);
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
            Context context = new Context(environment, root, InputStream.nullInputStream(),
                    discard, discard, folders -> ProviderRegistry.discover(List.of()),
                    ctx -> new PlainStreams(ctx.in(), ctx.out()));

            CommandLine commandLine = new App(context).commandLine(args.split(" "));

            String added = String.join(",", commandLine.getSubcommands().keySet());
            assertEquals(expected, added, "subcommands added for: " + args);
        }
    }

    @Nested
    class WhenVerboseIsDetected {

        @Test
        void findsVerboseBeforeCliArguments() {
            assertTrue(Main.isVerbose(new String[] {"--provider", "x", "--verbose"}));
        }

        @Test
        void ignoresVerboseAfterDoubleDash() {
            assertFalse(Main.isVerbose(new String[] {"--provider", "x", "--", "--verbose"}));
        }
    }
}
