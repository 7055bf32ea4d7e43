package launcher.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

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

    public Path worktree() {
        return worktree;
    }

    public Path workingDirectory() {
        return launcher.workingDirectory();
    }

    /** Returns the variables that point a launcher process at this fixture's folders. */
    public Map<String, String> variables() {
        return Map.of(
                "HOME", launcher.home().toString(),
                "LAUNCHER_HOME", launcher.storeRoot().toString(),
                TestCliProvider.HOME_VARIABLE, launcher.cliFolder().toString());
    }
}
