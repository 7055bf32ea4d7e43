package launcher.core.spi;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One file that a sync keeps in step with the chosen account.
 *
 * <p>The file must hold a JSON object. Only its top-level members named in {@code accountFields}
 * belong to the account and are switched with it; every other byte of the file belongs to the
 * machine and is preserved.
 *
 * <p>A sync takes every lock in {@code locks} while it replaces the file, in list order, and
 * releases them in reverse order. The list must be in the order in which the CLI itself takes
 * these locks: a launcher that takes two of them in the opposite order from a running CLI can
 * deadlock with it until one side times out.
 *
 * @param id a short id, unique among the provider's targets, such as {@code credentials}
 * @param path the absolute path of the file
 * @param accountFields the names of the top-level members that belong to the account
 * @param secret whether the file contains secrets, so that it is created readable by its owner
 *     only. Such a file is also read and parsed on every sync, while a sync may recognise a file
 *     without secrets by the size and checksums that the store recorded for it
 * @param locks the locks that the CLI itself takes before it rewrites this file, in the CLI's
 *     order; empty when the CLI takes none
 */
public record Target(
        String id, Path path, List<String> accountFields, boolean secret, List<LockFolder> locks) {

    public Target {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        accountFields = List.copyOf(accountFields);
        locks = List.copyOf(locks);
        if (accountFields.isEmpty()) {
            throw new IllegalArgumentException("Target " + id + " names no account field");
        }
        if (Set.copyOf(accountFields).size() != accountFields.size()) {
            throw new IllegalArgumentException("Target " + id + " names an account field twice");
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("Target " + id + " has a relative path: " + path);
        }
        Set<Path> lockPaths = new HashSet<>();
        for (LockFolder lock : locks) {
            if (!lockPaths.add(lock.folder().toAbsolutePath().normalize())) {
                throw new IllegalArgumentException(
                        "Target " + id + " names the lock folder " + lock.folder() + " twice");
            }
        }
    }

    /** Creates a target of a file that the CLI writes without taking a lock. */
    public Target(String id, Path path, List<String> accountFields, boolean secret) {
        this(id, path, accountFields, secret, List.of());
    }
}
