package launcher.provider.claude;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import launcher.core.spi.AccountSnapshot;

/**
 * The parts of a Claude Code snapshot that identity and read-back look at. Every accessor
 * tolerates missing fields and values of the wrong JSON type.
 *
 * <p>Contains tokens, so {@link #toString()} leaves them out.
 */
final class ClaudeLogin {

    private final JsonNode oauth;
    private final JsonNode account;

    private ClaudeLogin(JsonNode oauth, JsonNode account) {
        this.oauth = oauth;
        this.account = account;
    }

    /** Reads the login fields out of a snapshot. */
    static ClaudeLogin of(AccountSnapshot snapshot) {
        JsonNode oauth = snapshot
                .field(ClaudeFiles.CREDENTIALS_TARGET, ClaudeFiles.CREDENTIALS_FIELD)
                .orElse(null);
        JsonNode account = snapshot
                .field(ClaudeFiles.STATE_TARGET, ClaudeFiles.ACCOUNT_FIELD)
                .orElse(null);
        return new ClaudeLogin(oauth, account);
    }

    /** Tells whether the credentials file contains a {@code claudeAiOauth} object at all. */
    boolean hasOauth() {
        return oauth != null && oauth.isObject();
    }

    /**
     * Tells whether the tokens are unusable: the access token is missing or blank, the refresh
     * token is present but blank, or {@code expiresAt} is 0. After a rejected refresh the CLI
     * writes all three.
     */
    boolean blanked() {
        if (!hasOauth()) {
            return true;
        }
        if (accessToken() == null) {
            return true;
        }
        if (oauth.has("refreshToken") && refreshToken() == null) {
            return true;
        }
        JsonNode expiresAt = oauth.get("expiresAt");
        return expiresAt != null && expiresAt.isNumber() && expiresAt.asLong() == 0;
    }

    /** Returns {@code expiresAt} in epoch milliseconds, or null when it is missing or not whole. */
    Long expiresAt() {
        JsonNode value = hasOauth() ? oauth.get("expiresAt") : null;
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            return null;
        }
        return value.asLong();
    }

    /** Returns the account's {@code accountUuid}, or null when the state file lacks it. */
    String accountUuid() {
        return accountText("accountUuid");
    }

    String email() {
        return accountText("emailAddress");
    }

    String organization() {
        return accountText("organizationName");
    }

    String subscriptionType() {
        return hasOauth() ? text(oauth.get("subscriptionType")) : null;
    }

    /** Tells whether both logins hold the same, non-blank refresh token. */
    boolean sameRefreshToken(ClaudeLogin other) {
        String token = refreshToken();
        return token != null && token.equals(other.refreshToken());
    }

    /** Tells whether both logins hold the same access token, refresh token and expiry. */
    boolean sameTokens(ClaudeLogin other) {
        return Objects.equals(accessToken(), other.accessToken())
                && Objects.equals(refreshToken(), other.refreshToken())
                && Objects.equals(expiresAt(), other.expiresAt());
    }

    private String accessToken() {
        return hasOauth() ? text(oauth.get("accessToken")) : null;
    }

    private String refreshToken() {
        return hasOauth() ? text(oauth.get("refreshToken")) : null;
    }

    private String accountText(String name) {
        if (account == null || !account.isObject()) {
            return null;
        }
        return text(account.get(name));
    }

    private static String text(JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return "ClaudeLogin[accountUuid=" + accountUuid() + ", expiresAt=" + expiresAt()
                + ", blanked=" + blanked() + "]";
    }
}
