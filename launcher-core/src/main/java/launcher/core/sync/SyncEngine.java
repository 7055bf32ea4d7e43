package launcher.core.sync;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import launcher.core.spi.CredentialProvider;
import launcher.core.spi.Environment;
import launcher.core.store.AccountStore;
import launcher.core.store.StoredAccount;

/**
 * Puts a stored account into a provider's files, and reads refreshed logins back into the
 * store.
 *
 * <p>TODO: the bodies below are the agreed API only; the implementation follows.
 */
public final class SyncEngine {

    private final AccountStore store;
    private final Duration lockTimeout;

    /** Creates an engine that waits at most {@code lockTimeout} for the store's lock. */
    public SyncEngine(AccountStore store, Duration lockTimeout) {
        this.store = store;
        this.lockTimeout = lockTimeout;
    }

    /**
     * Reads back the login that is live in the targets, then makes the targets hold
     * {@code accountName}. With {@code dryRun} nothing is written and the report says what would
     * change.
     *
     * @throws SyncException when a target cannot be read, merged or written; nothing is changed
     */
    public SyncReport sync(
            CredentialProvider provider, Environment environment, String accountName, boolean dryRun) {
        throw new UnsupportedOperationException();
    }

    /** Stores a login that the CLI refreshed in the targets, as after the CLI exits. */
    public SyncReport readBack(CredentialProvider provider, Environment environment) {
        throw new UnsupportedOperationException();
    }

    /**
     * Captures the login in the live targets, or in {@code folder} laid out like the CLI's
     * configuration folder, and stores it as {@code accountName}.
     */
    public StoredAccount importAccount(
            CredentialProvider provider, Environment environment, String accountName,
            Optional<Path> folder) {
        throw new UnsupportedOperationException();
    }

    /** Describes the targets for {@code launcher status}. */
    public StatusReport status(CredentialProvider provider, Environment environment) {
        throw new UnsupportedOperationException();
    }
}
