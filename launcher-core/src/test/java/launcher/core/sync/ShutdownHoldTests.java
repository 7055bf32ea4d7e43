package launcher.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

class ShutdownHoldTests {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path home;

    @Test
    void sigtermWaitsForSwitchToFinish() throws Exception {
        Path storeRoot = home.resolve("launcher");
        AccountStore store = new AccountStore(storeRoot);
        store.putAccount(TestProvider.ID, account("a", "acct-a", "a-1"));
        store.putAccount(TestProvider.ID, account("b", "acct-b", "b-1"));
        TestProvider provider = new TestProvider();
        Environment environment = new Environment(home, Map.of(), OperatingSystem.LINUX);
        new SyncEngine(store, Duration.ofSeconds(10)).sync(provider, environment, "a", false);
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
                store.pendingSwitch(TestProvider.ID, provider.targets(environment)));
    }

    private static StoredAccount account(String name, String accountId, String refreshToken) {
        return new StoredAccount(name, new Identity(accountId, accountId + "@example.com", null,
                null), TestProvider.login(accountId, refreshToken, 1), CREATED, CREATED);
    }

    private static void awaitLine(Process child, String expected) throws IOException {
        BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
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
