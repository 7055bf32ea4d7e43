package launcher.core.sync;

import java.util.List;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.Identity;
import launcher.core.store.AccountStore;
import launcher.core.store.StoredAccount;

/**
 * Whose login the targets hold before a sync writes them, found by the login's identity rather
 * than by the store's record of the account last synced there, because the user may have
 * logged in with the CLI itself since.
 */
sealed interface DiskLogin {

    /**
     * A login that a sync may replace without losing anything: none, a login whose tokens are
     * blank or revoked, or one that the provider cannot identify.
     *
     * @param reason why, for debug logs, with no secret in it
     */
    record Replaceable(String reason) implements DiskLogin {
    }

    /** A login of a stored account, which a read-back can keep in that account. */
    record Managed(StoredAccount account) implements DiskLogin {
    }

    /** A login that is not stored as any account, which a sync would lose for good. */
    record Unmanaged(Identity identity) implements DiskLogin {
    }

    /** Identifies the login in {@code contents} and finds the stored account with its identity. */
    static DiskLogin of(ProviderCalls provider, AccountStore store, List<TargetContent> contents) {
        AccountSnapshot onDisk = TargetContent.snapshotOf(contents);
        boolean empty = onDisk.toMap().values().stream().allMatch(fields -> fields.isEmpty());
        if (empty) {
            return new Replaceable("the files hold no account fields");
        }

        Identity identity;
        try {
            identity = provider.identify(onDisk);
        } catch (SyncException e) {
            return new Replaceable("the provider cannot identify it: " + e.getMessage());
        }
        for (StoredAccount account : store.accounts(provider.id())) {
            if (account.identity().accountId().equals(identity.accountId())) {
                return new Managed(account);
            }
        }

        if (needsLogin(provider, onDisk)) {
            return new Replaceable("its tokens are blank or revoked");
        }
        return new Unmanaged(identity);
    }

    /**
     * Returns whether the provider reports the login's tokens as blank or revoked. A provider
     * that fails to tell counts as reporting usable tokens, so that the login is kept.
     */
    private static boolean needsLogin(ProviderCalls provider, AccountSnapshot onDisk) {
        try {
            return provider.tokenState(onDisk).needsLogin();
        } catch (SyncException e) {
            return false;
        }
    }
}
