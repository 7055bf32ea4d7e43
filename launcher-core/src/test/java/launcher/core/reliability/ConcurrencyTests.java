package launcher.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import launcher.core.json.JsonDocument;
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
 * Runs several launcher processes that sync the accounts {@code a} and {@code b} in turn into
 * the same files, while another process plays the CLI: it adds members of its own to both
 * files and refreshes account {@code a}'s token, each under the CLI's lock folder, until the
 * launchers are done. A reader in this JVM parses the targets and the store in a loop the whole
 * time. The test fails unless the CLI found both accounts live and refreshed a token after the
 * launchers had started to switch, because otherwise it did not overlap them.
 *
 * <p>{@code -Dlauncher.reliability.rounds=N} sets the syncs per launcher (20 by default).
 */
class ConcurrencyTests {

    private static final int LAUNCHERS = 3;
    private static final int MISSING_SHOWN = 5;

    /**
     * A member of the credentials file that is not an account field, as Claude Code keeps MCP
     * servers' tokens next to its login. Edits of other members keep its bytes.
     */
    private static final String MACHINE_MEMBER = "\"mcpOAuth\": {\"linear\": {\"serverName\":"
            + " \"linear\",  \"accessToken\": \"made-up-mcp-access\"}}";
    private static final int ROUNDS = Integer.getInteger("launcher.reliability.rounds", 20);
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Caps on the CLI's rounds, which otherwise last until the launchers are done, so that a
     * launcher that hangs does not keep it running.
     */
    private static final int MAX_CLI_ROUNDS = 100 * ROUNDS;
    private static final Duration MAX_CLI_TIME = Duration.ofMinutes(5);

    @TempDir
    Path folder;

    @Nested
    class WhenLaunchersAndCliRace {

        @Test
        @Timeout(value = 10, unit = TimeUnit.MINUTES)
        void nothingIsLostOrTorn() throws Exception {
            Path home = Files.createDirectories(folder.resolve("home"));
            Path config = Files.createDirectories(folder.resolve("config"));
            Path storeRoot = folder.resolve("store");
            Environment environment = new Environment(home,
                    Map.of(StandInProvider.FOLDER_VARIABLE, config.toString()),
                    OperatingSystem.LINUX);
            AccountStore store = new AccountStore(storeRoot);
            StandInProvider provider = new StandInProvider();
            storeAccount(store, "a", StandInProvider.login("a", "a-refresh-0", 0));
            storeAccount(store, "b", StandInProvider.login("b", "b-refresh-0", 0));
            Files.writeString(StandInProvider.stateFile(config),
                    "{\n  \"numStartups\": 1,\n  \"projects\": {}\n}\n");
            Files.writeString(StandInProvider.credentialsFile(config),
                    "{\n  " + MACHINE_MEMBER + ",\n  \"installMethod\": \"native\"\n}\n");
            new SyncEngine(store, LOCK_TIMEOUT).sync(provider, environment, "a", false);

            Reader reader = new Reader(config, storeRoot);
            Thread readerThread = Thread.ofPlatform().name("target-reader").start(reader);
            List<Process> launchers = new ArrayList<>();
            for (int index = 0; index < LAUNCHERS; index++) {
                launchers.add(ChildProcesses.start(LauncherLoopMain.class, home.toString(),
                        config.toString(), storeRoot.toString(), Integer.toString(ROUNDS),
                        index % 2 == 0 ? "b" : "a"));
            }
            Path stopFile = folder.resolve("launchers-done");
            Process cli = ChildProcesses.start(CliPlayerMain.class, config.toString(),
                    stopFile.toString(), Integer.toString(MAX_CLI_ROUNDS),
                    Long.toString(MAX_CLI_TIME.toSeconds()));

            for (Process launcher : launchers) {
                String output = ChildProcesses.remainingOutput(launcher);
                assertEquals(0, launcher.waitFor(), "a launcher failed: " + output);
            }
            Files.createFile(stopFile);
            String cliOutput = ChildProcesses.remainingOutput(cli);
            assertEquals(0, cli.waitFor(), "the CLI failed: " + cliOutput);
            reader.stop();
            readerThread.join();

            Map<String, Long> cliReport = parseReport(cliOutput);
            new SyncEngine(store, LOCK_TIMEOUT).readBack(provider, environment);

            assertEquals(List.of(), reader.problems(), "the reader saw torn or invalid files");
            assertTrue(reader.reads() > 0, "the reader read nothing");
            assertEquals(0L, cliReport.get("backwards"), "a launcher wrote an older token of a"
                    + " back: " + cliOutput);
            assertEquals(cliReport.get("last-issued-at"), newestIssuedAt(store, config),
                    "the newest token that the CLI wrote for a is lost: " + cliOutput);
            assertTrue(cliReport.get("refreshes") > 0, "the CLI refreshed nothing, so the test"
                    + " checked no read-back: " + cliOutput);
            assertTrue(cliReport.get("seen-a") > 0, "the CLI never found account a live, so it"
                    + " did not overlap the launchers: " + cliOutput);
            assertTrue(cliReport.get("seen-b") > 0, "the CLI never found account b live, so it"
                    + " did not overlap the launchers: " + cliOutput);
            assertTrue(cliReport.get("refreshes-while-switching") > 0, "the CLI refreshed no"
                    + " token while the launchers switched accounts: " + cliOutput);
            assertEquals(List.of(), missingCliFields(StandInProvider.stateFile(config), "cli-",
                    cliReport.get("fields")),
                    "members that the CLI added to the state file are lost");
            Path credentials = StandInProvider.credentialsFile(config);
            String credentialsText = Files.readString(credentials);
            assertTrue(credentialsText.contains(MACHINE_MEMBER), "the credentials file lost the"
                    + " bytes of its member mcpOAuth, which is not an account field");
            assertEquals(List.of(), missingCliFields(credentials, "cli-secret-",
                    cliReport.get("fields")),
                    "members that the CLI added to the credentials file are lost");
            assertEquals("native", JsonDocument.parse(credentials, Files.readAllBytes(credentials))
                    .member("installMethod").map(JsonNode::asText).orElse(null),
                    "the credentials file lost its member installMethod");
            assertEquals(List.of(), checkFileProblems(store, config),
                    "the store's check file does not match the state file");
            assertEquals(List.of("a", "b"),
                    store.accounts(StandInProvider.ID).stream().map(StoredAccount::name).toList());
        }
    }

    private static void storeAccount(AccountStore store, String name, AccountSnapshot snapshot) {
        Instant now = Instant.now();
        store.putAccount(StandInProvider.ID, new StoredAccount(
                name, new StandInProvider().identify(snapshot), snapshot, now, now));
    }

    /** Returns the larger issuedAt of account a's token in the store and in the live file. */
    private static long newestIssuedAt(AccountStore store, Path config) throws IOException {
        long stored = issuedAt(store.account(StandInProvider.ID, "a").orElseThrow().snapshot()
                .field(StandInProvider.CREDENTIALS, StandInProvider.LOGIN_FIELD));
        Path credentials = StandInProvider.credentialsFile(config);
        JsonNode live = JsonDocument.parse(credentials, Files.readAllBytes(credentials))
                .member(StandInProvider.LOGIN_FIELD).orElseThrow();
        if (live.path("accountId").asText().equals("a")) {
            return Math.max(stored, live.path("issuedAt").asLong());
        }
        return stored;
    }

    private static long issuedAt(Optional<JsonNode> login) {
        return login.orElseThrow().path("issuedAt").asLong();
    }

    /**
     * Returns the first {@value #MISSING_SHOWN} of the members {@code PREFIX0} to
     * {@code PREFIX(rounds - 1)} that the file lacks, and how many more it lacks.
     */
    private static List<String> missingCliFields(Path file, String prefix, long rounds)
            throws IOException {
        JsonDocument document = JsonDocument.parse(file, Files.readAllBytes(file));
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (int round = 0; round < rounds; round++) {
            if (!document.has(prefix + round)) {
                count++;
                if (missing.size() < MISSING_SHOWN) {
                    missing.add(prefix + round);
                }
            }
        }
        if (count > MISSING_SHOWN) {
            missing.add("and " + (count - MISSING_SHOWN) + " more of " + rounds);
        }
        return missing;
    }

    /**
     * Parses the store's check file and returns how it differs from the state file: after the
     * last read-back it records the state file's path and size, and no check for the secret
     * credentials file.
     */
    private static List<String> checkFileProblems(AccountStore store, Path config)
            throws IOException {
        Path checksFile = store.checksFile(StandInProvider.ID);
        JsonDocument checks = JsonDocument.parse(checksFile, Files.readAllBytes(checksFile));
        JsonNode targets = checks.member("targets").orElseThrow(() -> new AssertionError(
                checksFile + " has no member targets"));
        List<String> problems = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        targets.fieldNames().forEachRemaining(ids::add);
        if (!ids.equals(List.of(StandInProvider.STATE))) {
            problems.add("checks of the targets " + ids + " instead of only "
                    + StandInProvider.STATE);
        }
        JsonNode state = targets.path(StandInProvider.STATE);
        Path stateFile = StandInProvider.stateFile(config);
        if (!state.path("path").asText().equals(stateFile.toString())) {
            problems.add("path " + state.path("path") + " instead of " + stateFile);
        }
        if (state.path("size").asLong() != Files.size(stateFile)) {
            problems.add("size " + state.path("size") + " instead of " + Files.size(stateFile));
        }
        return problems;
    }

    private static Map<String, Long> parseReport(String output) {
        Map<String, Long> report = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2 && parts[1].matches("-?\\d+")) {
                report.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return report;
    }

    /**
     * Parses both targets, the store's check file and account a's stored token in a loop, and
     * records every parse error and every stored token older than one it saw before.
     */
    private static final class Reader implements Runnable {

        private final Path config;
        private final Path storeRoot;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger reads = new AtomicInteger();
        private final List<String> problems = new CopyOnWriteArrayList<>();

        Reader(Path config, Path storeRoot) {
            this.config = config;
            this.storeRoot = storeRoot;
        }

        @Override
        public void run() {
            long newestStored = -1;
            while (running.get()) {
                parse(StandInProvider.credentialsFile(config));
                parse(StandInProvider.stateFile(config));
                parse(new AccountStore(storeRoot).checksFile(StandInProvider.ID));
                try {
                    AccountStore store = new AccountStore(storeRoot);
                    long stored = issuedAt(store.account(StandInProvider.ID, "a").orElseThrow()
                            .snapshot().field(StandInProvider.CREDENTIALS,
                                    StandInProvider.LOGIN_FIELD));
                    if (stored < newestStored) {
                        problems.add("the stored token of a went back from issuedAt "
                                + newestStored + " to " + stored);
                    }
                    newestStored = Math.max(newestStored, stored);
                } catch (RuntimeException e) {
                    problems.add("the store could not be read: " + e);
                }
                reads.incrementAndGet();
            }
        }

        private void parse(Path file) {
            try {
                byte[] content = Files.readAllBytes(file);
                JsonDocument.parse(file, content);
                if (content.length == 0) {
                    problems.add(file.getFileName() + " was empty");
                }
            } catch (NoSuchFileException e) {
                problems.add(file.getFileName() + " was missing");
            } catch (IOException | RuntimeException e) {
                problems.add(file.getFileName() + ": " + e.getMessage());
            }
        }

        void stop() {
            running.set(false);
        }

        int reads() {
            return reads.get();
        }

        List<String> problems() {
            return List.copyOf(problems);
        }
    }
}
