package launcher.provider.claude;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.CredentialProvider;
import launcher.core.spi.Environment;
import launcher.core.spi.Identity;
import launcher.core.spi.InvalidAccountException;
import launcher.core.spi.LaunchSpec;
import launcher.core.spi.OperatingSystem;
import launcher.core.spi.ReadBack;
import launcher.core.spi.SpiVersion;
import launcher.core.spi.Target;
import launcher.core.spi.TokenState;

/**
 * Syncs Claude Code's login: {@code claudeAiOauth} in {@code .credentials.json} and
 * {@code oauthAccount} in the state file {@code .claude.json}.
 */
public final class ClaudeCodeProvider implements CredentialProvider {

    /** Variables that make Claude Code 2.1.332 use another credential than the synced files. */
    private static final List<String> CREDENTIAL_VARIABLES = List.of(
            "CLAUDE_CODE_OAUTH_TOKEN",
            "CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR",
            "ANTHROPIC_API_KEY",
            "ANTHROPIC_AUTH_TOKEN");

    /** Switches that route Claude Code 2.1.332 to a cloud provider instead of a Claude login. */
    private static final List<String> THIRD_PARTY_SWITCHES = List.of(
            "CLAUDE_CODE_USE_BEDROCK",
            "CLAUDE_CODE_USE_VERTEX",
            "CLAUDE_CODE_USE_FOUNDRY");

    private static final Set<String> TRUE_VALUES = Set.of("1", "true", "yes", "on");

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public ClaudeCodeProvider() {
    }

    @Override
    public String id() {
        return "claude";
    }

    @Override
    public String displayName() {
        return "Claude Code";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<Target> targets(Environment environment) {
        return ClaudeFiles.targets(environment);
    }

    /**
     * Points {@code CLAUDE_CONFIG_DIR} at {@code folder}, so that both files resolve inside it,
     * and drops the variables that would move them elsewhere or rename the state file.
     */
    @Override
    public Environment inFolder(Environment environment, Path folder) {
        return environment
                .withVariable(ClaudeFiles.CONFIG_DIR_VARIABLE, folder.toAbsolutePath().toString())
                .withVariable(ClaudeFiles.STORAGE_DIR_VARIABLE, null)
                .withVariable(ClaudeFiles.CUSTOM_OAUTH_VARIABLE, null);
    }

    @Override
    public Identity identify(AccountSnapshot snapshot) {
        ClaudeLogin login = ClaudeLogin.of(snapshot);

        if (!login.hasOauth()) {
            throw new InvalidAccountException(
                    "The Claude credentials hold no claudeAiOauth login.",
                    "Log in with `claude auth login`, then import again.");
        }
        if (login.blanked()) {
            throw new InvalidAccountException(
                    "The Claude login has blank tokens, so Claude Code must log in again.",
                    "Log in with `claude auth login`, then import again.");
        }
        if (login.accountUuid() == null) {
            throw new InvalidAccountException(
                    "The Claude state file has no oauthAccount.accountUuid, so the account is "
                            + "unknown.",
                    "Start `claude` once while online so that it stores the account, or log in "
                            + "with `claude auth login`, then import again.");
        }

        return new Identity(
                login.accountUuid(), login.email(), login.organization(), login.subscriptionType());
    }

    @Override
    public ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) {
        return ClaudeReadBack.decide(stored, onDisk);
    }

    /**
     * Describes the tokens in {@code claudeAiOauth}. For a snapshot that does not cover the
     * credentials target, such as one of the state file alone, the expiry is unknown and no
     * login is needed.
     */
    @Override
    public TokenState tokenState(AccountSnapshot snapshot) {
        if (!snapshot.targetIds().contains(ClaudeFiles.CREDENTIALS_TARGET)) {
            return new TokenState(null, false);
        }

        ClaudeLogin login = ClaudeLogin.of(snapshot);
        Long expiresAt = login.expiresAt();
        if (expiresAt == null || expiresAt <= 0) {
            return new TokenState(null, login.blanked());
        }
        return new TokenState(Instant.ofEpochMilli(expiresAt), login.blanked());
    }

    @Override
    public LaunchSpec launchSpec(Environment environment) {
        return new LaunchSpec(
                "claude", List.of(), Map.of(), "npm install -g @anthropic-ai/claude-code");
    }

    @Override
    public List<String> warnings(Environment environment) {
        List<String> warnings = new ArrayList<>();

        for (String variable : CREDENTIAL_VARIABLES) {
            if (environment.variable(variable).isPresent()) {
                warnings.add(variable + " is set, so Claude Code uses it instead of the synced "
                        + "login; unset it to use the chosen account.");
            }
        }

        for (String variable : THIRD_PARTY_SWITCHES) {
            String value = environment.variable(variable).orElse("");
            if (TRUE_VALUES.contains(value.trim().toLowerCase(Locale.ROOT))) {
                warnings.add(variable + " is set, so Claude Code uses a cloud provider instead of "
                        + "a Claude login; unset it to use the chosen account.");
            }
        }

        if (environment.operatingSystem() == OperatingSystem.MACOS) {
            // TODO: sync the Keychain item too; until then a switch changes only the files.
            warnings.add("On macOS Claude Code keeps its login in the login Keychain, but only "
                    + "the files are synced, so Claude Code may go on using the Keychain login.");
        }

        return warnings;
    }
}
