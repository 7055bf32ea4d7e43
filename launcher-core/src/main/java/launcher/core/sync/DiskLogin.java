package launcher.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import launcher.core.json.JsonValues;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.Identity;
import launcher.core.spi.ReadBack;
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
     * blank or revoked, or one that the provider cannot identify but that contains no secrets,
     * contains the secrets of a stored account or that the read-back of the live account
     * recognises.
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

    /**
     * A login that the provider cannot identify and that no stored account contains, which a
     * sync would lose for good.
     *
     * @param reason the provider's message about what the login lacks, with no secret in it
     */
    record Unidentified(String reason) implements DiskLogin {
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
            return ofUnidentified(provider, store, contents, e.getMessage());
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
     * Classifies a login that the provider cannot identify. It is replaceable when its secret
     * files have no account fields or its tokens are blank or revoked. It is also replaceable
     * when its secrets equal a stored account's, as the launcher last wrote them, or when the
     * read-back of an account last synced there recognises it, as after a CLI refresh.
     */
    private static DiskLogin ofUnidentified(
            ProviderCalls provider, AccountStore store, List<TargetContent> contents,
            String reason) {
        boolean noSecrets = contents.stream().noneMatch(
                content -> content.target().secret() && !content.accountFields().isEmpty());
        if (noSecrets) {
            return new Replaceable("the provider cannot identify it and its secret files hold"
                    + " no account fields");
        }
        if (needsLogin(provider, TargetContent.snapshotOf(contents))) {
            return new Replaceable("the provider cannot identify it and its tokens are blank or"
                    + " revoked");
        }
        List<StoredAccount> accounts = store.accounts(provider.id());
        List<String> owners = accountsWithSecretsOf(accounts, contents);
        if (!owners.isEmpty()) {
            return new Replaceable("it contains the secrets of account " + owners.getFirst());
        }

        Map<String, List<TargetContent>> groups = ReadBackStep.groupByAccount(
                store.liveAccounts(provider.id(), TargetContent.targetsOf(contents)), contents,
                Optional.empty());
        for (Map.Entry<String, List<TargetContent>> group : groups.entrySet()) {
            Optional<StoredAccount> stored = store.account(provider.id(), group.getKey());
            if (stored.isPresent() && recognises(provider, stored.get(), group.getValue())) {
                return new Replaceable("the read-back of account " + group.getKey()
                        + " recognises it");
            }
        }
        return new Unidentified(reason);
    }

    /**
     * Returns whether the provider takes the login in {@code group} for one of
     * {@code account}, whether it is as stored, newer, older or blanked. A provider that fails
     * to tell counts as not recognising it, so that the login is kept.
     */
    private static boolean recognises(
            ProviderCalls provider, StoredAccount account, List<TargetContent> group) {
        try {
            ReadBack decision = provider.readBack(
                    account.snapshot(), TargetContent.snapshotOf(group));
            return decision.decision() != ReadBack.Decision.OTHER_ACCOUNT;
        } catch (SyncException e) {
            return false;
        }
    }

    /**
     * Returns the names of the accounts whose stored fields equal, in every secret target of
     * {@code contents} that has account fields, the fields on disk. Returns an empty list when
     * no secret target has account fields. Two logins never share their secrets, so such an
     * account is the one whose tokens the files contain.
     */
    static List<String> accountsWithSecretsOf(
            List<StoredAccount> accounts, List<TargetContent> contents) {
        List<TargetContent> secrets = new ArrayList<>();
        for (TargetContent content : contents) {
            if (content.target().secret() && !content.accountFields().isEmpty()) {
                secrets.add(content);
            }
        }
        List<String> names = new ArrayList<>();
        if (secrets.isEmpty()) {
            return names;
        }
        for (StoredAccount account : accounts) {
            boolean same = true;
            for (TargetContent secret : secrets) {
                String id = secret.target().id();
                same &= JsonValues.equivalent(account.snapshot().fields(id),
                        secret.accountFields());
            }
            if (same) {
                names.add(account.name());
            }
        }
        return names;
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
