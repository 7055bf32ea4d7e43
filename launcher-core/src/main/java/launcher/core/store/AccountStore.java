package launcher.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import launcher.core.io.AtomicWriter;
import launcher.core.io.ConcurrentChangeException;
import launcher.core.io.TargetFile;
import launcher.core.io.WriteException;
import launcher.core.lock.FileLocks;
import launcher.core.lock.LockException;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.CredentialProvider;
import launcher.core.spi.Environment;
import launcher.core.spi.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's own record of managed accounts, one file per provider under {@link #root()}.
 *
 * <p>Each provider's accounts live in {@code accounts/PROVIDER.json}, written atomically and
 * readable by the owner only, in folders that only the owner may enter. A store file that is not
 * valid, or that a newer launcher wrote, is an error and is never overwritten. Callers that
 * read, decide and write take {@link #lock(String, Duration)} around the whole step; each single
 * change is also safe without it, because it is retried when another process changed the file.
 *
 * <p>Next to them, {@code checks/PROVIDER.json} records what the last sync found in the CLI's
 * files without secrets, as {@link #replaceTargetChecks} describes.
 */
public final class AccountStore {

    private static final Logger LOG = LoggerFactory.getLogger(AccountStore.class);

    /** An account name: 1 to 64 letters, digits, dots, dashes or underscores, not . or .. */
    public static final String NAME_PATTERN = "(?!\\.\\.?$)[A-Za-z0-9._-]{1,64}";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern PROVIDER_ID = Pattern.compile(CredentialProvider.ID_PATTERN);

    /** How often a change is tried again when another process rewrote the file meanwhile. */
    private static final int CHANGE_ATTEMPTS = 5;

    private final Path root;
    private final AtomicWriter writer = new AtomicWriter();

    /**
     * The last parse of each store file, by path, reused while the file has the same bytes. A
     * sync reads the store several times, and in a JFR profile of a no-op sync of small files
     * about half of the samples were in these parses.
     */
    private final Map<Path, Parsed> lastParsed = new ConcurrentHashMap<>();

    /**
     * The key of each file's records, by the path that a target gives, because a sync looks the
     * records up several times. A key does not change when a missing folder on the way is
     * created, and the launcher does not expect a folder to be replaced by a link while it runs.
     */
    private final Map<Path, String> fileKeys = new ConcurrentHashMap<>();

    /** A store file's bytes and their parse, which is never changed once it is shared. */
    private record Parsed(byte[] content, StoreFile store) {
    }

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
        Optional<String> launcherHome = environment.variable("LAUNCHER_HOME");
        if (launcherHome.isPresent()) {
            return Path.of(launcherHome.get());
        }

        Path home = environment.home();
        return switch (environment.operatingSystem()) {
            case MACOS -> home.resolve("Library")
                    .resolve("Application Support")
                    .resolve("launcher");
            case WINDOWS -> environment.variable("APPDATA")
                    .map(Path::of)
                    .orElse(home.resolve("AppData").resolve("Roaming"))
                    .resolve("launcher");
            case LINUX, OTHER -> environment.variable("XDG_CONFIG_HOME")
                    .map(Path::of)
                    // The XDG base directory specification ignores relative paths.
                    .filter(Path::isAbsolute)
                    .orElse(home.resolve(".config"))
                    .resolve("launcher");
        };
    }

    /** Returns the store folder. */
    public Path root() {
        return root;
    }

    /** Returns the plugin folder, {@code providers/} under the store folder. */
    public Path pluginFolder() {
        return root.resolve("providers");
    }

    /** Returns the file that stores a provider's accounts. */
    public Path accountsFile(String providerId) {
        return root.resolve("accounts").resolve(validProviderId(providerId) + ".json");
    }

    /** Returns a provider's accounts, ordered by name. */
    public List<StoredAccount> accounts(String providerId) {
        return List.copyOf(load(providerId).accounts.values());
    }

    /** Returns one account. */
    public Optional<StoredAccount> account(String providerId, String name) {
        return Optional.ofNullable(load(providerId).accounts.get(validName(name)));
    }

    /** Returns the name of the provider's default account, if one is set. */
    public Optional<String> defaultAccount(String providerId) {
        return Optional.ofNullable(load(providerId).defaultAccount);
    }

    /**
     * Makes an existing account the provider's default.
     *
     * @throws StoreException when the provider has no account of that name
     */
    public void setDefaultAccount(String providerId, String name) {
        String accountName = validName(name);
        change(providerId, store -> {
            requireAccount(store, accountName);
            boolean changed = !accountName.equals(store.defaultAccount);
            store.defaultAccount = accountName;
            return changed;
        });
    }

    /** Adds or replaces an account. The first account of a provider becomes its default. */
    public void putAccount(String providerId, StoredAccount account) {
        validName(account.name());
        change(providerId, store -> {
            StoredAccount previous = store.accounts.put(account.name(), account);
            if (store.defaultAccount == null) {
                store.defaultAccount = account.name();
            }
            return !account.equals(previous);
        });
    }

    /**
     * Replaces the snapshot of an existing account, as when a CLI refreshed its tokens, and
     * returns the account as stored.
     *
     * @throws StoreException when the provider has no account of that name
     */
    public StoredAccount updateSnapshot(
            String providerId, String name, AccountSnapshot snapshot, Instant now) {
        String accountName = validName(name);
        StoredAccount[] updated = new StoredAccount[1];
        change(providerId, store -> {
            StoredAccount current = requireAccount(store, accountName);
            if (current.snapshot().equals(snapshot)) {
                updated[0] = current;
                return false;
            }
            updated[0] = current.withSnapshot(snapshot, now);
            store.accounts.put(accountName, updated[0]);
            return true;
        });
        return updated[0];
    }

    /**
     * Removes an account locally; returns false when there was none of that name. The records of
     * targets that held it are dropped, and when it was the default, the first remaining account
     * by name becomes the default.
     */
    public boolean removeAccount(String providerId, String name) {
        String accountName = validName(name);
        boolean[] removed = new boolean[1];
        change(providerId, store -> {
            removed[0] = store.accounts.remove(accountName) != null;
            if (!removed[0]) {
                return false;
            }

            store.liveFiles.values().removeIf(accountName::equals);
            store.liveByTargetId.values().removeIf(accountName::equals);
            if (accountName.equals(store.defaultAccount)) {
                store.defaultAccount = store.accounts.isEmpty()
                        ? null
                        : store.accounts.keySet().iterator().next();
            }
            return true;
        });
        return removed[0];
    }

    /**
     * Returns, for each of {@code targets} by target id, the name of the account that was last
     * synced into the target's file. Targets whose file has no record are left out.
     *
     * <p>The records are kept per file, because one provider's targets resolve to other files
     * in another environment, such as with another {@code CLAUDE_CONFIG_DIR}. A file without a
     * record of its own takes the record that a store of schema version 1 kept for its target
     * id.
     */
    public Map<String, String> liveAccounts(String providerId, List<Target> targets) {
        StoreFile store = load(providerId);
        Map<String, String> live = new TreeMap<>();
        for (Target target : targets) {
            String name = store.liveFiles.get(fileKey(target.path()));
            if (name == null) {
                name = store.liveByTargetId.get(target.id());
            }
            if (name != null) {
                live.put(target.id(), name);
            }
        }
        return live;
    }

    /**
     * Records that {@code accountName} is now live in the file of {@code target}, or, when it is
     * null, that the file contains no managed account.
     *
     * @throws StoreException when the provider has no account of that name
     */
    public void setLiveAccount(String providerId, Target target, String accountName) {
        String accountNameOrNull = accountName == null ? null : validName(accountName);
        String key = fileKey(target.path());
        change(providerId, store -> {
            boolean changed = store.liveByTargetId.remove(target.id()) != null;
            if (accountNameOrNull == null) {
                return store.liveFiles.remove(key) != null || changed;
            }
            requireAccount(store, accountNameOrNull);
            return !accountNameOrNull.equals(store.liveFiles.put(key, accountNameOrNull))
                    || changed;
        });
    }

    /**
     * Returns the account that a sync began to write into the files of {@code targets} and did
     * not finish, if any. While one is recorded, the files may mix the fields of two accounts.
     */
    public Optional<String> pendingSwitch(String providerId, List<Target> targets) {
        StoreFile store = load(providerId);
        if (store.pendingForAllFiles != null) {
            return Optional.of(store.pendingForAllFiles);
        }
        for (Target target : targets) {
            String name = store.pendingFiles.get(fileKey(target.path()));
            if (name != null) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /**
     * Records that a sync is about to write {@code accountName} into the files of
     * {@code targets}, or, when it is null, that no switch of them is in progress.
     */
    public void setPendingSwitch(String providerId, List<Target> targets, String accountName) {
        String accountNameOrNull = accountName == null ? null : validName(accountName);
        List<String> keys = fileKeys(targets);
        change(providerId, store -> {
            boolean changed = false;
            for (String key : keys) {
                String previous = accountNameOrNull == null
                        ? store.pendingFiles.remove(key)
                        : store.pendingFiles.put(key, accountNameOrNull);
                changed |= !Objects.equals(previous, accountNameOrNull);
            }
            return changed;
        });
    }

    /**
     * Records that {@code accountName} is now live in the files of every target of
     * {@code targets} and clears their pending switch, in one write. A pending switch recorded by
     * a store of schema version 1, which applies to every file, is cleared too.
     *
     * @throws StoreException when the provider has no account of that name
     */
    public void finishSwitch(String providerId, List<Target> targets, String accountName) {
        String name = validName(accountName);
        List<String> keys = fileKeys(targets);
        change(providerId, store -> {
            requireAccount(store, name);
            boolean changed = store.pendingForAllFiles != null;
            store.pendingForAllFiles = null;
            for (int i = 0; i < targets.size(); i++) {
                changed |= store.pendingFiles.remove(keys.get(i)) != null;
                changed |= store.liveByTargetId.remove(targets.get(i).id()) != null;
                changed |= !name.equals(store.liveFiles.put(keys.get(i), name));
            }
            return changed;
        });
    }

    /**
     * Returns the key of a file's records: its absolute path, with the nearest existing folder on
     * the way replaced by its real path. Two spellings of one folder, such as one through a
     * symbolic link, therefore share their records. A key made before a sync creates the file's
     * folder is also the same as one made after. The file's own name is not resolved, because
     * a CLI that replaces a linked file by a rename replaces the link.
     */
    String fileKey(Path file) {
        return fileKeys.computeIfAbsent(file, AccountStore::resolveFileKey);
    }

    private static String resolveFileKey(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path existing = absolute.getParent();
        while (existing != null) {
            try {
                Path real = existing.toRealPath();
                return real.resolve(existing.relativize(absolute)).toString();
            } catch (IOException e) {
                existing = existing.getParent();
            }
        }
        return absolute.toString();
    }

    private List<String> fileKeys(List<Target> targets) {
        return targets.stream().map(target -> fileKey(target.path())).toList();
    }

    /** Returns the file that keeps the checks of a provider's targets. */
    public Path checksFile(String providerId) {
        return root.resolve("checks").resolve(validProviderId(providerId) + ".json");
    }

    /**
     * Returns, for each target id, the check that the last sync recorded for it. A check only
     * records what a file contained, so a caller compares it with the file before using it. A
     * check file that cannot be read or parsed reads as one without checks.
     */
    public Map<String, TargetCheck> targetChecks(String providerId) {
        Path file = checksFile(providerId);
        try {
            TargetFile current = writer.read(file);
            if (!current.exists()) {
                return Map.of();
            }
            Optional<Map<String, TargetCheck>> checks = CheckFile.parse(file, current.content());
            if (checks.isEmpty()) {
                LOG.debug("Ignored {}: it is not a valid check file", file);
            }
            return checks.orElse(Map.of());
        } catch (WriteException e) {
            LOG.debug("Ignored {}: {}", file, e.getMessage());
            return Map.of();
        }
    }

    /**
     * Replaces the checks of the targets of {@code targetIds} with {@code checks}, and writes the
     * check file only when that changes them. A target without an entry in {@code checks} loses
     * its check. The file is written without a flush to disk, because losing it costs the next
     * sync a parse of the targets and nothing else. A failed write is logged, not raised.
     */
    public void replaceTargetChecks(
            String providerId, List<String> targetIds, Map<String, TargetCheck> checks) {
        Path file = checksFile(providerId);
        Map<String, TargetCheck> replaced = new TreeMap<>(targetChecks(providerId));
        boolean changed = false;
        for (String targetId : targetIds) {
            TargetCheck check = checks.get(targetId);
            TargetCheck previous = check == null
                    ? replaced.remove(targetId)
                    : replaced.put(targetId, check);
            changed |= !CheckFile.same(previous, check);
        }
        if (!changed) {
            return;
        }

        try {
            writer.writeWithoutFlush(file, CheckFile.toBytes(replaced), true);
        } catch (WriteException e) {
            LOG.debug("Could not write {}, so the next sync parses the files again: {}", file,
                    e.getMessage());
        }
    }

    /**
     * Returns the lock file of a provider's accounts, which {@link #lock} creates, with its
     * folders, when it is missing.
     */
    public Path lockFile(String providerId) {
        return root.resolve("locks").resolve(validProviderId(providerId) + ".lock");
    }

    /**
     * Takes the cross-process lock of a provider's accounts, waiting at most {@code timeout}, and
     * then removes the temp files that killed writes of the store's records left behind.
     *
     * @throws StoreException when the lock is still held by another process after the timeout
     */
    public StoreLock lock(String providerId, Duration timeout) {
        Path lockFile = lockFile(providerId);
        requireFolders();
        FileLocks.Held lock;
        try {
            lock = FileLocks.acquire(lockFile, timeout);
        } catch (LockException e) {
            throw new StoreException(e.getMessage(), e.fix(), e);
        }

        // A store write that was killed leaves its temp file, which may hold tokens, and a sync
        // that changes nothing writes no record, so the lock's holder removes such files.
        writer.removeStaleTempFiles(root.resolve("accounts"));
        writer.removeStaleTempFiles(root.resolve("checks"));
        return lock::close;
    }

    /**
     * Reads the provider's file. The result may be shared with other calls, so callers must not
     * change it: {@link #change} changes a copy.
     */
    private StoreFile load(String providerId) {
        Path file = accountsFile(providerId);
        requireFolders();
        return parseOnce(file, providerId, read(file));
    }

    /** Parses {@code current}, or returns the shared parse of the same bytes. */
    private StoreFile parseOnce(Path file, String providerId, TargetFile current) {
        Parsed last = lastParsed.get(file);
        if (last != null && current.hasContent(last.content())) {
            return last.store();
        }

        StoreFile store = parse(file, providerId, current);
        if (current.exists()) {
            lastParsed.put(file, new Parsed(current.content(), store));
        }
        return store;
    }

    /**
     * Rejects a store folder, or an {@code accounts} folder in it, that exists and is not a
     * directory. Without this check a file there reads as a store without accounts.
     */
    private void requireFolders() {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new StoreException(
                    "The account store folder " + root + " is not a directory",
                    "Move " + root + " away, or set LAUNCHER_HOME to a directory.");
        }
        Path accounts = root.resolve("accounts");
        if (Files.exists(accounts) && !Files.isDirectory(accounts)) {
            throw new StoreException(
                    "The account store's accounts folder " + accounts + " is not a directory",
                    "Move the file " + accounts + " away, so that the launcher can create the"
                            + " folder there.");
        }
    }

    /**
     * Applies {@code change} to the provider's file and writes the result when it returns true.
     * The file is read again and the change applied again when another process wrote the file
     * in between.
     */
    private void change(String providerId, Function<StoreFile, Boolean> change) {
        Path file = accountsFile(providerId);
        requireFolders();

        for (int attempt = 1; attempt <= CHANGE_ATTEMPTS; attempt++) {
            TargetFile current = read(file);
            StoreFile store = parseOnce(file, providerId, current).copy();
            if (!change.apply(store)) {
                return;
            }

            try {
                writer.write(file, store.toBytes(), true, current);
                return;
            } catch (ConcurrentChangeException e) {
                // Another launcher changed the file since it was read: apply the change again.
            } catch (WriteException e) {
                throw new StoreException(e.getMessage(), e.fix(), e);
            }
        }
        throw new StoreException(
                "Could not update " + file + ": other processes kept changing it",
                "Make sure only one launcher manages the accounts at a time, then try again.");
    }

    private TargetFile read(Path file) {
        try {
            return writer.read(file);
        } catch (WriteException e) {
            throw new StoreException(e.getMessage(), e.fix(), e);
        }
    }

    private static StoreFile parse(Path file, String providerId, TargetFile current) {
        if (!current.exists()) {
            return new StoreFile(providerId);
        }
        return StoreFile.parse(file, providerId, current.content());
    }

    private static StoredAccount requireAccount(StoreFile store, String name) {
        StoredAccount account = store.accounts.get(name);
        if (account == null) {
            String known = store.accounts.isEmpty()
                    ? "it has no accounts yet"
                    : "its accounts are " + String.join(", ", store.accounts.keySet());
            throw new StoreException(
                    "No account named " + name + " for provider " + store.providerId + ": " + known,
                    "Import the account first, or use one of the stored names.");
        }
        return account;
    }

    private static String validName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new StoreException(
                    "Invalid account name \"" + name + "\"",
                    "Use 1 to 64 letters, digits, dots, dashes or underscores, such as work or"
                            + " personal-2.");
        }
        return name;
    }

    private static String validProviderId(String providerId) {
        if (providerId == null || !PROVIDER_ID.matcher(providerId).matches()) {
            throw new StoreException(
                    "Invalid provider id \"" + providerId + "\"",
                    "Use the provider's lowercase id, such as claude or codex.");
        }
        return providerId;
    }
}
