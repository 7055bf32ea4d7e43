package launcher.app.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import launcher.app.Main;
import launcher.app.TerminalFixtures;
import launcher.app.TestCliProvider;
import launcher.core.store.StoreLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launcher as users run it: a real child JVM in a tmux pane, starting a CLI in a worktree
 * made with {@code git worktree add}.
 */
class LauncherTerminalTests {

    @TempDir
    Path folder;

    Tmux tmux;
    PaneScripts pane;
    TerminalFixtures fixtures;

    @BeforeEach
    void prepare() throws IOException, InterruptedException {
        tmux = Tmux.start();
        pane = new PaneScripts(folder);
        fixtures = TerminalFixtures.withAccountAndWorktree(folder.resolve("launcher"));
    }

    @AfterEach
    void stopTmux() throws IOException, InterruptedException {
        if (tmux != null) {
            tmux.close();
        }
    }

    @Test
    void cliGetsTerminalWorktreeAndInput() throws IOException, InterruptedException {
        Path cli = pane.executable("testcli.sh", """
                if [ -t 0 ] && [ -t 1 ]; then echo "CLI-TTY yes"; else echo "CLI-TTY no"; fi
                # pty4j sets the size just after the start, so wait for it.
                while [ "$(stty size)" = "0 0" ]; do sleep 0.05; done
                echo "CLI-DIR $(pwd -P)"
                echo "CLI-SIZE $(stty size)"
                echo "CLI-ARGS $*"
                initial=$(stty size)
                echo "CLI-READY"
                while [ "$(stty size)" = "$initial" ]; do sleep 0.1; done
                echo "CLI-RESIZED $(stty size)"
                read line
                echo "CLI-GOT [$line]"
                exit 42
                """);
        Path script = pane.javaMain(fixtures.workingDirectory(), fixtures.variables(),
                Main.class.getName(), List.of("--provider", "testcli", "--account", "work",
                        "--worktree", fixtures.worktree().toString(),
                        "--executable", cli.toString(), "--", "--flag", "value"));

        tmux.open(90, 25, script);
        tmux.waitForScreen("CLI-READY");
        String first = tmux.screen();
        tmux.resize(110, 35);
        tmux.waitForScreen("CLI-RESIZED 35 110");
        tmux.sendKeys("typed words", "Enter");
        tmux.waitFor("the launcher to exit", () -> pane.exitCode().isPresent());

        assertTrue(first.contains("CLI-TTY yes"), first);
        assertTrue(first.contains("CLI-DIR " + fixtures.worktree().toRealPath()), first);
        assertTrue(first.contains("CLI-SIZE 25 90"), first);
        assertTrue(first.contains("CLI-ARGS --flag value"), first);
        assertTrue(tmux.screen().contains("CLI-GOT [typed words]"), tmux.screen());
        assertEquals(42, pane.exitCode().orElseThrow());
        assertEquals(Files.readString(pane.before()), Files.readString(pane.after()),
                "stty -g differs after the launcher exited");
    }

    /**
     * Terminal libraries such as JLine 4.6 probe a terminal's modes with DECRQM queries and the
     * width of test characters, and read the replies from standard input, where they could take
     * a key the user typed. The CLI owns the terminal's modes, so the launcher sends none of this.
     */
    @Test
    void sendsNoModeQueryToTerminal() throws IOException, InterruptedException {
        Path go = folder.resolve("go");
        Path output = folder.resolve("pane-output.bin");
        Path cli = pane.executable("testcli.sh", "echo CLI-DONE\n");
        Path launch = pane.javaMain(fixtures.workingDirectory(), fixtures.variables(),
                Main.class.getName(), List.of("--provider", "testcli", "--account", "work",
                        "--worktree", fixtures.worktree().toString(),
                        "--executable", cli.toString()));
        Path waitThenLaunch = pane.executable("wait-then-launch.sh",
                "while [ ! -e " + PaneScripts.quote(go.toString()) + " ]; do sleep 0.05; done\n"
                        + "exec /bin/sh " + PaneScripts.quote(launch.toString()) + "\n");

        tmux.open(80, 24, waitThenLaunch);
        tmux.pipeOutput(output);
        Files.createFile(go);
        tmux.waitFor("the launcher to exit", () -> pane.exitCode().isPresent());
        tmux.waitFor("the pane output", () -> outputContains(output, "CLI-DONE"));

        String written = Files.readString(output, StandardCharsets.ISO_8859_1);
        assertEquals(0, pane.exitCode().orElseThrow());
        assertTrue(written.contains("CLI-DONE"), written);
        assertFalse(written.contains("$p"), "DECRQM query sent: " + written);
        assertFalse(written.contains("\u001b7"), "cursor saved for a width probe: " + written);
    }

    /**
     * A user's terminal may drop carriage returns ({@code igncr}) or clear the eighth bit of each
     * byte ({@code istrip}). In raw mode the launcher turns both off, so the CLI reads the bytes
     * as typed, and the settings come back when it exits.
     */
    @Test
    void inputBytesReachCliUnchanged() throws IOException, InterruptedException {
        Path received = folder.resolve("received.txt");
        Path cli = pane.executable("testcli.sh", """
                stty raw -echo
                echo "CLI-READY"
                dd bs=1 count=3 2>/dev/null | od -An -tx1 > '%s.tmp'
                mv '%s.tmp' '%s'
                """.formatted(received, received, received));
        Path launch = pane.javaMain(fixtures.workingDirectory(), fixtures.variables(),
                Main.class.getName(), List.of("--provider", "testcli", "--account", "work",
                        "--worktree", fixtures.worktree().toString(),
                        "--executable", cli.toString()));
        Path strippingTerminal = pane.executable("stripping-terminal.sh", "stty igncr istrip"
                + " || exit 1\nexec /bin/sh " + PaneScripts.quote(launch.toString()) + "\n");

        tmux.open(80, 24, strippingTerminal);
        tmux.waitForScreen("CLI-READY");
        // The UTF-8 encoding of 'é' and the carriage return of the Enter key. The 'x' after them
        // gives the CLI a third byte to read when the carriage return is dropped.
        tmux.sendKeys("-H", "c3", "a9", "0d", "78");
        tmux.waitFor("the launcher to exit", () -> pane.exitCode().isPresent());

        assertEquals(0, pane.exitCode().orElseThrow());
        assertEquals("c3 a9 0d", Files.readString(received).strip());
        assertEquals(Files.readString(pane.before()), Files.readString(pane.after()),
                "stty -g differs after the launcher exited");
    }

    private static boolean outputContains(Path file, String text) {
        try {
            return Files.exists(file)
                    && Files.readString(file, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void lineTypedAfterCliExitsReachesShell() throws IOException, InterruptedException {
        Path go = folder.resolve("go");
        Path next = folder.resolve("next-line.txt");
        Path cli = pane.executable("testcli.sh", """
                echo "CLI-READY"
                while [ ! -e '%s' ]; do sleep 0.05; done
                """.formatted(go));
        // The next read of the terminal after the launcher exits, as the user's shell makes it.
        String nextReader = "IFS= read -r line; printf '%s\\n' \"$line\" > "
                + PaneScripts.quote(next + ".tmp") + "\n"
                + "mv " + PaneScripts.quote(next + ".tmp") + " "
                + PaneScripts.quote(next.toString()) + "\n";
        Path script = pane.javaMain(fixtures.workingDirectory(), fixtures.variables(),
                Main.class.getName(), List.of("--provider", "testcli", "--account", "work",
                        "--worktree", fixtures.worktree().toString(),
                        "--executable", cli.toString(), "--lock-timeout", "60"),
                nextReader);

        tmux.open(80, 24, script);
        tmux.waitForScreen("CLI-READY");
        String typedLine = "TYPED-AFTER-EXIT";
        // Holding the store's lock keeps the launcher in its read-back, which comes after the
        // CLI exited and the terminal was restored, while the line is typed.
        try (StoreLock _ = fixtures.lockStore()) {
            Files.createFile(go);
            String before = Files.readString(pane.before());
            tmux.waitFor("the launcher to restore the terminal",
                    () -> before.equals(terminalSettingsOrEmpty()));
            tmux.sendKeys(typedLine, "Enter");
            // The terminal echoes the line as soon as it receives it, before any process reads it.
            tmux.waitForScreen(typedLine);
        }
        tmux.waitFor("the launcher to exit", () -> pane.exitCode().isPresent());
        tmux.sendKeys("TYPED-LATER", "Enter");
        tmux.waitFor("the shell to read a line", () -> Files.exists(next));

        assertEquals(0, pane.exitCode().orElseThrow());
        assertEquals(typedLine, Files.readString(next).strip(),
                "the shell did not get the line typed after the CLI exited");
    }

    private String terminalSettingsOrEmpty() {
        try {
            return tmux.terminalSettings();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @ParameterizedTest
    @CsvSource({"TERM, 15", "HUP, 1"})
    void signalEndsCliAndReadsBack(String signal, int number)
            throws IOException, InterruptedException {
        Path pids = folder.resolve("pids.txt");
        String refreshed =
                TestCliProvider.authFile("id-work", "alice@work.example", "token-work-2", 2_000L);
        Path cli = pane.executable("testcli.sh", """
                cat > "$TESTCLI_HOME/auth.json" <<'EOF'
                %sEOF
                echo "$PPID $$" > '%s'
                echo "CLI-READY"
                while :; do sleep 0.1; done
                """.formatted(refreshed, pids));
        Path script = pane.javaMain(fixtures.workingDirectory(), fixtures.variables(),
                Main.class.getName(), List.of("--provider", "testcli", "--account", "work",
                        "--worktree", fixtures.worktree().toString(),
                        "--executable", cli.toString()));

        tmux.open(80, 24, script);
        tmux.waitForScreen("CLI-READY");
        String[] ids = Files.readString(pids).strip().split(" ");
        ProcessHandle launcher = ProcessHandle.of(Long.parseLong(ids[0])).orElseThrow();
        long cliPid = Long.parseLong(ids[1]);
        assertTrue(launcher.info().command().orElse("").endsWith("java"),
                "the CLI's parent is not the launcher's JVM: " + launcher.info());
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(launcher.pid()))
                .inheritIO().start();
        assertEquals(0, kill.waitFor());
        tmux.waitFor("the launcher to exit", () -> pane.exitCode().isPresent());

        assertEquals(128 + number, pane.exitCode().orElseThrow());
        assertEquals("token-work-2", fixtures.storedAccessToken("work"));
        assertFalse(ProcessHandle.of(cliPid).map(ProcessHandle::isAlive).orElse(false),
                "the CLI still runs");
        assertEquals(Files.readString(pane.before()), Files.readString(pane.after()),
                "stty -g differs after the launcher exited");
    }
}
