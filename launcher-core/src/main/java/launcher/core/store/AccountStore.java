package launcher.core.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import launcher.core.spi.Environment;

/**
 * The launcher's own record of managed accounts, one file per provider under {@link #root()}.
 *
 * <p>TODO: the bodies below are the agreed API only; the implementation follows.
 */
public final class AccountStore {

    private final Path root;

    /** Opens the store at {@code root}, which is created on the first write. */
    public AccountStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Returns the store folder for an environment: {@code $LAUNCHER_HOME} when set; else
     * {@code $XDG_CONFIG_HOME/launcher} or {@code ~/.config/launcher} on Linux,
     * {@code ~/Library/Application Support/launcher} on macOS and {@code %APPDATA%\launcher} on
     * Windows.
     */
    public static Path defaultRoot(Environment environment) {
        throw new UnsupportedOperationException();
    }

    /** Returns the store folder. */
    public Path root() {
        return root;
    }

    /** Returns the plugin folder, {@code providers/} under the store folder. */
    public Path pluginFolder() {
        return root.resolve("providers");
    }

    /** Returns a provider's accounts, ordered by name. */
    public List<StoredAccount> accounts(String providerId) {
        throw new UnsupportedOperationException();
    }

    /** Returns one account. */
    public Optional<StoredAccount> account(String providerId, String name) {
        throw new UnsupportedOperationException();
    }

    /** Returns the name of the provider's default account, if one is set. */
    public Optional<String> defaultAccount(String providerId) {
        throw new UnsupportedOperationException();
    }

    /** Makes an existing account the provider's default. */
    public void setDefaultAccount(String providerId, String name) {
        throw new UnsupportedOperationException();
    }

    /** Adds or replaces an account. The first account of a provider becomes its default. */
    public void putAccount(String providerId, StoredAccount account) {
        throw new UnsupportedOperationException();
    }

    /** Removes an account locally; returns false when there was none of that name. */
    public boolean removeAccount(String providerId, String name) {
        throw new UnsupportedOperationException();
    }

    /** Returns, for each target id, the name of the account that was last synced into it. */
    public Map<String, String> liveAccounts(String providerId) {
        throw new UnsupportedOperationException();
    }

    /**
     * Takes the cross-process lock of a provider's accounts, waiting at most {@code timeout}.
     *
     * @throws StoreException when the lock is still held by another process after the timeout
     */
    public StoreLock lock(String providerId, Duration timeout) {
        throw new UnsupportedOperationException();
    }
}
