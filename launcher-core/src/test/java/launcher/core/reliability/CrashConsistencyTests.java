package launcher.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import launcher.core.io.AtomicWriter;
import launcher.core.json.JsonDocument;
import launcher.core.json.MalformedJsonException;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import launcher.core.store.AccountStore;
import launcher.core.store.StoredAccount;
import launcher.core.sync.SyncEngine;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that keeps rewriting its targets at random moments, and checks after each
 * kill that every target is whole: either the old or the new version, never empty or partial.
 *
 * <p>The atomic writer and the sync engine are killed 200 times each by default.
 * {@code -Dlauncher.reliability.kills=N} sets both counts, and
 * {@code -Dlauncher.reliability.seed=S} repeats the random delays of an earlier run.
 */
class CrashConsistencyTests {

    private static final int KILLS = Integer.getInteger("launcher.reliability.kills", 200);
    private static final long SEED = Long.getLong("launcher.reliability.seed", System.nanoTime());

    /** The range of the delay between the child's ready line and the kill, in milliseconds. */
    private static final int MIN_DELAY_MILLIS = 5;
    private static final int MAX_DELAY_MILLIS = 60;

    @TempDir
    Path folder;

    @Nested
    class WhenAtomicWriterIsKilled {

        @Test
        @Timeout(value = 20, unit = TimeUnit.MINUTES)
        void everyTargetIsOldOrNew() throws Exception {
            List<Path> targets = CrashContents.targets(folder);
            AtomicWriter writer = new AtomicWriter();
            for (int index = 0; index < targets.size(); index++) {
                writer.write(targets.get(index), CrashContents.version(index, 0),
                        CrashContents.isSecret(index), null);
            }
            Random random = new Random(SEED);
            int killsDuringWrite = 0;

            for (int kill = 1; kill <= KILLS; kill++) {
                String context = "kill " + kill + " of " + KILLS + " (seed " + SEED + ")";
                killDuringWrites(random, context, CrashWriterMain.class, folder.toString());

                checkTargetsAreWhole(targets, context);
                if (!otherFiles(folder, targets).isEmpty()) {
                    killsDuringWrite++;
                }

                writeOtherVersions(writer, targets);
                assertEquals(List.of(), otherFiles(folder, targets),
                        context + ": the next write left files other than the targets behind");
            }

            // A kill that lands while a temp file exists proves that the writes were cut short.
            assertTrue(killsDuringWrite > 0, "none of the " + KILLS + " kills (seed " + SEED
                    + ") landed during a write, so the test checked nothing");
        }
    }

    @Nested
    class WhenSyncEngineIsKilled {

        @Test
        @Timeout(value = 20, unit = TimeUnit.MINUTES)
        void everyTargetHoldsOneAccount() throws Exception {
            Path home = Files.createDirectories(folder.resolve("home"));
            Path config = Files.createDirectories(folder.resolve("config"));
            Path storeRoot = folder.resolve("store");
            Environment environment = new Environment(home,
                    Map.of(StandInProvider.FOLDER_VARIABLE, config.toString()),
                    OperatingSystem.LINUX);
            AccountStore store = new AccountStore(storeRoot);
            StandInProvider provider = new StandInProvider(false);
            Map<String, AccountSnapshot> snapshots = Map.of(
                    "a", StandInProvider.login("a", "a-refresh", 1),
                    "b", StandInProvider.login("b", "b-refresh", 1));
            for (Map.Entry<String, AccountSnapshot> account : snapshots.entrySet()) {
                Instant now = Instant.now();
                store.putAccount(StandInProvider.ID, new StoredAccount(account.getKey(),
                        provider.identify(account.getValue()), account.getValue(), now, now));
            }
            List<Path> targets = List.of(StandInProvider.credentialsFile(config),
                    StandInProvider.stateFile(config));
            Files.write(targets.get(0), CrashContents.version(0, 0));
            Files.write(targets.get(1), CrashContents.version(1, 0));

            SyncEngine engine = new SyncEngine(store, Duration.ofSeconds(60));
            List<byte[]> synced = new ArrayList<>();
            // The first files hold a made-up login that no account stores, so only --force
            // replaces it.
            for (String account : List.of("a", "b")) {
                engine.sync(provider, environment, account, false, true);
                for (Path target : targets) {
                    synced.add(Files.readAllBytes(target));
                }
                // The members that are not account fields keep their bytes, so every version
                // that the kills leave has them too.
                assertTrue(Files.readString(targets.get(0)).contains(CrashContents.MACHINE_MEMBER),
                        "the sync of " + account + " changed or dropped the member mcpOAuth of "
                                + targets.get(0).getFileName());
                assertTrue(Files.readString(targets.get(1)).contains(CrashContents.stateProjects()),
                        "the sync of " + account + " changed or dropped the member projects of "
                                + targets.get(1).getFileName());
            }
            // The stored accounts as the store reads them back, so that numbers compare as read.
            Map<String, AccountSnapshot> stored = Map.of(
                    "a", store.account(StandInProvider.ID, "a").orElseThrow().snapshot(),
                    "b", store.account(StandInProvider.ID, "b").orElseThrow().snapshot());
            Random random = new Random(SEED);
            int killsDuringWrite = 0;
            int killsDuringStoreWrite = 0;

            for (int kill = 1; kill <= KILLS; kill++) {
                String context = "kill " + kill + " of " + KILLS + " (seed " + SEED + ")";
                killDuringWrites(random, context, SyncCrashMain.class, home.toString(),
                        config.toString(), storeRoot.toString());
                if (!otherFiles(config, targets).isEmpty()) {
                    killsDuringWrite++;
                }
                if (!storeTempFiles(store).isEmpty()) {
                    killsDuringStoreWrite++;
                }
                assertEquals(List.of(), unparsableRecords(store),
                        context + ": a record of the store does not parse");

                for (int index = 0; index < targets.size(); index++) {
                    byte[] content = Files.readAllBytes(targets.get(index));
                    boolean accountA = Arrays.equals(content, synced.get(index));
                    boolean accountB = Arrays.equals(content, synced.get(targets.size() + index));
                    assertTrue(accountA || accountB, context + ": "
                            + targets.get(index).getFileName() + " has " + content.length
                            + " bytes that are neither account's");
                }
                AccountStore reopened = new AccountStore(storeRoot);
                for (Map.Entry<String, AccountSnapshot> account : stored.entrySet()) {
                    assertEquals(account.getValue(), reopened.account(StandInProvider.ID,
                            account.getKey()).orElseThrow().snapshot(), context);
                }

                boolean liveA = Arrays.equals(Files.readAllBytes(targets.get(0)), synced.get(0));
                engine.sync(provider, environment, liveA ? "b" : "a", false);
                assertEquals(List.of(), otherFiles(config, targets), context
                        + ": the next sync left files other than the targets behind");
                assertEquals(List.of(), unparsableRecords(store),
                        context + ": a record of the store does not parse after the next sync");
                assertEquals(List.of(), storeTempFiles(store), context + ": the next sync left"
                        + " files other than the records in the store's folders");
            }

            System.out.printf("Sync engine: %d of %d kills landed while a target was written"
                    + " and %d while a record of the store was written (seed %d)%n",
                    killsDuringWrite, KILLS, killsDuringStoreWrite, SEED);

            assertTrue(killsDuringWrite > 0, "none of the " + KILLS + " kills (seed "
                    + SEED + ") landed while a target was written, so the test checked little");
        }
    }

    private void killDuringWrites(Random random, String context, Class<?> mainClass,
            String... arguments) throws Exception {
        Process child = ChildProcesses.start(mainClass, arguments);
        try {
            String firstLine = ChildProcesses.readLine(child.getInputStream());
            if (!firstLine.equals(CrashWriterMain.READY)) {
                child.waitFor();
                fail(context + ": the writer did not start: " + firstLine
                        + ChildProcesses.remainingOutput(child));
            }

            int span = MAX_DELAY_MILLIS - MIN_DELAY_MILLIS + 1;
            Thread.sleep(MIN_DELAY_MILLIS + random.nextInt(span));
            if (!child.isAlive()) {
                fail(context + ": the writer exited with " + child.exitValue()
                        + " before it was killed: " + ChildProcesses.remainingOutput(child));
            }
        } finally {
            // On Linux destroyForcibly sends SIGKILL, which the child can neither catch nor delay.
            child.destroyForcibly();
            child.waitFor();
        }
    }

    private static void checkTargetsAreWhole(List<Path> targets, String context)
            throws IOException {
        for (int index = 0; index < targets.size(); index++) {
            Path target = targets.get(index);
            byte[] content = Files.readAllBytes(target);
            boolean old = Arrays.equals(content, CrashContents.version(index, 0));
            boolean updated = Arrays.equals(content, CrashContents.version(index, 1));

            assertTrue(old || updated, context + ": " + target.getFileName() + " has "
                    + content.length + " bytes that are neither version");
            JsonDocument.parse(target, content);
        }
    }

    private static void writeOtherVersions(AtomicWriter writer, List<Path> targets)
            throws Exception {
        for (int index = 0; index < targets.size(); index++) {
            Path target = targets.get(index);
            boolean old = Arrays.equals(
                    Files.readAllBytes(target), CrashContents.version(index, 0));
            writer.write(target, CrashContents.version(index, old ? 1 : 0),
                    CrashContents.isSecret(index), null);
        }
    }

    /**
     * Returns the entries of the store's folders {@code accounts} and {@code checks} other than
     * the provider's records, such as a temp file that a killed write left.
     */
    private static List<String> storeTempFiles(AccountStore store) throws IOException {
        List<Path> records = List.of(store.accountsFile(StandInProvider.ID),
                store.checksFile(StandInProvider.ID));
        List<String> others = new ArrayList<>();
        for (Path record : records) {
            for (String name : otherFiles(record.getParent(), records)) {
                others.add(record.getParent().getFileName() + "/" + name);
            }
        }
        return others;
    }

    /** Returns the provider's records in the store that are missing or are not valid JSON. */
    private static List<String> unparsableRecords(AccountStore store) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path record : List.of(store.accountsFile(StandInProvider.ID),
                store.checksFile(StandInProvider.ID))) {
            if (!Files.exists(record)) {
                problems.add(record + " is missing");
                continue;
            }
            try {
                JsonDocument.parse(record, Files.readAllBytes(record));
            } catch (MalformedJsonException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    private static List<String> otherFiles(Path folder, List<Path> targets) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(entry -> !targets.contains(entry))
                    .map(entry -> entry.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }
}
