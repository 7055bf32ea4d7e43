package launcher.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import launcher.core.json.JsonDocument;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import launcher.core.store.AccountStore;
import launcher.core.store.StoreLock;

/**
 * Plays one launcher and its CLI in a child JVM: {@code HOME STORE ROUNDS TAG}. Each round the
 * "CLI" refreshes the token of the live account in place and counts a launch in the state file,
 * and then the launcher syncs the other account. At the end it prints
 * {@code refreshed ACCOUNT COUNT} for each account.
 */
public final class SyncChildMain {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private SyncChildMain() {
    }

    /** Runs the rounds. */
    public static void main(String[] arguments) throws IOException {
        Path home = Path.of(arguments[0]);
        AccountStore store = new AccountStore(Path.of(arguments[1]));
        int rounds = Integer.parseInt(arguments[2]);
        String tag = arguments[3];
        Environment environment = new Environment(home, Map.of(), OperatingSystem.LINUX);
        TestProvider provider = new TestProvider();
        SyncEngine engine = new SyncEngine(store, TIMEOUT);
        Path folder = TestProvider.folder(environment);

        Map<String, Integer> refreshed = new TreeMap<>(Map.of("a", 0, "b", 0));
        for (int round = 0; round < rounds; round++) {
            String live;
            try (StoreLock _ = store.lock(TestProvider.ID, TIMEOUT)) {
                live = store.liveAccounts(TestProvider.ID, provider.targets(environment))
                        .get(TestProvider.CREDENTIALS);
                refreshToken(folder.resolve("credentials.json"), tag + "-" + round);
                countLaunch(folder.resolve("state.json"));
            }
            refreshed.merge(live, 1, Integer::sum);

            engine.sync(provider, environment, live.equals("a") ? "b" : "a", false);
        }

        refreshed.forEach((account, count) -> System.out.println(
                "refreshed " + account + " " + count));
    }

    /** Replaces the login with a newer one of the same account, as the CLI does in place. */
    private static void refreshToken(Path credentials, String suffix) throws IOException {
        JsonDocument document = JsonDocument.parse(credentials, Files.readAllBytes(credentials));
        ObjectNode login = (ObjectNode) document.member("login").orElseThrow();
        login.put("refreshToken", login.get("accountId").asText() + "-" + suffix);
        login.put("issuedAt", login.get("issuedAt").asLong() + 1);
        Files.write(credentials, document.withMember("login", login).content());
    }

    private static void countLaunch(Path state) throws IOException {
        JsonDocument document = JsonDocument.parse(state, Files.readAllBytes(state));
        JsonNode launches = document.member("launches").orElseThrow();
        JsonNode next = JsonNodeFactory.instance.numberNode(launches.asInt() + 1);
        Files.write(state, document.withMember("launches", next).content());
    }
}
