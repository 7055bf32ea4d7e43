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

    /**
     * The CLI takes this lock folder in the storage folder for the whole of a token refresh,
     * from reading the refresh token to writing the new tokens, and refreshes its modification
     * time every 5 seconds while it holds it.
     *
     * <p>NOTE: the CLI also writes {@code .credentials.json} under {@code .storage-write.lock}
     * (stale after 15 seconds), and during a refresh also takes {@code <storage folder>.lock}.
     * A target declares one lock, so a sync excludes refreshes but not other credential writes.
     */
    private static final String REFRESH_LOCK = ".oauth_refresh.lock";
    private static final Duration REFRESH_LOCK_STALE = Duration.ofSeconds(60);

    /** The CLI locks the state file with proper-lockfile's default stale time of 10 seconds. */
    private static final Duration STATE_LOCK_STALE = Duration.ofSeconds(10);

    private ClaudeFiles() {
    }

    /** Resolves the credentials file and the state file against an environment. */
    static List<Target> targets(Environment environment) {
        Path storageFolder = storageFolder(environment);
        LockFolder refreshLock =
                new LockFolder(storageFolder.resolve(REFRESH_LOCK), REFRESH_LOCK_STALE);
        Target credentials = new Target(
                CREDENTIALS_TARGET,
                storageFolder.resolve(".credentials.json"),
                List.of(CREDENTIALS_FIELD),
                true,
                Optional.of(refreshLock));

        Path stateFile = stateFile(environment);
        Target state = new Target(
                STATE_TARGET,
                stateFile,
                List.of(ACCOUNT_FIELD),
                false,
                Optional.of(new LockFolder(lockFolderOf(stateFile), STATE_LOCK_STALE)));

        return List.of(credentials, state);
    }

    /**
     * Returns the configuration folder: {@code $CLAUDE_CONFIG_DIR}, or {@code ~/.claude}.
     *
     * @throws LauncherException when {@code CLAUDE_CONFIG_DIR} is a relative path, which the CLI
     *     rejects too
     */
    static Path configFolder(Environment environment) {
        Optional<String> configured = environment.variable(CONFIG_DIR_VARIABLE);
        if (configured.isEmpty()) {
            return environment.home().resolve(".claude");
        }
        return absoluteFolder(CONFIG_DIR_VARIABLE, configured.get());
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
        return absoluteFolder(STORAGE_DIR_VARIABLE, storage);
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

    private static Path lockFolderOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    private static Path absoluteFolder(String variable, String value) {
        Path folder = Path.of(value);
        if (!folder.isAbsolute()) {
            throw new LauncherException(
                    variable + " is not an absolute path: " + value,
                    "Set " + variable + " to an absolute path, as Claude Code requires.");
        }
        return folder.normalize();
    }
}
