package launcher.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import launcher.app.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check whether a folder is inside a git work tree, against repositories that the real git
 * made. Each case also runs {@code git rev-parse --is-inside-work-tree}, so a difference from
 * git fails the test.
 */
class WorktreesTests {

    @TempDir
    Path root;

    Path home;
    Path repository;

    @BeforeEach
    void createRepository() throws IOException, InterruptedException {
        home = Files.createDirectories(root.resolve("home"));
        repository = Git.initRepository(root.resolve("repo"), home);
    }

    /** Returns what {@code git rev-parse --is-inside-work-tree} prints, or its error. */
    private String gitAnswer(Path directory) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("git", "-C", directory.toString(),
                "rev-parse", "--is-inside-work-tree")).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CEILING_DIRECTORIES", root.getParent().toString());
        builder.environment().remove("GIT_DIR");
        builder.environment().remove("GIT_WORK_TREE");
        Process git = builder.start();
        git.getOutputStream().close();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return git.waitFor() == 0 ? output.strip() : "error: " + output.strip();
    }

    private void assertInside(Path directory) throws IOException, InterruptedException {
        assertEquals("true", gitAnswer(directory), "git disagrees about " + directory);
        assertTrue(Worktrees.isInsideWorkTree(directory), directory.toString());
    }

    private void assertOutside(Path directory) throws IOException, InterruptedException {
        assertFalse(gitAnswer(directory).equals("true"), "git disagrees about " + directory);
        assertFalse(Worktrees.isInsideWorkTree(directory), directory.toString());
    }

    @Test
    void findsMainWorkTree() throws Exception {
        assertInside(repository);
        assertInside(Files.createDirectories(repository.resolve("src/main")));
    }

    @Test
    void findsAddedWorktree() throws Exception {
        Path worktree = Git.addWorktree(repository, home, root.resolve("wt"), "feature");

        assertTrue(Files.isRegularFile(worktree.resolve(".git")), "git wrote no .git file");
        assertInside(worktree);
        assertInside(Files.createDirectories(worktree.resolve("deep/er")));
    }

    @Test
    void followsRelativeGitdir() throws Exception {
        Path worktree = Git.addWorktree(repository, home, root.resolve("wt"), "feature");
        Files.writeString(worktree.resolve(".git"), "gitdir: ../repo/.git/worktrees/wt\n");

        assertInside(worktree);
    }

    @Test
    void rejectsPlainFolder() throws Exception {
        assertOutside(Files.createDirectories(root.resolve("plain/sub")));
    }

    @Test
    void rejectsFolderInsideGitDirectory() throws Exception {
        assertOutside(repository.resolve(".git"));
        assertOutside(repository.resolve(".git/refs"));
    }

    @Test
    void rejectsFolderInsideWorktreeGitDirectory() throws Exception {
        Git.addWorktree(repository, home, root.resolve("wt"), "feature");

        assertOutside(repository.resolve(".git/worktrees/wt"));
    }

    @Test
    void rejectsBrokenGitdirFile() throws Exception {
        Path folder = Files.createDirectories(root.resolve("broken"));
        Files.writeString(folder.resolve(".git"), "gitdir: " + root.resolve("gone") + "\n");

        assertOutside(folder);
    }

    @Test
    void rejectsGitFileWithoutGitdirLine() throws Exception {
        Path folder = Files.createDirectories(root.resolve("odd"));
        Files.writeString(folder.resolve(".git"), "not a git file\n");

        assertOutside(folder);
    }

    @Test
    void rejectsMissingFolder() {
        assertFalse(Worktrees.isInsideWorkTree(root.resolve("missing")));
    }
}
