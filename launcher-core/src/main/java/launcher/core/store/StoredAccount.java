package launcher.core.store;

import java.time.Instant;
import java.util.Objects;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.Identity;

/**
 * One managed account of one provider.
 *
 * @param name the name the user gave it, such as {@code work}
 * @param identity who the account belongs to
 * @param snapshot the account fields of every target, as last stored
 * @param createdAt when the account was imported
 * @param updatedAt when the snapshot last changed
 */
public record StoredAccount(
        String name, Identity identity, AccountSnapshot snapshot, Instant createdAt, Instant updatedAt) {

    public StoredAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Returns a copy with a new snapshot and update time. */
    public StoredAccount withSnapshot(AccountSnapshot newSnapshot, Instant now) {
        return new StoredAccount(name, identity, newSnapshot, createdAt, now);
    }
}
