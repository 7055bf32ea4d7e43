package launcher.core.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The owner of an account. Never contains a secret.
 *
 * @param accountId a stable id of the account at the CLI's vendor, or a hash of an API key; two
 *     snapshots with the same id are logins of the same account
 * @param email the account's email address, or null when the login has none
 * @param organization the organisation or team name, or null
 * @param plan the subscription plan or login kind, or null
 */
public record Identity(String accountId, String email, String organization, String plan) {

    public Identity {
        Objects.requireNonNull(accountId, "accountId");
        if (accountId.isBlank()) {
            throw new IllegalArgumentException("accountId is blank");
        }
    }

    /** Returns the email address, if the login has one. */
    public Optional<String> optionalEmail() {
        return Optional.ofNullable(email);
    }

    /** Returns the organisation name, if the login has one. */
    public Optional<String> optionalOrganization() {
        return Optional.ofNullable(organization);
    }

    /** Returns the plan, if known. */
    public Optional<String> optionalPlan() {
        return Optional.ofNullable(plan);
    }
}
