package launcher.core.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import launcher.core.io.AtomicWriter;
import launcher.core.io.ContentCheck;
import launcher.core.json.JsonDocument;
import launcher.core.json.JsonValues;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.CredentialProvider;
import launcher.core.spi.Environment;
import launcher.core.spi.Identity;
import launcher.core.spi.ReadBack;
import launcher.core.spi.Target;
import launcher.core.spi.TokenState;
import launcher.core.store.AccountStore;
import launcher.core.store.StoreLock;
import launcher.core.store.StoredAccount;
import launcher.core.store.TargetCheck;
import launcher.core.sync.StatusReport.TargetStatus;
import launcher.core.sync.TargetReport.Action;
import launcher.core.sync.TargetWriter.Plan;
import launcher.core.sync.TargetWriter.WriteFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a stored account into a provider's files, and reads refreshed logins back into the
 * store.
 *
 * <p>A sync takes the store's lock for the provider, stores any login that the CLI refreshed in
 * the files since the last sync, reads and merges every target before it writes the first, and
 * writes only the targets whose bytes change. Instances are safe to use from several threads.
 */
public final class SyncEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

    private final AccountStore store;
    private final Duration lockTimeout;
    private final Clock clock;
    private final TargetReader reader;
    private final TargetWriter writer;
    private final ReadBackStep readBackStep;

    /** Creates an engine that waits at most {@code lockTimeout} for the store's lock. */
    public SyncEngine(AccountStore store, Duration lockTimeout) {
        this(store, lockTimeout, new AtomicWriter(), Clock.systemUTC());
    }

    /** Creates an engine that writes with {@code writer} and stamps accounts with {@code clock}. */
    SyncEngine(AccountStore store, Duration lockTimeout, AtomicWriter writer, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reader = new TargetReader(writer);
        this.writer = new TargetWriter(writer, reader, lockTimeout);
        this.readBackStep = new ReadBackStep(store, clock);
    }

    /**
     * Syncs like {@link #sync(CredentialProvider, Environment, String, boolean, boolean)}
     * without {@code force}, so that a login that is not stored as an account stops the sync.
     */
    public SyncReport sync(
            CredentialProvider provider, Environment environment, String accountName,
            boolean dryRun) {
        return sync(provider, environment, accountName, dryRun, false);
    }

    /**
     * Reads back the login that is in the targets, then makes the targets hold
     * {@code accountName}. With {@code dryRun} nothing is written and the report says what would
     * change.
     *
     * <p>The login in the targets is read back into the stored account with the same identity,
     * whichever account was last synced there. When no stored account has its identity, the
     * sync stops before any write, unless {@code force} is set or its tokens are blank or
     * revoked, so that a login made with the CLI itself is not lost.
     *
     * @throws SyncException when the targets contain a login that is not stored as an account
     *     and {@code force} is not set, or when a target cannot be read, merged or written. The
     *     targets are then as they were, unless {@link SyncException#report()} lists one that
     *     could not be put back. A refreshed login that the read-back found stays stored.
     */
    public SyncReport sync(
            CredentialProvider provider, Environment environment, String accountName,
            boolean dryRun, boolean force) {
        ProviderCalls calls = ProviderCalls.of(provider);
        List<Target> targets = calls.targets(environment);
        if (dryRun) {
            // A dry run takes no lock, because taking it creates the store's lock file.
            return syncLocked(calls, targets, accountName, true, force);
        }
        try (StoreLock _ = store.lock(calls.id(), lockTimeout)) {
            return syncLocked(calls, targets, accountName, false, force);
        }
    }

    private SyncReport syncLocked(
            ProviderCalls provider, List<Target> targets, String accountName, boolean dryRun,
            boolean force) {
        StoredAccount chosen = requireAccount(provider.id(), accountName);
        List<TargetContent> contents = readAll(targets, store.targetChecks(provider.id()));
        Optional<String> pending = store.pendingSwitch(provider.id(), targets);

        DiskLogin login = DiskLogin.of(provider, store, contents);
        List<String> warnings = new ArrayList<>();
        checkReplaceable(provider, login, contents, dryRun, force).ifPresent(warnings::add);
        Optional<String> owner = ownerOf(login);
        if (pending.isEmpty()) {
            checkNotTorn(provider, contents, owner, force);
        }

        ReadBackStep.Outcome readBack = pending.isPresent()
                ? skippedReadBack(provider, targets, pending.get())
                : readBackStep.run(provider, contents, owner, !dryRun);
        chosen = readBack.refreshed().getOrDefault(accountName, chosen);
        List<TargetReport> reports = new ArrayList<>(readBack.reports());
        warnings.addAll(readBack.warnings());

        StoredAccount merging = chosen;
        TargetWriter.Remerge remerge = pending.isPresent()
                ? fresh -> new TargetWriter.Remerged(
                        merging.snapshot().fields(fresh.target().id()), List.of())
                : fresh -> remerge(provider, contents, fresh, merging, owner, warnings);

        List<Plan> plans = merge(provider, contents, chosen, dryRun ? null : remerge, reports);
        if (dryRun) {
            for (Plan plan : plans) {
                Action action = plan.changed() ? Action.WOULD_WRITE : Action.UNCHANGED;
                Target target = plan.read().target();
                reports.add(new TargetReport(target.id(), target.path(), action, 0, ""));
            }
            return new SyncReport(provider.id(), accountName, true, reports, warnings);
        }

        // A signal between the writes of two targets would leave them on two accounts, so the
        // JVM's shutdown waits until the writes and their records are done.
        try (ShutdownHold _ = ShutdownHold.enter()) {
            TargetWriter.Outcome written;
            try {
                // Checked before the pending switch is recorded, so that a read-only target
                // leaves the store as it was too.
                writer.checkWritable(plans);
                // Until the live accounts are recorded, the pending-switch record marks the
                // targets as possibly mixed, so that the next sync's read-back adopts nothing
                // from them.
                if (plans.stream().anyMatch(Plan::changed)) {
                    store.setPendingSwitch(provider.id(), targets, accountName);
                }
                written = writer.writeAll(plans, remerge);
                reports.addAll(written.reports());
            } catch (WriteFailure failure) {
                reports.addAll(failure.reports());
                if (allPutBack(failure.reports())) {
                    store.setPendingSwitch(provider.id(), targets, pending.orElse(null));
                }
                SyncException cause = failure.getCause();
                String live = commonAccount(readBack.live(), targets);
                SyncReport report =
                        new SyncReport(provider.id(), live, false, reports, distinct(warnings));
                throw new SyncException(cause.getMessage() + rollBackSummary(failure.reports()),
                        cause.fix(), cause, report);
            }

            // Recording the checks of the bytes written lets the next sync recognise the targets
            // without parsing them or writing the check file again.
            List<TargetContent> onDisk = new ArrayList<>(written.written());
            for (Plan plan : plans) {
                if (!plan.changed()) {
                    onDisk.add(plan.read());
                }
            }
            store.finishSwitch(provider.id(), targets, accountName);
            store.replaceTargetChecks(provider.id(), idsOf(targets), checksOf(onDisk));
        }
        LOG.debug("Synced account {} of {} into {}", accountName, provider.id(),
                pathsOfTargets(targets));
        return new SyncReport(
                provider.id(), accountName, false, reports, distinct(warnings));
    }

    /**
     * Reads back a target that changed after the first read, so that a token the CLI refreshed
     * in between is stored, and returns the chosen account's fields for it. The provider gets
     * the other targets as they were first read, because they may already hold the new account.
     */
    private TargetWriter.Remerged remerge(
            ProviderCalls provider, List<TargetContent> contents, TargetContent fresh,
            StoredAccount chosen, Optional<String> owner, List<String> warnings) {
        List<TargetContent> current = new ArrayList<>();
        for (TargetContent content : contents) {
            boolean same = content.target().id().equals(fresh.target().id());
            current.add(same ? fresh : content);
        }

        ReadBackStep.Outcome readBack = readBackStep.run(provider, current, owner, true);
        warnings.addAll(readBack.warnings());
        StoredAccount account = readBack.refreshed().getOrDefault(chosen.name(), chosen);
        return new TargetWriter.Remerged(
                account.snapshot().fields(fresh.target().id()), readBack.reports());
    }

    /**
     * Stores a login that the CLI refreshed in the targets, as after the CLI exits, into the
     * stored account with the same identity, or else into the account last synced there.
     */
    public SyncReport readBack(CredentialProvider provider, Environment environment) {
        ProviderCalls calls = ProviderCalls.of(provider);
        List<Target> targets = calls.targets(environment);
        try (StoreLock _ = store.lock(calls.id(), lockTimeout)) {
            List<TargetContent> contents = readAll(targets, store.targetChecks(calls.id()));
            Optional<String> pending = store.pendingSwitch(calls.id(), targets);
            ReadBackStep.Outcome outcome;
            if (pending.isPresent()) {
                outcome = skippedReadBack(calls, targets, pending.get());
            } else {
                Optional<String> owner = ownerOf(DiskLogin.of(calls, store, contents));
                outcome = readBackStep.run(calls, contents, owner, true);
            }

            // After the CLI exits, the state file has usually changed: recording its check lets
            // the next launch recognise it without parsing it.
            store.replaceTargetChecks(calls.id(), idsOf(targets), checksOf(contents));
            String live = commonAccount(outcome.live(), targets);
            return new SyncReport(
                    calls.id(), live, false, outcome.reports(), outcome.warnings());
        }
    }

    /**
     * Captures the login in the live targets, or in {@code folder} laid out like the CLI's
     * configuration folder, and stores it as {@code accountName}.
     *
     * <p>When the store's lock file is missing, taking the lock would create it and the store's
     * folders, so the import is checked once before. An import that fails on its input, such as
     * a folder without a login, then leaves the store folder as it was. A missing lock file also
     * means that no launcher has synced this provider with this store, because the launcher
     * never removes it, so no switch can be half done. Under the lock the files are read and
     * checked again, since the CLI may have changed them in between.
     */
    public StoredAccount importAccount(
            CredentialProvider provider, Environment environment, String accountName,
            Optional<Path> folder) {
        ProviderCalls calls = ProviderCalls.of(provider);
        Environment source = folder.isPresent()
                ? calls.inFolder(environment, folder.get())
                : environment;
        List<Target> targets = calls.targets(source);
        if (!Files.exists(store.lockFile(calls.id()), LinkOption.NOFOLLOW_LINKS)) {
            accountToImport(calls, targets, accountName, folder);
        }

        try (StoreLock _ = store.lock(calls.id(), lockTimeout)) {
            StoredAccount account = accountToImport(calls, targets, accountName, folder);
            store.putAccount(calls.id(), account);

            if (folder.isEmpty()) {
                for (Target target : targets) {
                    store.setLiveAccount(calls.id(), target, accountName);
                }
            }
            LOG.debug("Imported account {} of {} from {}", accountName, calls.id(),
                    pathsOfTargets(targets));
            return account;
        }
    }

    /**
     * Reads the login in {@code targets} and returns the account that importing it as
     * {@code accountName} stores, without writing anything.
     *
     * @throws SyncException when an interrupted switch may have mixed the live files, when none
     *     of the targets exist, or when the login cannot be imported under that name
     */
    private StoredAccount accountToImport(
            ProviderCalls calls, List<Target> targets, String accountName,
            Optional<Path> folder) {
        Optional<String> pending = store.pendingSwitch(calls.id(), targets);
        if (folder.isEmpty() && pending.isPresent()) {
            throw new SyncException("Cannot import the login of " + calls.id() + ": a switch"
                    + " to account " + pending.get() + " was interrupted, so its files may"
                    + " mix the fields of two accounts",
                    "Run `launcher sync --provider " + calls.id() + "` to finish the switch"
                            + ", or import from a copy of the files with --from.");
        }
        List<TargetContent> contents = readAll(targets, Map.of());
        if (contents.stream().noneMatch(TargetContent::exists)) {
            throw new SyncException("No " + calls.id() + " login to import: none of its files"
                    + " exist (" + targets.stream().map(target -> target.path().toString())
                            .collect(Collectors.joining(", ")) + ")",
                    folder.isPresent()
                            ? "Pass --from a folder that holds a copy of the CLI's files."
                            : "Log in with the CLI first, then import again.");
        }
        AccountSnapshot snapshot = TargetContent.snapshotOf(contents);
        Identity identity = calls.identify(snapshot);
        return accountToStore(calls, accountName, identity, snapshot);
    }

    /**
     * Returns the account to store for an imported login. A login of an account that is already
     * stored replaces the stored one only when the provider reports it as newer, because the
     * stored refresh token may have been rotated since the files were copied.
     */
    private StoredAccount accountToStore(
            ProviderCalls provider, String accountName, Identity identity,
            AccountSnapshot snapshot) {
        String providerId = provider.id();
        Instant now = clock.instant();
        for (StoredAccount other : store.accounts(providerId)) {
            boolean sameLogin = other.identity().accountId().equals(identity.accountId());
            if (sameLogin && !other.name().equals(accountName)) {
                // Two copies of one login would each keep a refresh token that the other's
                // refresh invalidates.
                throw new SyncException("The login in the files (" + describe(identity)
                        + ") is already stored as account " + other.name() + " of "
                        + providerId,
                        "Import it under the name " + other.name() + " to update that account,"
                                + " or remove it first with `launcher accounts remove --provider "
                                + providerId + " --name " + other.name() + "`.");
            }
        }
        Optional<StoredAccount> existing = store.account(providerId, accountName);
        if (existing.isEmpty()) {
            return new StoredAccount(accountName, identity, snapshot, now, now);
        }

        Identity present = existing.get().identity();
        if (!present.accountId().equals(identity.accountId())) {
            throw new SyncException("Account " + accountName + " of " + providerId
                    + " already exists for another login (" + describe(present)
                    + "), and the files hold " + describe(identity),
                    "Import under another name, or remove the account first with"
                            + " `launcher accounts remove --provider " + providerId + " --name "
                            + accountName + "`.");
        }

        ReadBack decision = provider.readBack(existing.get().snapshot(), snapshot);
        return switch (decision.decision()) {
            case ADOPT -> new StoredAccount(
                    accountName, identity, snapshot, existing.get().createdAt(), now);
            case KEEP -> {
                LOG.debug("Kept the stored login of account {} of {}: {}", accountName,
                        providerId, decision.reason());
                yield existing.get();
            }
            case NEEDS_LOGIN, OTHER_ACCOUNT -> throw new SyncException("The login in the files ("
                    + describe(identity) + ") was not imported into account " + accountName
                    + " of " + providerId + ": " + decision.reason(),
                    "Log in with the CLI again, then import again.");
        };
    }

    /** Describes the targets for {@code launcher status}. */
    public StatusReport status(CredentialProvider provider, Environment environment) {
        ProviderCalls calls = ProviderCalls.of(provider);
        List<Target> targets = calls.targets(environment);
        List<String> warnings = new ArrayList<>(calls.warnings(environment));

        Map<String, TargetCheck> checks = store.targetChecks(calls.id());
        List<TargetContent> contents = new ArrayList<>();
        for (Target target : targets) {
            try {
                contents.add(reader.read(target, checks.get(target.id())));
            } catch (SyncException e) {
                warnings.add(e.getMessage());
            }
        }
        ReadBackStep.Outcome readBack = statusReadBack(calls, targets, contents);
        warnings.addAll(readBack.warnings());
        TokenState tokens = calls.tokenState(TargetContent.snapshotOf(contents));

        List<TargetStatus> statuses = new ArrayList<>();
        for (Target target : targets) {
            Optional<TargetContent> content = contents.stream()
                    .filter(read -> read.target().id().equals(target.id()))
                    .findFirst();
            statuses.add(content.isPresent()
                    ? statusOf(calls, content.get(), readBack, tokenHolder(calls, contents,
                            content.get(), tokens))
                    : unreadableStatus(target, readBack.live().get(target.id())));
        }
        return new StatusReport(calls.id(), statuses, warnings);
    }

    /**
     * Reads back the targets for {@code status} without storing anything, as a sync would read
     * them back: against the stored account whose identity the targets hold, if any. Targets
     * that mix two accounts are not read back, and because a sync stops on them, the warning
     * gives the same fix as the sync's error.
     */
    private ReadBackStep.Outcome statusReadBack(
            ProviderCalls provider, List<Target> targets, List<TargetContent> contents) {
        Optional<String> pending = store.pendingSwitch(provider.id(), targets);
        if (pending.isPresent()) {
            return skippedReadBack(provider, targets, pending.get());
        }
        Optional<String> owner = ownerOf(DiskLogin.of(provider, store, contents));
        Optional<String> torn = readBackStep.findTornLogin(provider, contents, owner);
        if (torn.isPresent()) {
            return ReadBackStep.Outcome.skipped(store.liveAccounts(provider.id(), targets),
                    torn.get() + ", so nothing is read back from them and a sync stops before"
                            + " changing them. " + tornFix(provider));
        }
        return readBackStep.run(provider, contents, owner, false);
    }

    private TargetStatus statusOf(
            ProviderCalls provider, TargetContent content, ReadBackStep.Outcome readBack,
            Optional<TokenState> tokens) {
        Target target = content.target();
        String live = readBack.live().get(target.id());
        ObjectNode onDisk = content.accountFields();

        boolean matches = false;
        if (live != null) {
            ReadBack decision = readBack.decisions().get(live);
            Optional<StoredAccount> stored = store.account(provider.id(), live);
            matches = stored.isPresent()
                    && (JsonValues.equivalent(stored.get().snapshot().fields(target.id()), onDisk)
                            || decision != null && decision.decision() == ReadBack.Decision.ADOPT);
        }

        return new TargetStatus(target.id(), target.path(), content.exists(), live,
                matches, tokens.map(TokenState::expiresAt).orElse(null),
                tokens.map(TokenState::needsLogin).orElse(false));
    }

    /**
     * Returns the token state of the whole login for a target that contains tokens, or empty
     * for a target without them, such as a state file. A target contains tokens when leaving it
     * out of the snapshot changes what the provider reports.
     */
    private static Optional<TokenState> tokenHolder(
            ProviderCalls provider, List<TargetContent> contents, TargetContent target,
            TokenState tokens) {
        if (target.accountFields().isEmpty()) {
            return Optional.empty();
        }
        List<TargetContent> others = new ArrayList<>(contents);
        others.remove(target);
        TokenState withoutTarget = provider.tokenState(TargetContent.snapshotOf(others));
        return tokens.equals(withoutTarget) ? Optional.empty() : Optional.of(tokens);
    }

    private static TargetStatus unreadableStatus(Target target, String live) {
        boolean exists = java.nio.file.Files.exists(target.path());
        return new TargetStatus(target.id(), target.path(), exists, live, false, null, false);
    }

    /**
     * Returns the read-back outcome for targets that an interrupted switch to {@code pending}
     * left, which may contain one account's profile next to another's tokens. Adopting from them
     * could store one account's tokens under the other.
     */
    private ReadBackStep.Outcome skippedReadBack(
            ProviderCalls provider, List<Target> targets, String pending) {
        LOG.debug("Skipped the read-back of {}: a switch to account {} was interrupted",
                provider.id(), pending);
        return ReadBackStep.Outcome.skipped(store.liveAccounts(provider.id(), targets),
                "A previous switch of " + provider.id() + " to account " + pending
                        + " was interrupted, so its read-back is skipped. The next sync writes"
                        + " the chosen account into every file.");
    }

    /** Returns whether every target written before a failed write was put back. */
    private static boolean allPutBack(List<TargetReport> rolledBack) {
        return rolledBack.stream().allMatch(report -> report.action() == Action.ROLLED_BACK);
    }

    private StoredAccount requireAccount(String providerId, String accountName) {
        return store.account(providerId, accountName).orElseThrow(() -> new SyncException(
                "No account named " + accountName + " is stored for " + providerId,
                "List the accounts with `launcher accounts list --provider " + providerId
                        + "`, or import the CLI's current login with"
                        + " `launcher accounts import --provider " + providerId + " --name "
                        + accountName + "`."));
    }

    /**
     * Reads every target, or recognises it by the check in {@code checks} under its id, as
     * {@link TargetReader#read(Target, TargetCheck)} does.
     */
    private List<TargetContent> readAll(List<Target> targets, Map<String, TargetCheck> checks) {
        List<TargetContent> contents = new ArrayList<>();
        for (Target target : targets) {
            contents.add(reader.read(target, checks.get(target.id())));
        }
        return contents;
    }

    /**
     * Returns the checks to record, by target id: one for each target without secrets that
     * exists, from the bytes that this sync read, recognised or wrote.
     */
    private static Map<String, TargetCheck> checksOf(List<TargetContent> contents) {
        Map<String, TargetCheck> checks = new HashMap<>();
        for (TargetContent content : contents) {
            ContentCheck check = content.check();
            if (!content.target().secret() && check != null) {
                checks.put(content.target().id(), new TargetCheck(content.target().path(),
                        check.size(), check.crc32c(), check.crc32(), content.accountFields()));
            }
        }
        return checks;
    }

    private static List<Path> pathsOfTargets(List<Target> targets) {
        return targets.stream().map(Target::path).toList();
    }

    private static List<String> idsOf(List<Target> targets) {
        return targets.stream().map(Target::id).toList();
    }

    /**
     * Merges the account's fields into every target, before any of them is written. A target
     * recognised by its check that does not contain the fields yet is read now, because the merge
     * needs its bytes. When its account fields changed since the check, {@code remerge} reads
     * them back first, as for a change before the rename; a dry run passes null and stores
     * nothing.
     */
    private List<Plan> merge(
            ProviderCalls provider, List<TargetContent> contents, StoredAccount account,
            TargetWriter.Remerge remerge, List<TargetReport> reports) {
        List<Plan> plans = new ArrayList<>();
        for (TargetContent checkedOrRead : contents) {
            TargetContent content = checkedOrRead;
            Target target = content.target();
            ObjectNode fields = account.snapshot().fields(target.id());
            if (content.isChecked()) {
                if (content.containsFields(fields)) {
                    plans.add(Plan.unchanged(content));
                    continue;
                }
                content = reader.read(target);
                if (remerge != null && !content.containsFields(checkedOrRead.accountFields())) {
                    TargetWriter.Remerged remerged = remerge.fieldsFor(content);
                    reports.addAll(remerged.reports());
                    fields = remerged.fields();
                }
            }
            JsonDocument merged;
            try {
                merged = content.merge(fields);
            } catch (IllegalArgumentException e) {
                throw new SyncException("Account " + account.name() + " of " + provider.id()
                        + " has a value for " + target.path() + " that JSON cannot represent: "
                        + e.getMessage(),
                        "Import the account again with `launcher accounts import`.", e);
            }
            plans.add(new Plan(content, merged));
        }
        return plans;
    }

    /**
     * Stops the sync when the targets contain a login that is not stored as an account, unless
     * {@code force} is set. Returns a warning when {@code force} replaces such a login.
     */
    private static Optional<String> checkReplaceable(
            ProviderCalls provider, DiskLogin found, List<TargetContent> contents,
            boolean dryRun, boolean force) {
        // An if chain rather than a pattern switch: the switch's bootstrap spins a class on every
        // start, and the AOT cache cannot hold such a class.
        if (found instanceof DiskLogin.Replaceable replaceable) {
            LOG.debug("The login in the files of {} may be replaced: {}", provider.id(),
                    replaceable.reason());
            return Optional.empty();
        }
        if (found instanceof DiskLogin.Managed managed) {
            LOG.debug("The files of {} hold the login of account {}", provider.id(),
                    managed.account().name());
            return Optional.empty();
        }

        List<String> pathList = pathsOf(contents);
        String paths = String.join(", ", pathList);
        String login;
        if (found instanceof DiskLogin.Unidentified unidentified) {
            // The provider's message is a sentence of its own, so its full stop goes.
            String reason = unidentified.reason().replaceFirst("\\.$", "");
            login = "a login that the launcher cannot identify (" + reason + ")";
        } else {
            login = "the login of " + describe(((DiskLogin.Unmanaged) found).identity());
        }
        if (!force) {
            String files = pathList.size() == 1
                    ? "The file " + paths + " contains "
                    : "The files " + paths + " contain ";
            // A login that cannot be identified cannot be imported either, so its fix differs.
            String fix = found instanceof DiskLogin.Unidentified
                    ? "Start the CLI once so that it completes its files, then import the login"
                            + " with `launcher accounts import --provider " + provider.id()
                            + " --name NAME`, or pass --force to replace it."
                    : "Import it first with `launcher accounts import --provider "
                            + provider.id() + " --name NAME`, or pass --force to replace it.";
            throw new SyncException(files + login + ", which is not stored as an account of "
                    + provider.id() + ", so the sync stopped before replacing it", fix);
        }
        return Optional.of((dryRun ? "Would replace" : "Replaced") + " " + login + " in "
                + paths + ", which is not stored as an account, because of --force.");
    }

    /**
     * Stops the sync when the targets mix two stored accounts, such as one account's
     * credentials next to another's state file, unless {@code force} is set. A read-back from
     * such files would store one account's tokens under the other, so the read-back skips them
     * and, with {@code force}, the sync writes the chosen account over them.
     */
    private void checkNotTorn(
            ProviderCalls provider, List<TargetContent> contents, Optional<String> owner,
            boolean force) {
        Optional<String> torn = readBackStep.findTornLogin(provider, contents, owner);
        if (torn.isEmpty() || force) {
            return;
        }
        throw new SyncException(torn.get() + ", so the sync stopped before changing the store"
                + " or the files", tornFix(provider));
    }

    /** Returns the fix for targets that mix two stored accounts. */
    private static String tornFix(ProviderCalls provider) {
        return "Write the account you want into every file with `launcher sync --provider "
                + provider.id() + " --account NAME --force`, or log in with the CLI and import"
                + " the login again with `launcher accounts import --provider " + provider.id()
                + " --name NAME`.";
    }

    /** Returns the stored account whose login the targets hold, if any. */
    private static Optional<String> ownerOf(DiskLogin login) {
        return login instanceof DiskLogin.Managed managed
                ? Optional.of(managed.account().name())
                : Optional.empty();
    }

    private static List<String> pathsOf(List<TargetContent> contents) {
        List<String> paths = new ArrayList<>();
        for (TargetContent content : contents) {
            if (!content.accountFields().isEmpty()) {
                paths.add(content.target().path().toString());
            }
        }
        return paths;
    }

    /** Returns the account live in every target, or null when they differ or none is. */
    private static String commonAccount(Map<String, String> live, List<Target> targets) {
        Set<String> names = new HashSet<>();
        for (Target target : targets) {
            names.add(live.get(target.id()));
        }
        return names.size() == 1 ? names.iterator().next() : null;
    }

    private static List<String> distinct(List<String> warnings) {
        return List.copyOf(new java.util.LinkedHashSet<>(warnings));
    }

    private static String rollBackSummary(List<TargetReport> rolledBack) {
        List<String> notPutBack = new ArrayList<>();
        for (TargetReport report : rolledBack) {
            if (report.action() != Action.ROLLED_BACK) {
                notPutBack.add(report.path() + " (" + report.detail() + ")");
            }
        }
        if (notPutBack.isEmpty()) {
            return rolledBack.isEmpty() ? "" : ". The files written before it were put back";
        }
        return ". These files keep the new account: " + String.join(", ", notPutBack);
    }

    private static String describe(Identity identity) {
        return identity.optionalEmail().orElse("account id " + identity.accountId());
    }
}
