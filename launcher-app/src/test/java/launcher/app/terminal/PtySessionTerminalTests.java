package launcher.app.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pty session in a real terminal: a tmux pane, with raw mode, resizing and signals. */
class PtySessionTerminalTests {

    @TempDir
    Path folder;

    Tmux tmux;
    PaneScripts pane;
    Path directory;

    @BeforeEach
    void startTmux() throws IOException {
        tmux = Tmux.start();
        pane = new PaneScripts(folder);
        directory = Files.createDirectories(folder.resolve("work dir"));
    }

    @AfterEach
    void stopTmux() throws IOException, InterruptedException {
        if (tmux != null) {
            tmux.close();
        }
    }

    private void start(Path child) throws IOException, InterruptedException {
        Path script = pane.javaMain(directory, PtySessionMain.class.getName(), List.of(
                folder.resolve("interrupted").toString(), directory.toString(), child.toString()));
        tmux.open(100, 30, script);
    }

    private int awaitExitCode() throws IOException, InterruptedException {
        tmux.waitFor("the launcher to exit", () -> pane.exitCode().isPresent());
        return pane.exitCode().orElseThrow();
    }

    private void assertTerminalRestored() throws IOException {
        assertEquals(Files.readString(pane.before()), Files.readString(pane.after()),
                "stty -g differs after the session");
    }

    @Nested
    class WhenChildRunsToEnd {

        @Test
        void childSeesTerminalSizeAndInput() throws IOException, InterruptedException {
            Path child = pane.executable("child.sh", """
                    if [ -t 0 ] && [ -t 1 ]; then echo "CHILD-TTY yes"; else echo "CHILD-TTY no"; fi
                    # pty4j sets the size just after the start, so wait for it.
                    while [ "$(stty size)" = "0 0" ]; do sleep 0.05; done
                    echo "CHILD-DIR $(pwd -P)"
                    echo "CHILD-SIZE $(stty size)"
                    initial=$(stty size)
                    echo "CHILD-READY"
                    while [ "$(stty size)" = "$initial" ]; do sleep 0.1; done
                    echo "CHILD-RESIZED $(stty size)"
                    read line
                    echo "CHILD-GOT [$line]"
                    exit 42
                    """);

            start(child);
            tmux.waitForScreen("CHILD-READY");
            String first = tmux.screen();
            tmux.resize(120, 40);
            tmux.waitForScreen("CHILD-RESIZED 40 120");
            tmux.sendKeys("hello world", "Enter");
            int exitCode = awaitExitCode();

            assertTrue(first.contains("CHILD-TTY yes"), first);
            assertTrue(first.contains("CHILD-DIR " + directory.toRealPath()), first);
            assertTrue(first.contains("CHILD-SIZE 30 100"), first);
            assertTrue(tmux.screen().contains("CHILD-GOT [hello world]"), tmux.screen());
            assertEquals(42, exitCode);
            assertTerminalRestored();
        }

        @Test
        void ctrlCReachesOnlyChild() throws IOException, InterruptedException {
            Path child = pane.executable("child.sh", """
                    trap 'echo CHILD-INTERRUPTED; exit 77' INT
                    echo "CHILD-READY"
                    while :; do sleep 0.1; done
                    """);

            start(child);
            tmux.waitForScreen("CHILD-READY");
            tmux.sendKeys("C-c");
            int exitCode = awaitExitCode();

            assertTrue(tmux.screen().contains("CHILD-INTERRUPTED"), tmux.screen());
            assertEquals(77, exitCode);
            assertFalse(Files.exists(folder.resolve("interrupted")),
                    "the launcher was interrupted");
            assertTerminalRestored();
        }
    }

    @Nested
    class WhenLauncherIsTerminated {

        @Test
        void endsChildAndRestoresTerminal() throws IOException, InterruptedException {
            Path pids = folder.resolve("pids.txt");
            Path child = pane.executable("child.sh", """
                    echo "$PPID $$" > '%s'
                    echo "CHILD-READY"
                    while :; do sleep 0.1; done
                    """.formatted(pids));

            start(child);
            tmux.waitForScreen("CHILD-READY");
            String[] ids = Files.readString(pids).strip().split(" ");
            ProcessHandle launcher = ProcessHandle.of(Long.parseLong(ids[0])).orElseThrow();
            long childPid = Long.parseLong(ids[1]);
            assertTrue(launcher.info().command().orElse("").endsWith("java"),
                    "the child's parent is not the launcher's JVM: " + launcher.info());
            launcher.destroy();
            int exitCode = awaitExitCode();

            assertEquals(128 + 15, exitCode);
            assertTrue(Files.exists(folder.resolve("interrupted")),
                    "the interrupt action did not run");
            assertFalse(ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false),
                    "the child still runs");
            assertTerminalRestored();
        }
    }
}
