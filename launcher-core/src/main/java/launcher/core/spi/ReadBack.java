package launcher.core.spi;

import java.util.Objects;

/**
 * A provider's decision about what the targets hold compared with the stored account.
 *
 * @param decision what to do with the snapshot on disk
 * @param snapshot the snapshot to store, which is the stored one unless {@code decision} is
 *     {@link Decision#ADOPT}
 * @param reason one sentence for logs and reports, with no secret in it
 */
public record ReadBack(Decision decision, AccountSnapshot snapshot, String reason) {

    public ReadBack {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(reason, "reason");
    }

    /** The provider's verdict on the login that the files on disk contain. */
    public enum Decision {
        /** The same login as stored, or an older one: keep the stored snapshot. */
        KEEP,
        /** A newer login of the same account: store {@link ReadBack#snapshot()}. */
        ADOPT,
        /** The CLI blanked or revoked the tokens: keep the stored snapshot and ask for a login. */
        NEEDS_LOGIN,
        /** A login of another account, or none: leave the stored account alone. */
        OTHER_ACCOUNT
    }

    /** Keeps the stored snapshot. */
    public static ReadBack keep(AccountSnapshot stored, String reason) {
        return new ReadBack(Decision.KEEP, stored, reason);
    }

    /** Stores the snapshot read from disk. */
    public static ReadBack adopt(AccountSnapshot onDisk, String reason) {
        return new ReadBack(Decision.ADOPT, onDisk, reason);
    }

    /** Keeps the stored snapshot and reports that the account must log in again. */
    public static ReadBack needsLogin(AccountSnapshot stored, String reason) {
        return new ReadBack(Decision.NEEDS_LOGIN, stored, reason);
    }

    /** Keeps the stored snapshot because the files contain another account. */
    public static ReadBack otherAccount(AccountSnapshot stored, String reason) {
        return new ReadBack(Decision.OTHER_ACCOUNT, stored, reason);
    }
}
