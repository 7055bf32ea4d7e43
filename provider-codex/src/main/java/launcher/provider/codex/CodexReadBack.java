package launcher.provider.codex;

import java.time.Instant;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.ReadBack;
import launcher.provider.codex.CodexLogin.Kind;

/**
 * Decides whether {@code auth.json} contains a newer login of the stored account.
 *
 * <p>The disk is newer when it has the same account id and a strictly later
 * {@code last_refresh}, or a later {@code exp} in the access token, and neither is earlier than
 * the stored one. Other tokens with the same readable times count as newer too, because the
 * launcher writes only the stored ones. Codex refresh tokens are single-use, so an older copy must never
 * win.
 */
final class CodexReadBack {

    static final String LOGIN_FIX = "run `codex login`";

    private CodexReadBack() {
    }

    static ReadBack decide(AccountSnapshot stored, AccountSnapshot onDisk) {
        CodexLogin before = CodexLogin.of(stored);
        CodexLogin now = CodexLogin.of(onDisk);

        if (now.kind() == Kind.NONE) {
            return ReadBack.otherAccount(stored, "auth.json contains no Codex login.");
        }

        String diskAccount = now.accountId();
        if (diskAccount != null && !diskAccount.equals(before.accountId())) {
            return ReadBack.otherAccount(stored, "auth.json contains another Codex account.");
        }

        if (now.emptied()) {
            return ReadBack.needsLogin(stored,
                    "The Codex tokens in auth.json are missing or blank, so " + LOGIN_FIX + ".");
        }

        if (diskAccount == null) {
            return ReadBack.otherAccount(
                    stored, "auth.json names no account id, so it may contain another account.");
        }

        if (now.kind() == Kind.API_KEY) {
            return ReadBack.keep(stored, "auth.json contains the stored API key.");
        }

        return compareTokens(stored, onDisk, before, now);
    }

    private static ReadBack compareTokens(
            AccountSnapshot stored, AccountSnapshot onDisk, CodexLogin before, CodexLogin now) {
        int refreshOrder = compare(now.lastRefresh(), before.lastRefresh());
        int expiryOrder = compare(now.accessTokenExpiry(), before.accessTokenExpiry());

        if (refreshOrder < 0 || expiryOrder < 0) {
            return ReadBack.keep(stored, "The tokens in auth.json are older than the stored ones.");
        }
        if (refreshOrder > 0 || expiryOrder > 0) {
            return ReadBack.adopt(onDisk, "Codex refreshed the tokens.");
        }
        boolean timesKnown = now.lastRefresh() != null && before.lastRefresh() != null
                && now.accessTokenExpiry() != null;
        if (!now.sameSecrets(before) && timesKnown) {
            // The launcher writes only the stored tokens, so other tokens with the same times
            // came from Codex after that write. Keeping the stored ones would lose them for good.
            return ReadBack.adopt(onDisk,
                    "Codex rotated the tokens without a later refresh time.");
        }
        if (!now.sameSecrets(before)) {
            return ReadBack.keep(stored, "The tokens in auth.json differ, but their times are"
                    + " unreadable, so they cannot be shown to be newer than the stored ones.");
        }
        return ReadBack.keep(stored, "auth.json contains the stored login.");
    }

    /**
     * Compares the disk's time with the stored one. A time missing on disk proves nothing, so it
     * is neither earlier nor later; a time that only the disk has is later.
     */
    private static int compare(Instant disk, Instant stored) {
        if (disk == null) {
            return 0;
        }
        if (stored == null) {
            return 1;
        }
        return disk.compareTo(stored);
    }
}
