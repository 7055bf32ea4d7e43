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
 * Plays the CLI: {@code CONFIG ROUNDS}. Each round it adds a member {@code cli-N} of its own to
 * the state file under the state file's lock folder, and, when the credentials file contains
 * account {@code a}, refreshes that account's token under the refresh lock folder, as the CLI
 * does: a new refresh token with an {@code issuedAt} one larger. Both files are written to a
 * temp file and renamed, so that a reader never sees half a file.
 *
 * <p>At the end it prints {@code fields N}, {@code refreshes N}, {@code last-issued-at N} and
 * {@code backwards N}: how often it found account {@code a} with a token older than one it had
 * written itself, which means that a launcher wrote an older token back.
 */
public final class CliPlayerMain {

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);
    private static final long PAUSE_MILLIS = 3;

    private CliPlayerMain() {
    }

    /** Runs the rounds. */
    public static void main(String[] arguments) throws Exception {
        Path folder = Path.of(arguments[0]);
        int rounds = Integer.parseInt(arguments[1]);
        int refreshes = 0;
        int backwards = 0;
        long lastIssuedAt = -1;

        for (int round = 0; round < rounds; round++) {
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
                if (login.path("accountId").asText().equals("a")) {
                    long issuedAt = login.path("issuedAt").asLong();
                    if (issuedAt < lastIssuedAt) {
                        backwards++;
                    }
                    lastIssuedAt = Math.max(issuedAt, lastIssuedAt) + 1;
                    login.put("issuedAt", lastIssuedAt);
                    login.put("refreshToken", "a-refresh-" + lastIssuedAt);
                    login.put("accessToken", "made-up-access-a-" + lastIssuedAt);
                    replace(credentials,
                            document.withMember(StandInProvider.LOGIN_FIELD, login).content());
                    refreshes++;
                }
            }
            Thread.sleep(PAUSE_MILLIS);
        }

        System.out.println("fields " + rounds);
        System.out.println("refreshes " + refreshes);
        System.out.println("last-issued-at " + lastIssuedAt);
        System.out.println("backwards " + backwards);
    }

    private static void replace(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".cli-tmp");
        Files.write(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
