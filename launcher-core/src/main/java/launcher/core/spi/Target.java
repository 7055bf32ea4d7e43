package launcher.core.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One file that a sync keeps in step with the chosen account.
 *
 * <p>The file must hold a JSON object. Only its top-level members named in {@code accountFields}
 * belong to the account and are switched with it; every other byte of the file belongs to the
 * machine and is preserved.
 *
 * @param id a short id, unique among the provider's targets, such as {@code credentials}
 * @param path the absolute path of the file
 * @param accountFields the names of the top-level members that belong to the account
 * @param secret whether the file holds secrets, so that it is created readable by its owner only
 * @param lock the lock that the CLI itself takes before it rewrites this file, if any
 */
public record Target(
        String id, Path path, List<String> accountFields, boolean secret, Optional<LockFolder> lock) {

    public Target {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(lock, "lock");
        accountFields = List.copyOf(accountFields);
        if (accountFields.isEmpty()) {
            throw new IllegalArgumentException("Target " + id + " names no account field");
        }
        if (Set.copyOf(accountFields).size() != accountFields.size()) {
            throw new IllegalArgumentException("Target " + id + " names an account field twice");
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("Target " + id + " has a relative path: " + path);
        }
    }
}
