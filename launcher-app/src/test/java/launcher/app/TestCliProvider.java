package launcher.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.CredentialProvider;
import launcher.core.spi.Environment;
import launcher.core.spi.Identity;
import launcher.core.spi.InvalidAccountException;
import launcher.core.spi.LaunchSpec;
import launcher.core.spi.ReadBack;
import launcher.core.spi.SpiVersion;
import launcher.core.spi.Target;
import launcher.core.spi.TokenState;

/**
 * A provider for {@code testcli}, a CLI that the tests make up: its login is the top-level
 * {@code login} object of {@code $TESTCLI_HOME/auth.json}, with {@code accountId},
 * {@code email}, {@code accessToken}, {@code refreshToken}, {@code issuedAt} and
 * {@code expiresAt} (epoch milliseconds). A login with a later {@code issuedAt} is newer.
 */
public final class TestCliProvider implements CredentialProvider {

    /** The variable that moves the CLI's folder, like {@code CODEX_HOME}. */
    public static final String HOME_VARIABLE = "TESTCLI_HOME";

    /** The variable that, when set, overrides the files, so that the provider warns about it. */
    public static final String TOKEN_VARIABLE = "TESTCLI_TOKEN";

    /** The variable that the launcher adds to the CLI's environment. */
    public static final String LAUNCHED_VARIABLE = "TESTCLI_LAUNCHED_BY";

    @Override
    public String id() {
        return "testcli";
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
        Path folder = environment.variable(HOME_VARIABLE)
                .map(Path::of)
                .orElse(environment.home().resolve(".testcli"));
        return List.of(new Target(
                "auth", folder.resolve("auth.json"), List.of("login"), true));
    }

    @Override
    public Environment inFolder(Environment environment, Path folder) {
        return environment.withVariable(HOME_VARIABLE, folder.toString());
    }

    @Override
    public Identity identify(AccountSnapshot snapshot) {
        Optional<JsonNode> login = snapshot.field("auth", "login");
        if (login.isEmpty() || !login.get().hasNonNull("accountId")) {
            throw new InvalidAccountException(
                    "auth.json of testcli contains no login.", "Log in with 'testcli login'.");
        }
        return new Identity(login.get().get("accountId").asText(),
                login.get().path("email").asText(null), null, "test");
    }

    @Override
    public ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) {
        Optional<JsonNode> disk = onDisk.field("auth", "login");
        Optional<JsonNode> kept = stored.field("auth", "login");
        if (disk.isEmpty() || kept.isEmpty()) {
            return ReadBack.otherAccount(stored, "the file contains no login");
        }
        if (!disk.get().path("accountId").equals(kept.get().path("accountId"))) {
            return ReadBack.otherAccount(stored, "the file contains another account");
        }
        if (disk.get().path("accessToken").asText("").isEmpty()) {
            return ReadBack.needsLogin(stored, "the CLI blanked the tokens");
        }
        if (disk.get().path("issuedAt").asLong() > kept.get().path("issuedAt").asLong()) {
            return ReadBack.adopt(onDisk, "the CLI refreshed the tokens");
        }
        return ReadBack.keep(stored, "the file contains the stored login or an older one");
    }

    @Override
    public TokenState tokenState(AccountSnapshot snapshot) {
        Optional<JsonNode> login = snapshot.field("auth", "login");
        if (login.isEmpty()) {
            return new TokenState(null, true);
        }
        Instant expiresAt = login.get().has("expiresAt")
                ? Instant.ofEpochMilli(login.get().get("expiresAt").asLong())
                : null;
        return new TokenState(expiresAt, login.get().path("accessToken").asText("").isEmpty());
    }

    @Override
    public LaunchSpec launchSpec(Environment environment) {
        return new LaunchSpec("testcli", List.of(), Map.of(LAUNCHED_VARIABLE, "launcher"),
                "Put a testcli executable on PATH.");
    }

    @Override
    public List<String> warnings(Environment environment) {
        if (environment.variable(TOKEN_VARIABLE).isPresent()) {
            return List.of(TOKEN_VARIABLE + " overrides the synced login; unset it.");
        }
        return List.of();
    }

    /** Returns the content of an {@code auth.json} with one login and a machine setting. */
    public static String authFile(
            String accountId, String email, String accessToken, long issuedAt) {
        ObjectNode file = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        file.put("theme", "dark");
        ObjectNode login = file.putObject("login");
        login.put("accountId", accountId);
        login.put("email", email);
        login.put("accessToken", accessToken);
        login.put("refreshToken", "refresh-" + accessToken);
        login.put("issuedAt", issuedAt);
        login.put("expiresAt", issuedAt + 3_600_000L);
        return file.toPrettyString() + "\n";
    }
}
