package launcher.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import launcher.core.ChildJvm;
import launcher.core.spi.Environment;
import launcher.core.spi.Identity;
import launcher.core.spi.OperatingSystem;
import launcher.core.store.AccountStore;
import launcher.core.store.StoredAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShutdownHoldTests {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path home;

    @Test
    void sigtermWaitsForSwitchToFinish() throws Exception {
        Path storeRoot = home.resolve("launcher");
        AccountStore store = storeWithAccountASynced(storeRoot);
        Process child = ChildJvm.start(
                SignalDuringSyncMain.class, home.toString(), storeRoot.toString());

        awaitLine(child, SignalDuringSyncMain.WRITING);
        child.destroy();
        boolean exited = child.waitFor(30, TimeUnit.SECONDS);

        assertTrue(exited, "the child did not exit after SIGTERM");
        assertEquals(143, child.exitValue());
        Path folder = home.resolve(".testcli");
        assertTrue(Files.readString(folder.resolve("credentials.json")).contains("\"b-1\""),
                "the credentials were not switched");
        assertTrue(Files.readString(folder.resolve("state.json")).contains("\"acct-b\""),
                "the state file was left on the old account");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".tmp"))
                    .toList(), "temp files were left");
        }
        assertEquals(Optional.empty(),
                store.pendingSwitch(TestProvider.ID, new TestProvider().targets(environment())));
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void signalEndsLockWaitAndRestoresFiles(String signal, int exitCode) throws Exception {
        Path storeRoot = home.resolve("launcher");
        AccountStore store = storeWithAccountASynced(storeRoot);
        Path folder = home.resolve(".testcli");
        Path credentials = folder.resolve("credentials.json");
        Path state = folder.resolve("state.json");
        String credentialsBefore = Files.readString(credentials);
        String stateBefore = Files.readString(state);
        Path stateLock = Files.createDirectory(folder.resolve("state.json.lock"));
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
        refresher.scheduleAtFixedRate(() -> touch(stateLock), 0, 200, TimeUnit.MILLISECONDS);
        Process child = ChildJvm.start(
                SignalDuringLockWaitMain.class, home.toString(), storeRoot.toString());
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            awaitLine(output, SignalDuringLockWaitMain.WROTE_CREDENTIALS);
            // The sync polls for the lock folder at least every 100 ms.
            Thread.sleep(500);

            long signalled = System.nanoTime();
            new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid()))
                    .inheritIO().start().waitFor();
            boolean exited = child.waitFor(30, TimeUnit.SECONDS);
            Duration stopTime = Duration.ofNanos(System.nanoTime() - signalled);
            List<String> rest = output.lines().toList();
            // The rollback renames the credentials file again, so the child prints its line again.
            List<String> messages = rest.stream()
                    .filter(line -> !line.equals(SignalDuringLockWaitMain.WROTE_CREDENTIALS))
                    .toList();

            assertTrue(exited, "the child did not exit after SIG" + signal);
            assertEquals(exitCode, child.exitValue(), String.join("\n", rest));
            assertTrue(stopTime.compareTo(Duration.ofSeconds(5)) < 0,
                    "the child took " + stopTime.toMillis() + " ms to stop");
            assertEquals(credentialsBefore, Files.readString(credentials));
            assertEquals(stateBefore, Files.readString(state));
            assertEquals(List.of("launcher: The sync was stopped by a signal while it waited for"
                    + " the lock folder " + stateLock + ", and the files it had written were put"
                    + " back as they were: " + credentials + "."), messages);
            assertFalse(String.join("\n", rest).contains("a-1"), "a token was printed");
            assertFalse(String.join("\n", rest).contains("b-1"), "a token was printed");
            assertEquals(Optional.empty(),
                    store.pendingSwitch(TestProvider.ID,
                            new TestProvider().targets(environment())));
        } finally {
            refresher.shutdownNow();
            child.destroyForcibly();
        }
        assertTrue(Files.isDirectory(stateLock), "the held lock folder was removed");
    }

    private static void touch(Path folder) {
        try {
            Files.setLastModifiedTime(folder, FileTime.from(Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Environment environment() {
        return new Environment(home, Map.of(), OperatingSystem.LINUX);
    }

    /** Stores accounts a and b in a new store at {@code storeRoot} and syncs a into the files. */
    private AccountStore storeWithAccountASynced(Path storeRoot) {
        AccountStore store = new AccountStore(storeRoot);
        store.putAccount(TestProvider.ID, account("a", "acct-a", "a-1"));
        store.putAccount(TestProvider.ID, account("b", "acct-b", "b-1"));
        new SyncEngine(store, Duration.ofSeconds(10))
                .sync(new TestProvider(), environment(), "a", false);
        return store;
    }

    private static StoredAccount account(String name, String accountId, String refreshToken) {
        return new StoredAccount(name, new Identity(accountId, accountId + "@example.com", null,
                null), TestProvider.login(accountId, refreshToken, 1), CREATED, CREATED);
    }

    private static void awaitLine(Process child, String expected) throws IOException {
        awaitLine(new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)), expected);
    }

    private static void awaitLine(BufferedReader output, String expected) throws IOException {
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals(expected)) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child ended without printing '" + expected + "':\n"
                + seen);
    }
}
