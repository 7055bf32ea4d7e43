package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import launcher.app.cli.CommandSpec;
import launcher.core.registry.ProviderRegistry;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
            assertTrue(result.out().contains("\nOptions:\n"), result.out());
            assertTrue(result.out().contains("  -h, --help "), result.out());
            assertTrue(result.out().contains("\nExit codes:\n  0       Success"), result.out());
            for (String line : result.out().split("\n")) {
                assertTrue(line.length() <= 80, "longer than 80 columns: " + line);
            }
        }

        @Test
        void printsHelpOfLastNamedCommand() {
            LauncherRun.Result result = launcher.run("--verbose", "-h", "accounts", "list");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().startsWith("Usage: launcher accounts list "), result.out());
            assertTrue(result.out().contains("--json"), result.out());
        }

        @Test
        void printsHelpWithoutRequiredOptions() {
            LauncherRun.Result result = launcher.run("accounts", "import", "--help");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().startsWith("Usage: launcher accounts import --provider ID"
                    + " --name NAME [--from DIR]"), result.out());
            assertEquals("", result.err());
        }

        @Test
        void printsOptionsOfRoot() {
            LauncherRun.Result result = launcher.run("--help");

            assertTrue(result.out().startsWith("Usage: launcher --provider ID --worktree PATH"),
                    result.out());
            assertTrue(result.out().contains("\n   or: launcher COMMAND [OPTIONS]\n"),
                    result.out());
            String[] options = {"--provider ID", "--worktree PATH", "--account NAME",
                "--executable PATH", "--branch NAME", "--lock-timeout SECONDS", "--force",
                "--verbose", "--provider-path DIR", "-V, --version"};
            for (String option : options) {
                assertTrue(result.out().contains("  " + option + " "), "missing " + option);
            }
            assertTrue(result.out().contains("  CLI-ARGS "), result.out());
            assertTrue(result.out().contains("from 0 to 3600 (default: 10)."), result.out());
        }

        @ParameterizedTest
        @ValueSource(strings = {"-h --provider", "--help --bogus", "--bogus -h", "lst -h"})
        void printsHelpDespiteMistake(String mistake) {
            List<String> args = new ArrayList<>(List.of("accounts", "import"));
            args.addAll(List.of(mistake.split(" ")));
            if (mistake.startsWith("lst")) {
                args.remove("import");
            }

            LauncherRun.Result result = launcher.run(args.toArray(String[]::new));

            assertEquals(0, result.exitCode(), result.both());
            String usage = mistake.startsWith("lst") ? "accounts" : "accounts import";
            assertTrue(result.out().startsWith("Usage: launcher " + usage + " "), result.out());
            assertEquals("", result.err());
        }

        @Test
        void keepsHelpAfterDoubleDashForCli() {
            LauncherRun.Result result = launcher.run("--bogus", "--", "--help");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: unknown option '--bogus'."),
                    result.err());
        }

        @Test
        void printsVersionAfterCommandName() {
            LauncherRun.Result result = launcher.run("accounts", "import", "-V");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().startsWith("launcher 0."), result.out());
            assertTrue(result.out().contains("\nJava "), result.out());
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
            assertTrue(result.err().startsWith("launcher: unknown option '--provder'."),
                    result.err());
            assertTrue(result.err().contains("Did you mean --provider?"),
                    "no suggestion: " + result.err());
            assertTrue(result.err().endsWith("Run 'launcher --help' for usage.\n"), result.err());
            assertEquals("", result.out());
        }

        @Test
        void namesSubcommandOfOptionBeforeIt() {
            LauncherRun.Result result = launcher.run("--json", "accounts", "list");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertEquals("launcher: unknown option '--json'. --json is an option of"
                    + " 'accounts list': put it after the command name.\n"
                    + "Run 'launcher --help' for usage.\n", result.err());
        }

        @Test
        void namesEverySubcommandOfOption() {
            LauncherRun.Result result = launcher.run("accounts", "--from", "x");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: unknown option '--from'. --from is an"
                    + " option of 'accounts import': put it after the command name.\n"),
                    result.err());
        }

        @Test
        void rejectsEqualsSignWithoutOptionName() {
            LauncherRun.Result result = launcher.run("--=x");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: invalid argument '--=x': it has no"
                    + " option name before '='."), result.err());
        }

        @Test
        void rejectsLaunchWithoutWorktree() {
            LauncherRun.Result result = launcher.run("--provider", "testcli");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: the option --worktree is required."),
                    result.err());
        }

        @Test
        void rejectsNoArguments() {
            LauncherRun.Result result = launcher.run();

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: the options --provider and --worktree are required."),
                    result.err());
            assertTrue(result.err().contains("Run 'launcher --help' for usage."), result.err());
        }

        @Test
        void rejectsUnknownOptionOfSubcommand() {
            LauncherRun.Result result = launcher.run("sync", "--provider", "testcli", "--jsn");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertEquals("launcher: unknown option '--jsn'. Did you mean --json?\n"
                    + "Run 'launcher sync --help' for usage.\n", result.err());
        }

        @Test
        void rejectsOptionWithoutValue() {
            LauncherRun.Result result = launcher.run("sync", "--lock-timeout");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: option --lock-timeout needs a value (SECONDS)."), result.err());
            assertTrue(result.err().endsWith("Run 'launcher sync --help' for usage.\n"),
                    result.err());
        }

        @Test
        void rejectsUnknownAccountsSubcommand() {
            LauncherRun.Result result = launcher.run("accounts", "lst");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: unknown command 'lst'. Did you mean"
                    + " list? Use one of the commands import, list, remove, default."),
                    result.err());
            assertTrue(result.err().endsWith("Run 'launcher accounts --help' for usage.\n"),
                    result.err());
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
                assertTrue(result.err().startsWith("launcher: invalid value for option"
                        + " --lock-timeout: " + seconds + " seconds is out of range."),
                        result.err());
                assertFalse(result.err().contains("internal error"), result.err());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0663", " 5", "5 ", "+5", "\uff15", "1e1", ""})
        void rejectsLockTimeoutOtherThanAsciiDigits(String seconds) {
            LauncherRun.Result result = launcher.run("sync", "--provider", "testcli",
                    "--lock-timeout=" + seconds);

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: invalid value for option --lock-timeout:"
                    + " '" + seconds + "' is not a whole number of seconds."), result.err());
        }

        @Test
        void readsValueAfterEqualsSign() {
            LauncherRun.Result result = launcher.run("sync", "--provider=testcli",
                    "--lock-timeout=ten");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().contains("'ten' is not a whole number of seconds."),
                    result.err());
        }

        @Test
        void rejectsValueOfFlag() {
            LauncherRun.Result result = launcher.run("sync", "--provider", "testcli",
                    "--json=yes");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: option --json takes no value."),
                    result.err());
        }

        @Test
        void rejectsRepeatedOption() {
            LauncherRun.Result result = launcher.run("sync", "--provider", "testcli",
                    "--provider", "other");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: option --provider is given more than once."), result.err());
        }

        @Test
        void rejectsRootOptionBeforeCommand() {
            LauncherRun.Result result = launcher.run("--provider", "testcli", "status");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: option --provider of 'launcher'"
                    + " cannot be used with the command 'status'."), result.err());
            assertEquals("", result.out());
        }

        @Test
        void rejectsArgumentOfCommandWithoutOperands() {
            LauncherRun.Result result = launcher.run("status", "extra");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: unexpected argument 'extra':"
                    + " 'launcher status' takes options only."), result.err());
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
            assertTrue(result.err().startsWith("launcher: unknown command 'stauts'."
                    + " Did you mean status?"), result.err());
        }

        @Test
        void keepsCliArgumentsAfterDoubleDash() {
            LauncherRun.Result result = launcher.run("--worktree", "wt", "--", "frobnicate");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: the option --provider is required."),
                    result.err());
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
            assertTrue(result.err().startsWith("launcher: the option --name is required."),
                    result.err());
            assertTrue(result.err().endsWith("Run 'launcher accounts import --help' for usage.\n"),
                    result.err());
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
                    + " LAUNCHER_JAVA_OPTS=-Xmx2g or more.\n", result.err());
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

    @Nested
    class WhenLaunchIsGuessed {

        private final CommandSpec commands = new App(new Context(
                new Environment(Path.of("/home/dev"), Map.of(), OperatingSystem.LINUX),
                Path.of(""), System.in, System.out, System.err, ProviderRegistry::discover,
                ctx -> { throw new AssertionError("no terminal is opened"); }))
                .commands();

        @ParameterizedTest
        @ValueSource(strings = {
            "--provider claude --worktree w",
            "--verbose --provider=claude --worktree w -- --help",
            "--provider claude --worktree w -- sync",
        })
        void guessesLaunch(String line) {
            assertTrue(Main.mayStartCli(line.split(" ")), line);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "sync --provider claude",
            "--verbose accounts list",
            "status",
            "providers",
            "completion",
            "--provider claude --help",
            "-h",
            "--version",
        })
        void guessesNoLaunch(String line) {
            assertFalse(Main.mayStartCli(line.split(" ")), line);
        }

        @Test
        void knowsEverySubcommand() {
            Set<String> names = new HashSet<>();
            for (CommandSpec subcommand : commands.subcommands()) {
                names.add(subcommand.name());
            }

            assertEquals(names, Main.SUBCOMMANDS);
        }

        @Test
        void guessesNoLaunchWithoutArguments() {
            assertFalse(Main.mayStartCli(new String[0]));
        }
    }
}
