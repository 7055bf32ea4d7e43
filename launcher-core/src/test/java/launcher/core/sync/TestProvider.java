package launcher.core.sync;

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
 * A provider for a made-up CLI with two files. The {@code login} member of
 * {@code credentials.json} contains the tokens, and the CLI writes that file under
 * {@code .refresh.lock}, then {@code .write.lock}. The {@code account} member of
 * {@code state.json} contains the profile, and the CLI guards that file with
 * {@code state.json.lock}. A login with a larger {@code issuedAt} is newer.
 */
class TestProvider implements CredentialProvider {

    static final String ID = "test";
    static final String CREDENTIALS = "credentials";
    static final String STATE = "state";
    static final String FOLDER_VARIABLE = "TEST_CLI_HOME";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Returns the CLI's folder in an environment. */
    static Path folder(Environment environment) {
        return environment.variable(FOLDER_VARIABLE)
                .map(Path::of)
                .orElse(environment.home().resolve(".testcli"));
    }

    /** Returns a snapshot of one login. */
    static AccountSnapshot login(String accountId, String refreshToken, long issuedAt) {
        ObjectNode login = NODES.objectNode();
        login.put("accountId", accountId);
        login.put("accessToken", "access-" + refreshToken);
        login.put("refreshToken", refreshToken);
        login.put("issuedAt", issuedAt);
        login.put("expiresAt", 1_796_400_000_000L + issuedAt);
        ObjectNode account = NODES.objectNode();
        account.put("id", accountId);
        account.put("email", accountId + "@example.com");

        Map<String, ObjectNode> fields = new LinkedHashMap<>();
        fields.put(CREDENTIALS, NODES.objectNode().set("login", login));
        fields.put(STATE, NODES.objectNode().set("account", account));
        return new AccountSnapshot(fields);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Test CLI";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<Target> targets(Environment environment) {
        Path folder = folder(environment);
        Path state = folder.resolve("state.json");
        LockFolder stateLock = new LockFolder(
                state.resolveSibling("state.json.lock"), Duration.ofSeconds(10));
        List<LockFolder> credentialLocks = List.of(
                new LockFolder(folder.resolve(".refresh.lock"), Duration.ofSeconds(10)),
                new LockFolder(folder.resolve(".write.lock"), Duration.ofSeconds(10)));
        return List.of(
                new Target(CREDENTIALS, folder.resolve("credentials.json"), List.of("login"),
                        true, credentialLocks),
                new Target(STATE, state, List.of("account"), false, List.of(stateLock)));
    }

    @Override
    public Environment inFolder(Environment environment, Path folder) {
        return environment.withVariable(FOLDER_VARIABLE, folder.toString());
    }

    @Override
    public Identity identify(AccountSnapshot snapshot) {
        Optional<JsonNode> login = snapshot.field(CREDENTIALS, "login");
        if (login.isEmpty() || !login.get().hasNonNull("accountId")) {
            throw new InvalidAccountException("The test CLI's files hold no login",
                    "Run `test-cli login`.");
        }
        String email = snapshot.field(STATE, "account")
                .map(account -> account.path("email").asText(null))
                .orElse(null);
        return new Identity(login.get().get("accountId").asText(), email, null, null);
    }

    @Override
    public ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) {
        Optional<JsonNode> diskLogin = onDisk.field(CREDENTIALS, "login");
        Optional<JsonNode> storedLogin = stored.field(CREDENTIALS, "login");
        if (diskLogin.isEmpty() || storedLogin.isEmpty()) {
            return ReadBack.otherAccount(stored, "the credentials file holds no login");
        }
        if (!diskLogin.get().path("accountId").equals(storedLogin.get().path("accountId"))) {
            return ReadBack.otherAccount(stored, "the credentials file holds another account");
        }
        if (diskLogin.get().path("refreshToken").asText().isEmpty()) {
            return ReadBack.needsLogin(stored, "the CLI blanked the refresh token");
        }
        long diskIssuedAt = diskLogin.get().path("issuedAt").asLong();
        if (diskIssuedAt > storedLogin.get().path("issuedAt").asLong()) {
            return ReadBack.adopt(onDisk, "the CLI refreshed the token");
        }
        return ReadBack.keep(stored, "the stored login is as new as the one on disk");
    }

    @Override
    public TokenState tokenState(AccountSnapshot snapshot) {
        Optional<JsonNode> login = snapshot.field(CREDENTIALS, "login");
        if (login.isEmpty()) {
            return new TokenState(null, true);
        }
        Instant expiresAt = Instant.ofEpochMilli(login.get().path("expiresAt").asLong());
        return new TokenState(expiresAt, login.get().path("refreshToken").asText().isEmpty());
    }

    @Override
    public LaunchSpec launchSpec(Environment environment) {
        return new LaunchSpec("test-cli", List.of(), Map.of(), "Install test-cli.");
    }

    @Override
    public List<String> warnings(Environment environment) {
        return environment.variable("TEST_CLI_TOKEN")
                .map(value -> List.of("TEST_CLI_TOKEN is set and overrides the synced login;"
                        + " unset it."))
                .orElse(List.of());
    }
}
