package launcher.provider.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.ReadBack;

/**
 * Decides whether the Claude Code files hold a newer login of the stored account.
 *
 * <p>The disk is newer when it contains the same account (same {@code accountUuid}) and either a
 * later {@code expiresAt}, or a rotated refresh token whose {@code expiresAt} is not earlier.
 * Blanked tokens are never adopted. When the state file lacks {@code oauthAccount}, only an
 * unchanged refresh token proves that the disk contains the same account.
 */
final class ClaudeReadBack {

    static final String LOGIN_FIX = "run `claude auth login`";

    private ClaudeReadBack() {
    }

    static ReadBack decide(AccountSnapshot stored, AccountSnapshot onDisk) {
        ClaudeLogin before = ClaudeLogin.of(stored);
        ClaudeLogin now = ClaudeLogin.of(onDisk);

        if (!now.hasOauth()) {
            return ReadBack.otherAccount(stored, "The credentials file contains no Claude login.");
        }

        if (now.accountUuid() != null && before.accountUuid() != null
                && !now.accountUuid().equals(before.accountUuid())) {
            return ReadBack.otherAccount(stored, "The files contain another Claude account.");
        }

        if (now.blanked()) {
            return ReadBack.needsLogin(stored, "The Claude tokens on disk are blank, as Claude "
                    + "Code leaves them after a rejected refresh, so " + LOGIN_FIX + ".");
        }

        boolean identified = now.accountUuid() != null && before.accountUuid() != null;
        if (!identified && !now.sameRefreshToken(before)) {
            return ReadBack.otherAccount(
                    stored, "The state file has no oauthAccount and the refresh token differs, so "
                            + "the files may contain another account.");
        }

        return compareTokens(stored, onDisk, before, now);
    }

    private static ReadBack compareTokens(
            AccountSnapshot stored, AccountSnapshot onDisk, ClaudeLogin before, ClaudeLogin now) {
        AccountSnapshot adopted = withStoredAccountDetails(stored, onDisk);

        if (now.sameTokens(before)) {
            if (adopted.equals(stored)) {
                return ReadBack.keep(stored, "The files contain the stored login.");
            }
            return ReadBack.adopt(adopted, "Claude Code updated the account details.");
        }

        Long storedExpiry = before.expiresAt();
        Long diskExpiry = now.expiresAt();
        if (diskExpiry == null) {
            return ReadBack.keep(stored,
                    "The token on disk has no expiresAt, so it cannot be shown to be newer.");
        }
        if (storedExpiry == null || diskExpiry > storedExpiry) {
            return ReadBack.adopt(adopted, "Claude Code refreshed the token.");
        }
        if (diskExpiry < storedExpiry) {
            return ReadBack.keep(stored, "The token on disk is older than the stored one.");
        }
        if (!now.sameRefreshToken(before)) {
            return ReadBack.adopt(adopted, "Claude Code rotated the refresh token.");
        }
        return ReadBack.keep(stored,
                "The token on disk has the same refresh token and expiry as the stored one.");
    }

    /**
     * Returns the disk's snapshot, with the stored {@code oauthAccount} where the state file lacks
     * one, so that adopting a refreshed token never drops the account details.
     */
    private static AccountSnapshot withStoredAccountDetails(
            AccountSnapshot stored, AccountSnapshot onDisk) {
        Optional<JsonNode> storedAccount =
                stored.field(ClaudeFiles.STATE_TARGET, ClaudeFiles.ACCOUNT_FIELD);
        Optional<JsonNode> diskAccount =
                onDisk.field(ClaudeFiles.STATE_TARGET, ClaudeFiles.ACCOUNT_FIELD);
        if (storedAccount.isEmpty() || diskAccount.filter(JsonNode::isObject).isPresent()) {
            return onDisk;
        }

        Map<String, ObjectNode> fields = onDisk.toMap();
        fields.computeIfAbsent(
                        ClaudeFiles.STATE_TARGET, target -> JsonNodeFactory.instance.objectNode())
                .set(ClaudeFiles.ACCOUNT_FIELD, storedAccount.get());
        return new AccountSnapshot(fields);
    }
}
