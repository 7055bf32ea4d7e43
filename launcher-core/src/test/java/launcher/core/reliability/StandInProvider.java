package launcher.core.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.CredentialProvider;
import launcher.core.spi.Environment;
import launcher.core.spi.Identity;
import launcher.core.spi.InvalidAccountException;
import launcher.core.spi.LaunchSpec;
import launcher.core.spi.LockFolder;
import launcher.core.spi.ReadBack;
import launcher.core.spi.SpiVersion;
import launcher.core.spi.Target;
import launcher.core.spi.TokenState;

/**
 * A provider laid out like Claude Code's files, for the harness: {@code .credentials.json}
 * with the login in {@code claudeAiOauth}, guarded by the lock folder
 * {@code .oauth_refresh.lock}, and {@code .claude.json} with the profile in
 * {@code oauthAccount}, guarded by {@code .claude.json.lock}. A login with a larger
 * {@code issuedAt} is newer.
 */
final class StandInProvider implements CredentialProvider {

    static final String ID = "stand-in";
    static final String CREDENTIALS = "credentials";
    static final String STATE = "state";
    static final String LOGIN_FIELD = "claudeAiOauth";
    static final String PROFILE_FIELD = "oauthAccount";

    /** The CLI's configuration folder, in the environment. */
    static final String FOLDER_VARIABLE = "STAND_IN_CONFIG_DIR";

    static final Duration STALE_AFTER = Duration.ofSeconds(10);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final boolean lockFolders;

    /** Creates a provider whose targets declare the CLI's lock folders. */
    StandInProvider() {
        this(true);
    }

    /**
     * Creates a provider whose targets declare the lock folders or none. A process killed while
     * it holds a lock folder leaves it behind until it is stale, so a test that kills syncs
     * hundreds of times uses none.
     */
    StandInProvider(boolean lockFolders) {
        this.lockFolders = lockFolders;
    }

    /** Returns the configuration folder of an environment. */
    static Path folder(Environment environment) {
        return environment.variable(FOLDER_VARIABLE)
                .map(Path::of)
                .orElse(environment.home().resolve(".stand-in"));
    }

    static Path credentialsFile(Path folder) {
        return folder.resolve(".credentials.json");
    }

    static Path stateFile(Path folder) {
        return folder.resolve(".claude.json");
    }

    static LockFolder refreshLock(Path folder) {
        return new LockFolder(folder.resolve(".oauth_refresh.lock"), STALE_AFTER);
    }

    static LockFolder stateLock(Path folder) {
        return new LockFolder(folder.resolve(".claude.json.lock"), STALE_AFTER);
    }

    /** Returns the snapshot of a made-up login. */
    static AccountSnapshot login(String accountId, String refreshToken, long issuedAt) {
        ObjectNode login = NODES.objectNode();
        login.put("accountId", accountId);
        login.put("accessToken", "made-up-access-" + refreshToken);
        login.put("refreshToken", refreshToken);
        login.put("issuedAt", issuedAt);
        login.put("expiresAt", 1_893_456_000_000L + issuedAt);
        ObjectNode profile = NODES.objectNode();
        profile.put("accountUuid", accountId);
        profile.put("emailAddress", accountId + "@example.com");

        Map<String, ObjectNode> fields = new LinkedHashMap<>();
        fields.put(CREDENTIALS, NODES.objectNode().set(LOGIN_FIELD, login));
        fields.put(STATE, NODES.objectNode().set(PROFILE_FIELD, profile));
        return new AccountSnapshot(fields);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Stand-in CLI";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<Target> targets(Environment environment) {
        Path folder = folder(environment);
        return List.of(
                new Target(CREDENTIALS, credentialsFile(folder), List.of(LOGIN_FIELD), true,
                        lockFolders ? List.of(refreshLock(folder)) : List.of()),
                new Target(STATE, stateFile(folder), List.of(PROFILE_FIELD), false,
                        lockFolders ? List.of(stateLock(folder)) : List.of()));
    }

    @Override
    public Environment inFolder(Environment environment, Path folder) {
        return environment.withVariable(FOLDER_VARIABLE, folder.toString());
    }

    @Override
    public Identity identify(AccountSnapshot snapshot) {
        Optional<JsonNode> login = snapshot.field(CREDENTIALS, LOGIN_FIELD);
        if (login.isEmpty() || !login.get().hasNonNull("accountId")) {
            throw new InvalidAccountException("The stand-in CLI's files contain no login",
                    "Write a login into " + CREDENTIALS + " first.");
        }
        String accountId = login.get().get("accountId").asText();
        return new Identity(accountId, accountId + "@example.com", null, null);
    }

    @Override
    public ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) {
        Optional<JsonNode> diskLogin = onDisk.field(CREDENTIALS, LOGIN_FIELD);
        Optional<JsonNode> storedLogin = stored.field(CREDENTIALS, LOGIN_FIELD);
        if (diskLogin.isEmpty() || storedLogin.isEmpty()) {
            return ReadBack.otherAccount(stored, "the credentials file contains no login");
        }
        if (!diskLogin.get().path("accountId").equals(storedLogin.get().path("accountId"))) {
            return ReadBack.otherAccount(stored, "the credentials file has another account");
        }
        if (diskLogin.get().path("refreshToken").asText().isEmpty()) {
            return ReadBack.needsLogin(stored, "the CLI blanked the refresh token");
        }
        if (diskLogin.get().path("issuedAt").asLong()
                > storedLogin.get().path("issuedAt").asLong()) {
            return ReadBack.adopt(onDisk, "the CLI refreshed the token");
        }
        return ReadBack.keep(stored, "the stored login is as new as the one on disk");
    }

    @Override
    public TokenState tokenState(AccountSnapshot snapshot) {
        Optional<JsonNode> login = snapshot.field(CREDENTIALS, LOGIN_FIELD);
        if (login.isEmpty()) {
            return new TokenState(null, false);
        }
        Instant expiresAt = Instant.ofEpochMilli(login.get().path("expiresAt").asLong());
        return new TokenState(expiresAt, login.get().path("refreshToken").asText().isEmpty());
    }

    @Override
    public LaunchSpec launchSpec(Environment environment) {
        return new LaunchSpec("stand-in-cli", List.of(), Map.of(), "No install is needed.");
    }

    @Override
    public List<String> warnings(Environment environment) {
        return List.of();
    }
}
