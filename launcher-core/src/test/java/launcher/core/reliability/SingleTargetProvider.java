package launcher.core.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
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
 * A provider with one target without secrets, a given file that holds the profile in
 * {@code oauthAccount} as Claude Code's {@code .claude.json} does, and no lock folders. The
 * account's identity is the profile's {@code emailAddress}.
 */
final class SingleTargetProvider implements CredentialProvider {

    static final String ID = "single-target";
    static final String TARGET = "state";
    static final String PROFILE_FIELD = "oauthAccount";

    private final Path file;

    /** Creates a provider whose only target is {@code file}. */
    SingleTargetProvider(Path file) {
        this.file = file;
    }

    /** Returns the snapshot of an account with {@code profile} in its target. */
    static AccountSnapshot account(ObjectNode profile) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.set(PROFILE_FIELD, profile);
        return new AccountSnapshot(Map.of(TARGET, fields));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Single-target CLI";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<Target> targets(Environment environment) {
        return List.of(new Target(TARGET, file, List.of(PROFILE_FIELD), false, List.of()));
    }

    @Override
    public Environment inFolder(Environment environment, Path folder) {
        return environment;
    }

    @Override
    public Identity identify(AccountSnapshot snapshot) {
        Optional<JsonNode> profile = snapshot.field(TARGET, PROFILE_FIELD);
        if (profile.isEmpty() || !profile.get().hasNonNull("emailAddress")) {
            throw new InvalidAccountException("The file contains no profile with an email address",
                    "Write a profile into " + file + " first.");
        }
        String email = profile.get().get("emailAddress").asText();
        return new Identity(email, email, null, null);
    }

    @Override
    public ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) {
        return ReadBack.keep(stored, "the target contains no tokens to read back");
    }

    @Override
    public TokenState tokenState(AccountSnapshot snapshot) {
        return new TokenState(null, false);
    }

    @Override
    public LaunchSpec launchSpec(Environment environment) {
        return new LaunchSpec("single-target-cli", List.of(), Map.of(), "No install is needed.");
    }

    @Override
    public List<String> warnings(Environment environment) {
        return List.of();
    }
}
