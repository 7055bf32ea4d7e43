package launcher.app.command;

import java.io.BufferedReader;
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
     * Returns whether {@code directory} is inside a git work tree, found on the file system the
     * way git discovers a repository, without starting git. From the directory's real path up
     * to the root, the first folder that either contains a {@code .git} entry or is itself a
     * git directory decides:
     * <ul>
     *   <li>a {@code .git} folder that contains {@code HEAD}: inside a work tree;
     *   <li>a {@code .git} file whose first line is {@code gitdir: PATH}, with {@code PATH}
     *       (relative to the file's folder) a folder that contains {@code HEAD}, as
     *       {@code git worktree add} and submodules write it: inside a work tree;
     *   <li>any other {@code .git} entry, such as a broken {@code gitdir:} file: not inside,
     *       because git stops there with an error too;
     *   <li>a folder that contains {@code HEAD}, {@code objects} and {@code refs}, such as a
     *       {@code .git} folder or a bare repository: not inside.
     * </ul>
     * NOTE: git also reads {@code GIT_DIR}, {@code GIT_WORK_TREE} and
     * {@code GIT_CEILING_DIRECTORIES}, and stops at file system boundaries, which this check
     * ignores. The result only decides whether a warning is printed.
     */
    static boolean isInsideWorkTree(Path directory) {
        Path folder;
        try {
            folder = directory.toRealPath();
        } catch (IOException e) {
            LOG.debug("Cannot resolve {}: {}", directory, e.toString());
            return false;
        }
        for (; folder != null; folder = folder.getParent()) {
            Path dotGit = folder.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return Files.isRegularFile(dotGit.resolve("HEAD"));
            }
            if (Files.exists(dotGit)) {
                return namesGitDirectory(dotGit);
            }
            if (isGitDirectory(folder)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Returns whether the first line of a {@code .git} file is {@code gitdir: PATH} with
     * {@code PATH} a folder that contains {@code HEAD}.
     */
    private static boolean namesGitDirectory(Path gitFile) {
        String firstLine;
        try (BufferedReader reader = Files.newBufferedReader(gitFile, StandardCharsets.UTF_8)) {
            firstLine = reader.readLine();
        } catch (IOException e) {
            LOG.debug("Cannot read {}: {}", gitFile, e.toString());
            return false;
        }
        String prefix = "gitdir:";
        if (firstLine == null || !firstLine.startsWith(prefix)) {
            return false;
        }
        String target = firstLine.substring(prefix.length()).strip();
        return !target.isEmpty()
                && Files.isRegularFile(gitFile.getParent().resolve(target).resolve("HEAD"));
    }

    /** Returns whether {@code folder} is a git directory itself, as git recognises one. */
    private static boolean isGitDirectory(Path folder) {
        return Files.isRegularFile(folder.resolve("HEAD"))
                && Files.isDirectory(folder.resolve("objects"))
                && Files.isDirectory(folder.resolve("refs"));
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
