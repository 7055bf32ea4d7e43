package launcher.app;

import java.util.LinkedHashMap;
import java.util.Map;
import launcher.core.spi.InvalidEnvironmentException;
import launcher.core.store.StoreException;
import launcher.core.sync.SyncException;

/**
 * The exit codes of {@code launcher}, and the one place that maps failures to them. When the
 * launcher starts a CLI, it exits with the CLI's own exit code instead, which may collide with
 * these.
 */
public final class ExitCodes {

    /** The command succeeded. */
    public static final int OK = 0;

    /** An unexpected failure, or a failure outside the categories below, such as a git error. */
    public static final int FAILURE = 1;

    /**
     * Invalid input: an unknown option, provider, account or worktree on the command line, or an
     * invalid environment variable such as a relative {@code LAUNCHER_HOME}.
     */
    public static final int USAGE = 2;

    /** A sync or read-back stopped; the CLI's files are as they were before it started. */
    public static final int SYNC_FAILED = 3;

    /** The CLI's executable was not found, or could not be started. */
    public static final int CLI_NOT_FOUND = 4;

    /** The account store could not be read or written, or its lock was held too long. */
    public static final int STORE_FAILED = 5;

    /** At least one provider, module or plugin jar failed to load. */
    public static final int PROVIDER_LOAD_FAILED = 6;

    /** Returns the rows of the "Exit codes" section of {@code --help}, by code. */
    public static Map<String, String> helpList() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put(Integer.toString(OK),
                "Success, or the CLI's own exit code when a CLI was started");
        rows.put(Integer.toString(FAILURE), "An unexpected failure, such as a failed git command");
        rows.put(Integer.toString(USAGE),
                "Invalid input: an unknown option, provider, account or worktree");
        rows.put(Integer.toString(SYNC_FAILED),
                "A sync or read-back failed, and the CLI's files were left as they were");
        rows.put(Integer.toString(CLI_NOT_FOUND),
                "The CLI's executable was not found or could not be started");
        rows.put(Integer.toString(STORE_FAILED),
                "The account store could not be read or written, or its lock timed out");
        rows.put(Integer.toString(PROVIDER_LOAD_FAILED),
                "A provider or plugin jar failed to load (see 'launcher providers')");
        rows.put("128+N", "The CLI was ended by signal N");
        return rows;
    }

    private ExitCodes() {
    }

    /** Returns the exit code for a failure that a command raised. */
    public static int of(Throwable failure) {
        return switch (failure) {
            case UsageException e -> USAGE;
            case InvalidEnvironmentException e -> USAGE;
            // The engine wraps what a provider throws, so the cause shows an invalid variable.
            case SyncException e when e.getCause() instanceof InvalidEnvironmentException -> USAGE;
            case CliNotFoundException e -> CLI_NOT_FOUND;
            case ProviderLoadException e -> PROVIDER_LOAD_FAILED;
            case StoreException e -> STORE_FAILED;
            case SyncException e -> SYNC_FAILED;
            case OutOfMemoryError e -> FAILURE;
            default -> FAILURE;
        };
    }

    /** Returns the exit code of a process that a signal ended, as shells report it. */
    public static int ofSignal(int signal) {
        return 128 + signal;
    }
}
