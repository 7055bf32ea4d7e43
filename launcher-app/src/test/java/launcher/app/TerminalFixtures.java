package launcher.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import launcher.app.pty.PtySession;
import launcher.core.store.AccountStore;
import launcher.core.store.StoreLock;

/**
 * Folders for a launcher that a test starts as a separate process: an imported test CLI
 * account and a git worktree, with the environment variables that point the launcher at them.
 */
public final class TerminalFixtures {

    private final LauncherRun launcher;
    private final Path worktree;

    private TerminalFixtures(LauncherRun launcher, Path worktree) {
        this.launcher = launcher;
        this.worktree = worktree;
    }

    /** Imports account {@code work} of the test CLI and adds a worktree on branch {@code task}. */
    public static TerminalFixtures withAccountAndWorktree(Path root)
            throws IOException, InterruptedException {
        LauncherRun launcher = new LauncherRun(root);
        launcher.logIn("id-work", "alice@work.example", "token-work-1", 1_000L);
        launcher.importAccount("work");

        Path repository = Git.initRepository(root.resolve("repo"), launcher.home());
        Path worktree = Git.addWorktree(repository, launcher.home(), root.resolve("task"), "task");
        return new TerminalFixtures(launcher, worktree);
    }

    /**
     * Returns the JVM option that passes on the folder of pty4j's native library, which the
     * build unpacks. A child JVM then extracts no copy of its own. Returns none when unset.
     */
    public static List<String> nativeFolderOptions() {
        String property = PtySession.NATIVE_FOLDER_PROPERTY;
        String folder = System.getProperty(property);
        return folder == null ? List.of() : List.of("-D" + property + "=" + folder);
    }

    /** Returns this module's classes, test classes and runtime dependencies, as a class path. */
    public static String classPath() throws IOException {
        Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
        String dependencies = Files.readString(target.resolve("runtime-module-path.txt")).strip();
        return String.join(File.pathSeparator,
                target.resolve("classes").toString(),
                target.resolve("test-classes").toString(),
                dependencies);
    }

    public Path worktree() {
        return worktree;
    }

    public Path workingDirectory() {
        return launcher.workingDirectory();
    }

    /** Returns the access token stored for an account of the test CLI. */
    public String storedAccessToken(String account) {
        return new AccountStore(launcher.storeRoot()).account("testcli", account).orElseThrow()
                .snapshot().field("auth", "login").orElseThrow().get("accessToken").asText();
    }

    /**
     * Takes the store's lock of the test CLI, as another launcher's sync would, so that a
     * launcher process waits for it before its read-back.
     */
    public StoreLock lockStore() {
        return new AccountStore(launcher.storeRoot()).lock("testcli", Duration.ofSeconds(10));
    }

    /** Returns the variables that point a launcher process at this fixture's folders. */
    public Map<String, String> variables() {
        return Map.of(
                "HOME", launcher.home().toString(),
                "LAUNCHER_HOME", launcher.storeRoot().toString(),
                TestCliProvider.HOME_VARIABLE, launcher.cliFolder().toString());
    }
}
