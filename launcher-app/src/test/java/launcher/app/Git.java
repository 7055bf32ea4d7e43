package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real git for tests, with a home folder of the test's own. */
public final class Git {

    private Git() {
    }

    /** Creates a repository in {@code folder} with one empty commit. */
    public static Path initRepository(Path folder, Path home)
            throws IOException, InterruptedException {
        Files.createDirectories(folder);
        run(folder, home, "init", "-q", "-b", "main");
        run(folder, home, "-c", "user.name=Test", "-c", "user.email=test@example.com",
                "commit", "-q", "--allow-empty", "-m", "Start");
        return folder;
    }

    /** Adds a worktree on a new branch, as a user would before starting the launcher. */
    public static Path addWorktree(Path repository, Path home, Path worktree, String branch)
            throws IOException, InterruptedException {
        run(repository, home, "worktree", "add", "-q", "-b", branch, worktree.toString());
        return worktree;
    }

    /** Runs git in {@code directory} and returns its output; fails the test when git fails. */
    public static String run(Path directory, Path home, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "git " + String.join(" ", arguments) + ":\n" + output);
        return output;
    }
}
