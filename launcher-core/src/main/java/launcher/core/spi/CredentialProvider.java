package launcher.core.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * Describes one AI coding CLI: which files hold its login, which of their top-level JSON fields
 * belong to an account, how to tell accounts apart and how to start the CLI.
 *
 * <p>A provider declares and decides; it never reads or writes the synced files itself. The core
 * does all file work, so that every provider gets the same atomic, idempotent and locked writes.
 * Implementations are found with {@link java.util.ServiceLoader}, must have a public no-argument
 * constructor and must be safe to call from several threads.
 *
 * <p>Every method may throw; the core reports the exception with the provider's id and keeps
 * serving the other providers.
 */
public interface CredentialProvider {

    /**
     * Returns the stable lowercase id that users type after {@code --provider}, such as
     * {@code claude}. It must match {@link #ID_PATTERN}.
     */
    String id();

    /** Returns the name shown to people, such as {@code Claude Code}. */
    String displayName();

    /**
     * Returns the SPI version this provider was compiled against. Implement it as
     * {@code return SpiVersion.CURRENT;} so that the compiler inlines the value of the core that
     * the provider was built with.
     */
    int spiVersion();

    /**
     * Resolves the files to sync against the given environment. The list is never empty and
     * target ids are unique within it.
     */
    List<Target> targets(Environment environment);

    /**
     * Returns an environment in which {@link #targets(Environment)} resolves inside
     * {@code folder}, a folder laid out like the CLI's own configuration folder. Used to import an
     * account from a copy of another machine's files.
     */
    Environment inFolder(Environment environment, Path folder);

    /**
     * Identifies the account that a snapshot contains.
     *
     * @throws InvalidAccountException when the snapshot contains no usable login, with a message that
     *     names what is missing and which CLI command logs in
     */
    Identity identify(AccountSnapshot snapshot);

    /**
     * Decides whether the files on disk hold a newer login of the stored account, so that a
     * token the CLI refreshed is kept. Must never adopt an emptied or revoked token, and never
     * treat an older token as newer.
     *
     * @param stored the snapshot last stored for the account that was synced into the targets
     * @param onDisk the account fields as they are on disk now
     */
    ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk);

    /** Describes the tokens of a snapshot for {@code launcher status}, without revealing them. */
    TokenState tokenState(AccountSnapshot snapshot);

    /** Returns how to start the CLI in the given environment. */
    LaunchSpec launchSpec(Environment environment);

    /**
     * Returns warnings about the environment that make a sync ineffective or incomplete, such as
     * a variable that overrides the files or a keyring that stores the login instead. Each warning
     * is one sentence that names the setting and the fix.
     */
    default List<String> warnings(Environment environment) {
        return List.of();
    }

    /** The form of a provider id: a lowercase letter, then lowercase letters, digits or dashes. */
    String ID_PATTERN = "[a-z][a-z0-9-]{0,31}";
}
