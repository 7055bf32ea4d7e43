package launcher.example.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * The provider for {@code example-cli}, a made-up CLI that keeps its login in
 * {@code $EXAMPLE_CLI_HOME/auth.json}, by default {@code ~/.example-cli/auth.json}.
 *
 * <p>The file's top-level {@code account} object is the login: {@code id} and {@code email}
 * identify the account, {@code token} is the secret, and {@code issuedAt} (epoch milliseconds)
 * grows each time the CLI refreshes the token. Every other member of the file is the machine's,
 * and the launcher keeps it as it is.
 *
 * <p>Like every provider, this one only declares and decides. The launcher reads, merges, locks
 * and writes the file.
 */
public final class ExampleCliProvider implements CredentialProvider {

    /** The variable that moves the CLI's folder away from {@code ~/.example-cli}. */
    static final String HOME_VARIABLE = "EXAMPLE_CLI_HOME";

    private static final String TARGET_ID = "auth";
    private static final String ACCOUNT_FIELD = "account";

    /** Creates the provider. {@link java.util.ServiceLoader} requires a public constructor. */
    public ExampleCliProvider() {
    }

    @Override
    public String id() {
        return "example";
    }

    @Override
    public String displayName() {
        return "Example CLI";
    }

    @Override
    public int spiVersion() {
        // A constant, so the compiler copies the version of the core this provider is built with.
        return SpiVersion.CURRENT;
    }

    @Override
    public List<Target> targets(Environment environment) {
        Path folder = environment.variable(HOME_VARIABLE)
                .map(Path::of)
                .orElse(environment.home().resolve(".example-cli"));
        Target auth = new Target(TARGET_ID, folder.resolve("auth.json"), List.of(ACCOUNT_FIELD),
                true);
        return List.of(auth);
    }

    @Override
    public Environment inFolder(Environment environment, Path folder) {
        return environment.withVariable(HOME_VARIABLE, folder.toString());
    }

    @Override
    public Identity identify(AccountSnapshot snapshot) {
        JsonNode account = account(snapshot);
        String id = account.path("id").asText("");
        if (id.isBlank()) {
            throw new InvalidAccountException(
                    "auth.json of example-cli contains no account with an id.",
                    "Log in with 'example-cli login', then import the account again.");
        }
        return new Identity(id, account.path("email").asText(null), null, null);
    }

    @Override
    public ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) {
        JsonNode storedAccount = account(stored);
        JsonNode diskAccount = account(onDisk);

        String diskId = diskAccount.path("id").asText("");
        if (diskId.isBlank() || !diskId.equals(storedAccount.path("id").asText())) {
            return ReadBack.otherAccount(stored, "the file contains another account or none");
        }
        if (diskAccount.path("token").asText("").isBlank()) {
            return ReadBack.needsLogin(stored, "the CLI blanked the token");
        }
        if (diskAccount.path("issuedAt").asLong() > storedAccount.path("issuedAt").asLong()) {
            return ReadBack.adopt(onDisk, "the CLI refreshed the token");
        }
        return ReadBack.keep(stored, "the file contains the stored token or an older one");
    }

    @Override
    public TokenState tokenState(AccountSnapshot snapshot) {
        // The made-up CLI's tokens carry no expiry, so only a blank token can be reported.
        boolean blank = account(snapshot).path("token").asText("").isBlank();
        return new TokenState(null, blank);
    }

    @Override
    public LaunchSpec launchSpec(Environment environment) {
        return new LaunchSpec("example-cli", List.of(), Map.of(),
                "Install example-cli and put it on PATH, or pass --executable.");
    }

    /** Returns the {@code account} object of a snapshot, or a missing node when it has none. */
    private static JsonNode account(AccountSnapshot snapshot) {
        return snapshot.fields(TARGET_ID).path(ACCOUNT_FIELD);
    }
}
