package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script of {@code launcher completion}, run by the real bash. */
class CompletionTests {

    @TempDir
    Path root;

    LauncherRun launcher;
    Path script;
    Path bin;

    @BeforeEach
    void writeScript() throws IOException {
        launcher = new LauncherRun(root);
        LauncherRun.Result result = launcher.run("completion");
        assertEquals(0, result.exitCode(), result.both());
        script = Files.writeString(root.resolve("launcher.bash"), result.out());
    }

    /**
     * Puts a {@code launcher} on the PATH of the completion that runs this module's
     * {@code Main} in a child JVM, so that the script can ask it for account names.
     */
    @BeforeEach
    void writeLauncherCommand() throws IOException {
        bin = Files.createDirectories(root.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path command = Files.writeString(bin.resolve("launcher"), "#!/bin/sh\n"
                + "exec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
                + TerminalFixtures.classPath() + "' launcher.app.Main \"$@\"\n");
        assertTrue(command.toFile().setExecutable(true));
    }

    /**
     * Completes the last of {@code words} as bash would after the user typed them, in
     * {@code root}, and returns the completions sorted.
     */
    private List<String> complete(String... words) throws IOException, InterruptedException {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append(" '").append(word).append('\'');
        }
        String program = "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "_launcher\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\" | sort\n";
        ProcessBuilder builder = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program)
                .directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("HOME", launcher.home().toString());
        builder.environment().put("LAUNCHER_HOME", launcher.storeRoot().toString());
        builder.environment().put(TestCliProvider.HOME_VARIABLE, launcher.cliFolder().toString());
        Process bash = builder.start();
        bash.getOutputStream().close();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), output);
        List<String> completions = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isEmpty()) {
                completions.add(line);
            }
        }
        return completions;
    }

    @Test
    void registersFunction() throws IOException {
        String text = Files.readString(script);

        assertTrue(text.contains("\ncomplete -F _launcher launcher\n"), text);
    }

    @Test
    void completesCommands() throws Exception {
        assertEquals(List.of("accounts"), complete("launcher", "acc"));
        assertEquals(List.of("default", "import", "list", "remove"),
                complete("launcher", "accounts", ""));
        assertEquals(List.of("status", "sync"), complete("launcher", "--verbose", "s"));
    }

    @Test
    void completesOptionsOfNamedCommand() throws Exception {
        assertEquals(List.of("--dry-run"), complete("launcher", "sync", "--dr"));
        assertEquals(List.of("--provider", "--provider-path"),
                complete("launcher", "accounts", "import", "--prov"));
        assertEquals(List.of("--worktree"), complete("launcher", "--work"));
    }

    @Test
    void skipsOptionValues() throws Exception {
        assertEquals(List.of("--account"), complete("launcher", "--account", "sync", "--acc"));
    }

    @Test
    void completesPathValues() throws Exception {
        Files.createDirectories(root.resolve("worktree-a"));
        Files.writeString(root.resolve("worktree-file"), "");

        assertEquals(List.of("worktree-a"), complete("launcher", "--provider-path", "worktree"));
        assertEquals(List.of("worktree-a", "worktree-file"),
                complete("launcher", "--executable", "worktree"));
    }

    @Test
    void completesProviderIds() throws Exception {
        assertEquals(List.of("testcli"), complete("launcher", "--provider", "test"));
        assertEquals(List.of("testcli"),
                complete("launcher", "accounts", "list", "--provider", "=", "t"));
        assertEquals(List.of(), complete("launcher", "--provider", "x"));
    }

    @Test
    void completesAccountNamesOfGivenProvider() throws Exception {
        StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");
        StoredAccounts.put(launcher.storeRoot(), "home", "alice@home.example", "token-home");

        assertEquals(List.of("home", "work"),
                complete("launcher", "sync", "--provider", "testcli", "--account", ""));
        assertEquals(List.of("work"), complete("launcher", "accounts", "remove",
                "--provider", "=", "testcli", "--name", "w"));
        assertEquals(List.of("home"), complete("launcher", "accounts", "default",
                "--provider", "testcli", "--name", "h"));
        assertEquals(List.of("home", "work"), complete("launcher", "--account", ""));
    }

    @Test
    void leavesNewImportNameAlone() throws Exception {
        StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");

        assertEquals(List.of(), complete("launcher", "accounts", "import", "--provider",
                "testcli", "--name", ""));
    }

    @Test
    void completesNoAccountNamesQuietly() throws Exception {
        assertEquals(List.of(), complete("launcher", "--account", ""));
        assertFalse(Files.exists(launcher.storeRoot()), "completion created the store");

        StoredAccounts.put(launcher.storeRoot(), "work", "alice@example.com", "token-work");
        assertEquals(List.of(), complete("launcher", "sync", "--provider", "nope", "--account",
                ""));

        Files.writeString(launcher.storeRoot().resolve("accounts").resolve("testcli.json"),
                "{ not json");
        assertEquals(List.of(), complete("launcher", "sync", "--account", ""));
    }

    @Test
    void completesValueAfterEqualsSign() throws Exception {
        Files.createDirectories(root.resolve("worktree-a"));

        assertEquals(List.of("worktree-a"), complete("launcher", "--worktree", "=", "worktree"));
        assertEquals(List.of("--force"),
                complete("launcher", "--worktree", "=", "worktree-a", "--fo"));
    }

    @Test
    void completesFilesAfterDoubleDash() throws Exception {
        Files.writeString(root.resolve("notes.txt"), "");

        assertEquals(List.of("notes.txt"), complete("launcher", "--", "sync", "no"));
    }
}
