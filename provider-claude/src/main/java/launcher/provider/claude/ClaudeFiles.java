package launcher.provider.claude;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import launcher.core.spi.Environment;
import launcher.core.spi.LauncherException;
import launcher.core.spi.LockFolder;
import launcher.core.spi.Target;

/**
 * The paths of Claude Code's login files, resolved as the shipped code of Claude Code 2.1.332
 * resolves them on Linux.
 */
final class ClaudeFiles {

    static final String CREDENTIALS_TARGET = "credentials";
    static final String STATE_TARGET = "state";

    static final String CREDENTIALS_FIELD = "claudeAiOauth";
    static final String ACCOUNT_FIELD = "oauthAccount";

    static final String CONFIG_DIR_VARIABLE = "CLAUDE_CONFIG_DIR";
    static final String STORAGE_DIR_VARIABLE = "CLAUDE_SECURESTORAGE_CONFIG_DIR";
    static final String CUSTOM_OAUTH_VARIABLE = "CLAUDE_CODE_CUSTOM_OAUTH_URL";

    /*
     * Claude Code 2.1.332 refreshes a token under the refresh lock in the storage folder and,
     * inside it, under the lock folder named after the real path of the storage folder, such as
     * ~/.claude.lock. Both are stale after 60 seconds, and the CLI refreshes their modification
     * time every 5 seconds. It writes .credentials.json under the storage
     * write lock, stale after 15 seconds, and a refresh stores its new tokens that way, so it
     * takes that lock last. The credentials target declares the three in that order. The CLI
     * takes over a refresh lock whose modification time stays the same for 7.5 seconds, which
     * the core's refresh of held lock folders, at least once a second, stays well within.
     */
    private static final String REFRESH_LOCK = ".oauth_refresh.lock";
    private static final Duration REFRESH_LOCK_STALE = Duration.ofSeconds(60);
    private static final String STORAGE_WRITE_LOCK = ".storage-write.lock";
    private static final Duration STORAGE_WRITE_LOCK_STALE = Duration.ofSeconds(15);

    /** The CLI locks the state file with proper-lockfile's default stale time of 10 seconds. */
    private static final Duration STATE_LOCK_STALE = Duration.ofSeconds(10);

    private ClaudeFiles() {
    }

    /** Resolves the credentials file and the state file against an environment. */
    static List<Target> targets(Environment environment) {
        Path storageFolder = storageFolder(environment);
        List<LockFolder> credentialLocks = List.of(
                new LockFolder(storageFolder.resolve(REFRESH_LOCK), REFRESH_LOCK_STALE),
                new LockFolder(lockFolderOf(realPathIfExists(storageFolder)), REFRESH_LOCK_STALE),
                new LockFolder(
                        storageFolder.resolve(STORAGE_WRITE_LOCK), STORAGE_WRITE_LOCK_STALE));
        Target credentials = new Target(
                CREDENTIALS_TARGET,
                storageFolder.resolve(".credentials.json"),
                List.of(CREDENTIALS_FIELD),
                true,
                credentialLocks);

        Path stateFile = stateFile(environment);
        Target state = new Target(
                STATE_TARGET,
                stateFile,
                List.of(ACCOUNT_FIELD),
                false,
                List.of(new LockFolder(lockFolderOf(stateFile), STATE_LOCK_STALE)));

        return List.of(credentials, state);
    }

    /**
     * Returns the configuration folder: {@code $CLAUDE_CONFIG_DIR}, or {@code ~/.claude}.
     *
     * @throws LauncherException when {@code CLAUDE_CONFIG_DIR} is a relative path, which the CLI
     *     rejects too, or when it is a file or a path inside a file
     */
    static Path configFolder(Environment environment) {
        Optional<String> configured = environment.variable(CONFIG_DIR_VARIABLE);
        if (configured.isEmpty()) {
            return environment.home().resolve(".claude");
        }
        return Environment.absoluteFolder(CONFIG_DIR_VARIABLE, configured.get());
    }

    /**
     * Returns the folder of {@code .credentials.json}. The CLI reads
     * {@code CLAUDE_SECURESTORAGE_CONFIG_DIR} first; when that variable is set but empty it uses
     * {@code ~/.claude}, and when it is unset the configuration folder.
     */
    private static Path storageFolder(Environment environment) {
        String storage = environment.variables().get(STORAGE_DIR_VARIABLE);
        if (storage == null) {
            return configFolder(environment);
        }
        if (storage.isEmpty()) {
            return environment.home().resolve(".claude");
        }
        return Environment.absoluteFolder(STORAGE_DIR_VARIABLE, storage);
    }

    /**
     * Returns the state file. It is {@code .claude.json} in {@code $CLAUDE_CONFIG_DIR}, or in the
     * home folder when that variable is unset; with {@code CLAUDE_CODE_CUSTOM_OAUTH_URL} set the
     * CLI names it {@code .claude-custom-oauth.json}. A non-empty {@code .config.json} left in the
     * configuration folder by older versions takes precedence, as it does for the CLI.
     */
    private static Path stateFile(Environment environment) {
        Path legacy = configFolder(environment).resolve(".config.json");
        String suffix = environment.variable(CUSTOM_OAUTH_VARIABLE).isPresent()
                ? "-custom-oauth"
                : "";
        Path folder = environment.variable(CONFIG_DIR_VARIABLE).isPresent()
                ? configFolder(environment)
                : environment.home();
        Path current = folder.resolve(".claude" + suffix + ".json");

        if (usesLegacyFile(legacy, current)) {
            return legacy;
        }
        return current;
    }

    /**
     * Tells whether the CLI would keep its state in the legacy file: when it is a regular file
     * that is not empty, or when it is empty and the current file does not exist.
     */
    private static boolean usesLegacyFile(Path legacy, Path current) {
        if (!Files.isRegularFile(legacy, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return Files.size(legacy) > 0 || !Files.exists(current);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Returns the real path of a folder that exists, as the CLI names the storage folder's lock
     * after it, or the path itself when the folder does not exist yet or cannot be resolved.
     */
    private static Path realPathIfExists(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder;
        }
    }

    private static Path lockFolderOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }
}
