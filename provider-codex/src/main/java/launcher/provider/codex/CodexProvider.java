package launcher.provider.codex;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.CredentialProvider;
import launcher.core.spi.Environment;
import launcher.core.spi.Identity;
import launcher.core.spi.InvalidAccountException;
import launcher.core.spi.LaunchSpec;
import launcher.core.spi.LauncherException;
import launcher.core.spi.ReadBack;
import launcher.core.spi.SpiVersion;
import launcher.core.spi.Target;
import launcher.core.spi.TokenState;
import launcher.provider.codex.CodexLogin.Kind;

/**
 * Syncs the Codex CLI's login: the account fields of {@code auth.json} in {@code CODEX_HOME}.
 * Every other field of the file is kept.
 */
public final class CodexProvider implements CredentialProvider {

    static final String AUTH_TARGET = "auth";

    static final String HOME_VARIABLE = "CODEX_HOME";

    private static final List<String> ACCOUNT_FIELDS =
            List.of("auth_mode", "OPENAI_API_KEY", "tokens", "last_refresh");

    private static final String LOGIN_FIX = "Log in with `codex login`, then import again.";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public CodexProvider() {
    }

    @Override
    public String id() {
        return "codex";
    }

    @Override
    public String displayName() {
        return "Codex CLI";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    /**
     * Returns {@code auth.json} in the Codex home folder, with no lock.
     *
     * <p>NOTE: Codex 0.171 names an {@code auth.lock} in its auth storage code. Whether it locks
     * auth.json that way was not checked, because only a token refresh, which needs the network,
     * would show it.
     */
    @Override
    public List<Target> targets(Environment environment) {
        Path authFile = codexHome(environment).resolve("auth.json");
        return List.of(new Target(AUTH_TARGET, authFile, ACCOUNT_FIELDS, true));
    }

    @Override
    public Environment inFolder(Environment environment, Path folder) {
        return environment.withVariable(HOME_VARIABLE, folder.toAbsolutePath().toString());
    }

    @Override
    public Identity identify(AccountSnapshot snapshot) {
        CodexLogin login = CodexLogin.of(snapshot);

        if (login.kind() == Kind.NONE) {
            throw new InvalidAccountException(
                    "auth.json contains neither ChatGPT tokens nor an API key.", LOGIN_FIX);
        }
        if (login.emptied()) {
            throw new InvalidAccountException(
                    "The Codex ChatGPT login has a missing or blank access or refresh token.",
                    LOGIN_FIX);
        }
        String accountId = login.accountId();
        if (accountId == null) {
            throw new InvalidAccountException(
                    "The Codex ChatGPT login has neither tokens.account_id nor a "
                            + "chatgpt_account_id claim in its id token, so the account is "
                            + "unknown.",
                    LOGIN_FIX);
        }

        return new Identity(accountId, login.email(), null, login.plan());
    }

    @Override
    public ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) {
        return CodexReadBack.decide(stored, onDisk);
    }

    @Override
    public TokenState tokenState(AccountSnapshot snapshot) {
        CodexLogin login = CodexLogin.of(snapshot);
        boolean needsLogin = login.kind() == Kind.NONE || login.emptied();
        Instant expiry = login.kind() == Kind.CHATGPT ? login.accessTokenExpiry() : null;
        return new TokenState(expiry, needsLogin);
    }

    @Override
    public LaunchSpec launchSpec(Environment environment) {
        return new LaunchSpec("codex", List.of(), Map.of(), "npm install -g @openai/codex");
    }

    @Override
    public List<String> warnings(Environment environment) {
        List<String> warnings = new ArrayList<>();

        if (environment.variable("CODEX_ACCESS_TOKEN").isPresent()) {
            warnings.add("CODEX_ACCESS_TOKEN is set, so Codex uses that token instead of the "
                    + "synced auth.json; unset it to use the chosen account.");
        }
        if (environment.variable("CODEX_API_KEY").isPresent()) {
            warnings.add("CODEX_API_KEY is set, so `codex exec` uses that key instead of the "
                    + "synced auth.json; unset it to use the chosen account there.");
        }

        warnings.addAll(CodexConfig.warnings(codexHome(environment).resolve("config.toml")));
        return warnings;
    }

    /**
     * Returns {@code $CODEX_HOME}, or {@code ~/.codex}.
     *
     * @throws LauncherException when {@code CODEX_HOME} is a relative path, a file or a path
     *     inside a file
     */
    private static Path codexHome(Environment environment) {
        Optional<String> configured = environment.variable(HOME_VARIABLE);
        if (configured.isEmpty()) {
            return environment.home().resolve(".codex");
        }
        return Environment.absoluteFolder(HOME_VARIABLE, configured.get());
    }
}
