package launcher.app.command;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import launcher.app.UsageException;
import launcher.core.spi.Environment;
import launcher.core.spi.LauncherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks the worktree that a CLI starts in, and creates it with {@code git worktree add}. */
final class Worktrees {

    private static final Logger LOG = LoggerFactory.getLogger(Worktrees.class);

    private Worktrees() {
    }

    /**
     * Returns the worktree directory, creating it from the repository in {@code repository}
     * when it is missing and {@code branch} is given.
     *
     * @throws UsageException when the path is a file, or missing without a branch
     * @throws LauncherException when {@code git worktree add} fails
     */
    static Path prepare(
            Path worktree, Optional<String> branch, Path repository, Environment environment) {
        if (Files.isDirectory(worktree)) {
            return worktree;
        }
        if (Files.exists(worktree)) {
            throw new UsageException("worktree " + worktree + " is a file, not a directory.",
                    "Pass the directory of a git worktree with --worktree.");
        }
        if (branch.isEmpty()) {
            throw new UsageException("worktree " + worktree + " does not exist.",
                    "Create it with 'git worktree add -b BRANCH " + worktree + "' in the"
                            + " repository, or pass --branch BRANCH to let launcher create it.");
        }

        GitResult result = git(repository, environment,
                "worktree", "add", "-b", branch.get(), worktree.toString());
        if (result.exitCode() != 0) {
            throw new LauncherException("'git worktree add -b " + branch.get() + " " + worktree
                    + "' in " + repository + " failed: " + result.errorLine() + ".",
                    "Run launcher from inside the repository, and pick a branch name that does"
                            + " not exist yet.");
        }
        LOG.debug("Created worktree {} on branch {}", worktree, branch.get());
        return worktree;
    }

    /**
     * Returns whether {@code directory} is inside a git work tree, or empty when git cannot be
     * run to find out.
     */
    static Optional<Boolean> isInsideWorkTree(Path directory, Environment environment) {
        try {
            GitResult result = git(directory, environment, "rev-parse", "--is-inside-work-tree");
            return Optional.of(result.exitCode() == 0 && result.output().strip().equals("true"));
        } catch (LauncherException e) {
            LOG.debug("Cannot run git in {}: {}", directory, e.getMessage());
            return Optional.empty();
        }
    }

    private record GitResult(int exitCode, String output) {

        /**
         * Returns git's first {@code fatal:} or {@code error:} line, without a final full stop.
         * Without one, returns its first line, because progress lines such as {@code Preparing
         * worktree} come before the error. Returns the exit code when git printed nothing.
         */
        String errorLine() {
            List<String> lines = output.strip().lines().map(String::strip).toList();
            String line = lines.stream()
                    .filter(text -> text.startsWith("fatal:") || text.startsWith("error:"))
                    .findFirst()
                    .orElse(lines.isEmpty() ? "" : lines.getFirst());
            return line.isEmpty() ? "exit code " + exitCode : line.replaceAll("[.]$", "");
        }
    }

    private static GitResult git(Path directory, Environment environment, String... arguments) {
        Path git = Executables.find("git", environment, directory)
                .orElseThrow(() -> new LauncherException("git was not found on PATH.",
                        "Install git, or add the folder that contains it to PATH."));
        List<String> command = new ArrayList<>(List.of(git.toString(), "-C", directory.toString()));
        command.addAll(List.of(arguments));

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment.variables());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] bytes = process.getInputStream().readAllBytes();
            String output = new String(bytes, StandardCharsets.UTF_8);
            return new GitResult(process.waitFor(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while git was running.", null,
                    new InterruptedIOException());
        } catch (IOException e) {
            throw new LauncherException("git cannot be started: " + e.getMessage() + ".",
                    "Check that " + git + " is an executable git.", e);
        }
    }
}
