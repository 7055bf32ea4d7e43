package launcher.core.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * The state of a snapshot's tokens, described without revealing them.
 *
 * @param expiresAt when the access token expires, or null when the login does not expire or the
 *     expiry is unknown
 * @param needsLogin whether the tokens are blank or revoked, so that the CLI must log in again
 */
public record TokenState(Instant expiresAt, boolean needsLogin) {

    /** Returns the expiry of the access token, if known. */
    public Optional<Instant> optionalExpiresAt() {
        return Optional.ofNullable(expiresAt);
    }
}
