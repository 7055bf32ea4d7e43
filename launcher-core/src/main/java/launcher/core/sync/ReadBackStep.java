package launcher.core.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import launcher.core.json.JsonValues;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.ReadBack;
import launcher.core.store.AccountStore;
import launcher.core.store.StoredAccount;
import launcher.core.sync.TargetReport.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the targets with the accounts that were last synced into them and stores the logins
 * that the CLI refreshed since.
 */
final class ReadBackStep {

    private static final Logger LOG = LoggerFactory.getLogger(ReadBackStep.class);

    private final AccountStore store;
    private final Clock clock;

    ReadBackStep(AccountStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The result of a read-back.
     *
     * @param live for each target id, the account last synced into it
     * @param decisions the provider's decision for each live account that is still stored
     * @param refreshed the accounts whose snapshot was updated from disk, by name
     * @param reports a {@link Action#READ_BACK} report for each target whose fields were adopted
     * @param warnings sentences for the user
     */
    record Outcome(
            Map<String, String> live, Map<String, ReadBack> decisions,
            Map<String, StoredAccount> refreshed, List<TargetReport> reports,
            List<String> warnings) {

        /** Returns the outcome of a read-back that was skipped, with {@code warning} for it. */
        static Outcome skipped(Map<String, String> live, String warning) {
            return new Outcome(live, Map.of(), Map.of(), List.of(), List.of(warning));
        }
    }

    /**
     * Asks the provider about each live account and, when {@code save} is set, stores the
     * logins that it adopts. Without {@code save} the outcome lists what would be stored.
     */
    Outcome run(ProviderCalls provider, List<TargetContent> contents, boolean save) {
        return run(provider, contents, Optional.empty(), save);
    }

    /**
     * Reads back like {@link #run(ProviderCalls, List, boolean)}, but when {@code owner} is
     * present, compares every target with that stored account, whose identity the targets
     * hold, instead of with the accounts last synced into them.
     */
    Outcome run(
            ProviderCalls provider, List<TargetContent> contents, Optional<String> owner,
            boolean save) {
        Map<String, String> live =
                store.liveAccounts(provider.id(), TargetContent.targetsOf(contents));
        Map<String, List<TargetContent>> byAccount = groupByAccount(live, contents, owner);

        Map<String, ReadBack> decisions = new LinkedHashMap<>();
        Map<String, StoredAccount> refreshed = new LinkedHashMap<>();
        List<TargetReport> reports = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, List<TargetContent>> entry : byAccount.entrySet()) {
            String name = entry.getKey();
            List<TargetContent> group = entry.getValue();
            Optional<StoredAccount> stored = store.account(provider.id(), name);
            if (stored.isEmpty()) {
                warnings.add("Account " + name + " was last synced into " + paths(group)
                        + " but is no longer stored, so a login refreshed there is not kept.");
                continue;
            }
            Optional<String> torn = tornLogin(provider, name, group, owner.isPresent());
            if (torn.isPresent()) {
                LOG.debug("Skipped the read-back of account {}: its files mix two accounts",
                        name);
                warnings.add(torn.get() + ", so nothing was read back from them.");
                continue;
            }

            AccountSnapshot onDisk = TargetContent.snapshotOf(group);
            ReadBack decision = provider.readBack(stored.get().snapshot(), onDisk);
            decisions.put(name, decision);
            switch (decision.decision()) {
                case KEEP -> LOG.debug("Kept the stored login of account {}: {}", name,
                        decision.reason());
                case ADOPT -> adopt(provider, stored.get(), decision, group, save)
                        .ifPresent(account -> {
                            refreshed.put(name, account);
                            reports.addAll(readBackReports(stored.get(), account, group,
                                    decision.reason()));
                        });
                case NEEDS_LOGIN -> warnings.add("Account " + name + " needs a new login: "
                        + decision.reason());
                case OTHER_ACCOUNT -> warnings.add(holdsNoLogin(group)
                        ? "The files that account " + name + " was synced into now hold no"
                                + " login: " + decision.reason()
                        : "The files that account " + name + " was synced into now hold another"
                                + " login, which is not stored: " + decision.reason());
            }
        }
        return new Outcome(live, decisions, refreshed, reports, warnings);
    }

    /** Returns whether no target of {@code group} that contains secrets has account fields. */
    private static boolean holdsNoLogin(List<TargetContent> group) {
        return group.stream()
                .filter(content -> content.target().secret())
                .allMatch(content -> content.accountFields().isEmpty());
    }

    /**
     * Groups the targets by the account that they are read back into: {@code owner} when it is
     * present, else the account last synced into each target, by {@code live}. Targets without
     * such an account are left out.
     */
    static Map<String, List<TargetContent>> groupByAccount(
            Map<String, String> live, List<TargetContent> contents, Optional<String> owner) {
        Map<String, List<TargetContent>> byAccount = new LinkedHashMap<>();
        for (TargetContent content : contents) {
            String name = owner.orElse(live.get(content.target().id()));
            if (name != null) {
                byAccount.computeIfAbsent(name, key -> new ArrayList<>()).add(content);
            }
        }
        return byAccount;
    }

    /**
     * Describes the first group of targets, grouped as {@link #run} groups them, whose secrets
     * are those of another stored account than the one they would be read back into. Such
     * files mix two accounts, for example one account's credentials next to another's state
     * file, and a read-back from them would store one account's tokens under the other.
     */
    Optional<String> findTornLogin(
            ProviderCalls provider, List<TargetContent> contents, Optional<String> owner) {
        Map<String, List<TargetContent>> groups = groupByAccount(
                store.liveAccounts(provider.id(), TargetContent.targetsOf(contents)), contents,
                owner);
        for (Map.Entry<String, List<TargetContent>> group : groups.entrySet()) {
            Optional<String> torn = tornLogin(
                    provider, group.getKey(), group.getValue(), owner.isPresent());
            if (torn.isPresent()) {
                return torn;
            }
        }
        return Optional.empty();
    }

    /**
     * Describes {@code group} when its secret targets contain the fields stored for another
     * account than {@code name}, without a full stop so that callers can say what follows.
     * {@code identified} is true when {@code name} is the account that the login's identity
     * names, and false when it is the account last synced into the group.
     */
    private Optional<String> tornLogin(
            ProviderCalls provider, String name, List<TargetContent> group,
            boolean identified) {
        // Accounts with the identity of account name hold the same login, not another one.
        Optional<String> identity = store.account(provider.id(), name)
                .map(account -> account.identity().accountId());
        List<StoredAccount> others = new ArrayList<>();
        for (StoredAccount account : store.accounts(provider.id())) {
            String accountId = account.identity().accountId();
            if (!account.name().equals(name) && !identity.equals(Optional.of(accountId))) {
                others.add(account);
            }
        }
        List<String> holders = DiskLogin.accountsWithSecretsOf(others, group);
        String whose = " the tokens stored for account ";
        if (holders.isEmpty() && identified) {
            holders = lastSyncedOthers(provider, name, others, group);
            whose = " tokens that the launcher last synced for account ";
        }
        if (holders.isEmpty()) {
            return Optional.empty();
        }

        List<String> secretPaths = new ArrayList<>();
        for (TargetContent content : group) {
            if (content.target().secret()) {
                secretPaths.add(content.target().path().toString());
            }
        }
        return Optional.of("The files " + paths(group) + " of " + provider.id()
                + " mix two accounts: " + String.join(", ", secretPaths)
                + (secretPaths.size() == 1 ? " contains" : " contain")
                + whose + holders.getFirst()
                + (identified
                        ? ", but the login in them names account " + name
                                + filesWithStoredFields(provider, name, group)
                        : ", but account " + name + " was the last synced into them"));
    }

    /**
     * Returns ", and FILES contain the fields stored for account NAME" for the files of
     * {@code group} without secrets that contain the fields stored for {@code name}, or "" when
     * none does.
     */
    private String filesWithStoredFields(
            ProviderCalls provider, String name, List<TargetContent> group) {
        Optional<StoredAccount> named = store.account(provider.id(), name);
        List<String> files = new ArrayList<>();
        for (TargetContent content : group) {
            boolean holdsFields = named.isPresent() && !content.accountFields().isEmpty()
                    && JsonValues.equivalent(
                            named.get().snapshot().fields(content.target().id()),
                            content.accountFields());
            if (!content.target().secret() && holdsFields) {
                files.add(content.target().path().toString());
            }
        }
        if (files.isEmpty()) {
            return "";
        }
        return ", and " + String.join(", ", files) + (files.size() == 1 ? " contains" : " contain")
                + " the fields stored for account " + name;
    }

    /**
     * Returns the other accounts last synced into a secret target of {@code group} whose fields
     * are not the ones stored for {@code name}. Such a target contains the other account's
     * tokens, refreshed since they were stored, next to a login that names {@code name}, so
     * reading them back into {@code name} would store one account's tokens under another.
     */
    private List<String> lastSyncedOthers(
            ProviderCalls provider, String name, List<StoredAccount> others,
            List<TargetContent> group) {
        Map<String, String> live =
                store.liveAccounts(provider.id(), TargetContent.targetsOf(group));
        Optional<StoredAccount> named = store.account(provider.id(), name);
        List<String> holders = new ArrayList<>();
        for (TargetContent content : group) {
            String lastSynced = live.get(content.target().id());
            boolean another = others.stream()
                    .anyMatch(account -> account.name().equals(lastSynced));
            if (!content.target().secret() || !another || content.accountFields().isEmpty()) {
                continue;
            }
            boolean storedForName = named.isPresent() && JsonValues.equivalent(
                    named.get().snapshot().fields(content.target().id()),
                    content.accountFields());
            if (!storedForName && !holders.contains(lastSynced)) {
                holders.add(lastSynced);
            }
        }

        // Asked last, because it runs on every sync that finds a stored login. Tokens that carry
        // their own identity cannot sit next to another account's login.
        if (!holders.isEmpty() && secretsIdentifyThemselves(provider, group)) {
            return List.of();
        }
        return holders;
    }

    /**
     * Returns whether the provider identifies the login from the secret targets of
     * {@code group} alone, as Codex does from its tokens, unlike Claude Code, whose profile
     * lives in the state file next to the tokens.
     */
    private static boolean secretsIdentifyThemselves(
            ProviderCalls provider, List<TargetContent> group) {
        List<TargetContent> secrets = new ArrayList<>();
        for (TargetContent content : group) {
            if (content.target().secret()) {
                secrets.add(content);
            }
        }
        try {
            provider.identify(TargetContent.snapshotOf(secrets));
            return true;
        } catch (SyncException e) {
            return false;
        }
    }

    private Optional<StoredAccount> adopt(
            ProviderCalls provider, StoredAccount stored, ReadBack decision,
            List<TargetContent> group, boolean save) {
        Map<String, ObjectNode> fields = stored.snapshot().toMap();
        fields.putAll(decision.snapshot().toMap());
        AccountSnapshot adopted = new AccountSnapshot(fields);
        if (sameFields(adopted, stored.snapshot())) {
            return Optional.empty();
        }

        StoredAccount updated = stored.withSnapshot(adopted, clock.instant());
        if (save) {
            updated = store.updateSnapshot(
                    provider.id(), stored.name(), adopted, updated.updatedAt());
            LOG.debug("Stored the refreshed login of account {} from {}", stored.name(),
                    paths(group));
        }
        return Optional.of(updated);
    }

    /** Returns whether two snapshots hold the same JSON values, whatever their node types. */
    private static boolean sameFields(AccountSnapshot first, AccountSnapshot second) {
        if (!first.targetIds().equals(second.targetIds())) {
            return false;
        }
        for (String id : first.targetIds()) {
            if (!JsonValues.equivalent(first.fields(id), second.fields(id))) {
                return false;
            }
        }
        return true;
    }

    private static List<TargetReport> readBackReports(
            StoredAccount before, StoredAccount after, List<TargetContent> group, String reason) {
        List<TargetReport> reports = new ArrayList<>();
        for (TargetContent content : group) {
            String id = content.target().id();
            if (!JsonValues.equivalent(before.snapshot().fields(id), after.snapshot().fields(id))) {
                reports.add(new TargetReport(
                        id, content.target().path(), Action.READ_BACK, 0, reason));
            }
        }
        return reports;
    }

    private static String paths(List<TargetContent> group) {
        List<String> paths = new ArrayList<>();
        for (TargetContent content : group) {
            paths.add(content.target().path().toString());
        }
        return String.join(", ", paths);
    }
}
