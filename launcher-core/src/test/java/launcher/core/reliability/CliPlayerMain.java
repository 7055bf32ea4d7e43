package launcher.core.reliability;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import launcher.core.json.JsonDocument;
import launcher.core.lock.LockFolders;

/**
 * Plays the CLI: {@code CONFIG STOP_FILE MAX_ROUNDS MAX_SECONDS}. It plays rounds until
 * {@code STOP_FILE} exists, or until {@code MAX_ROUNDS} rounds or {@code MAX_SECONDS} seconds
 * have passed, so that it runs as long as the launchers do. Each round it adds a member
 * {@code cli-N} of its own to the state file under the state file's lock folder. Under the
 * refresh lock folder it adds a member {@code cli-secret-N} to the credentials file, as the CLI
 * adds MCP servers' tokens, and, when that file contains account {@code a}, refreshes that
 * account's token as the CLI does: a new refresh token with an {@code issuedAt} one larger.
 * Both files are written to a temp file and renamed, so that a reader never sees half a
 * file.
 *
 * <p>At the end it prints one {@code NAME VALUE} line each:
 * <ul>
 *   <li>{@code fields}: the rounds played, so the members {@code cli-0} and onwards and
 *       {@code cli-secret-0} and onwards that it added;
 *   <li>{@code refreshes}: the refreshes of account {@code a}'s token;
 *   <li>{@code refreshes-while-switching}: those made after it first found account {@code b}
 *       live, which only a launcher writes, and before the stop file appeared;
 *   <li>{@code seen-a} and {@code seen-b}: the rounds that found each account live;
 *   <li>{@code last-issued-at}: the {@code issuedAt} of the last token it wrote;
 *   <li>{@code backwards}: how often it found account {@code a} with a token older than one it
 *       had written itself, which means that a launcher wrote an older token back;
 *   <li>{@code stopped-by-file}: 1 when the stop file ended the rounds, 0 when a cap did.
 * </ul>
 */
public final class CliPlayerMain {

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);
    private static final long PAUSE_MILLIS = 3;

    private CliPlayerMain() {
    }

    /** Runs the rounds. */
    public static void main(String[] arguments) throws Exception {
        Path folder = Path.of(arguments[0]);
        Path stopFile = Path.of(arguments[1]);
        int maxRounds = Integer.parseInt(arguments[2]);
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(arguments[3]))
                .toNanos();
        int refreshes = 0;
        int refreshesWhileSwitching = 0;
        int seenA = 0;
        int seenB = 0;
        int backwards = 0;
        long lastIssuedAt = -1;
        boolean stoppedByFile = false;

        int round = 0;
        for (; round < maxRounds && System.nanoTime() < deadline; round++) {
            if (Files.exists(stopFile)) {
                stoppedByFile = true;
                break;
            }
            try (LockFolders.Held _ = LockFolders.acquire(
                    StandInProvider.stateLock(folder), LOCK_TIMEOUT)) {
                Path state = StandInProvider.stateFile(folder);
                JsonDocument document = JsonDocument.parse(state, Files.readAllBytes(state));
                replace(state, document.withMember(
                        "cli-" + round, JsonNodeFactory.instance.numberNode(round)).content());
            }

            try (LockFolders.Held _ = LockFolders.acquire(
                    StandInProvider.refreshLock(folder), LOCK_TIMEOUT)) {
                Path credentials = StandInProvider.credentialsFile(folder);
                JsonDocument document =
                        JsonDocument.parse(credentials, Files.readAllBytes(credentials));
                ObjectNode login = (ObjectNode) document.member(StandInProvider.LOGIN_FIELD)
                        .orElseThrow();
                String live = login.path("accountId").asText();
                if (live.equals("b")) {
                    seenB++;
                }
                if (live.equals("a")) {
                    seenA++;
                    long issuedAt = login.path("issuedAt").asLong();
                    if (issuedAt < lastIssuedAt) {
                        backwards++;
                    }
                    lastIssuedAt = Math.max(issuedAt, lastIssuedAt) + 1;
                    login.put("issuedAt", lastIssuedAt);
                    login.put("refreshToken", "a-refresh-" + lastIssuedAt);
                    login.put("accessToken", "made-up-access-a-" + lastIssuedAt);
                    document = document.withMember(StandInProvider.LOGIN_FIELD, login);
                    refreshes++;
                    if (seenB > 0 && !Files.exists(stopFile)) {
                        refreshesWhileSwitching++;
                    }
                }
                replace(credentials, document.withMember("cli-secret-" + round,
                        JsonNodeFactory.instance.textNode("made-up-mcp-token-" + round))
                        .content());
            }
            Thread.sleep(PAUSE_MILLIS);
        }

        System.out.println("fields " + round);
        System.out.println("refreshes " + refreshes);
        System.out.println("refreshes-while-switching " + refreshesWhileSwitching);
        System.out.println("seen-a " + seenA);
        System.out.println("seen-b " + seenB);
        System.out.println("last-issued-at " + lastIssuedAt);
        System.out.println("backwards " + backwards);
        System.out.println("stopped-by-file " + (stoppedByFile ? 1 : 0));
    }

    private static void replace(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".cli-tmp");
        Files.write(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
