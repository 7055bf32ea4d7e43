package launcher.core.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The size, checksums and account fields of a target without secrets, as a sync last
 * read and parsed it. A later sync that finds a file of the same size and checksums takes these
 * account fields instead of parsing the file again.
 *
 * @param path the target's path as the provider named it
 * @param size the file's size in bytes
 * @param crc32c the CRC-32C of the file's bytes
 * @param crc32 the CRC-32 of the file's bytes
 * @param accountFields the account fields that the file contained, which are not secrets
 */
public record TargetCheck(Path path, long size, int crc32c, int crc32, ObjectNode accountFields) {

    public TargetCheck {
        Objects.requireNonNull(path, "path");
        accountFields = accountFields.deepCopy();
    }

    /** Returns a copy of the account fields. */
    @Override
    public ObjectNode accountFields() {
        return accountFields.deepCopy();
    }
}
