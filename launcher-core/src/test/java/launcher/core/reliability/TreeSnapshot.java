package launcher.core.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A listing of a folder tree that changes whenever any entry is created, deleted, renamed,
 * rewritten, touched or given other permissions. Each entry is listed with its path, type,
 * permissions, modification time and inode, and with the SHA-256 of its bytes or the target of
 * its link.
 */
final class TreeSnapshot {

    private TreeSnapshot() {
    }

    /** Returns the listing of {@code root}, one line per entry, without following links. */
    static String of(Path root) throws IOException {
        StringBuilder listing = new StringBuilder();
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(root)) {
            entries = walk.sorted().toList();
        }
        for (Path entry : entries) {
            PosixFileAttributes attributes = Files.readAttributes(
                    entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            listing.append(root.relativize(entry)).append(' ')
                    .append(PosixFilePermissions.toString(attributes.permissions())).append(' ')
                    .append(attributes.lastModifiedTime()).append(' ')
                    .append(attributes.fileKey()).append(' ');
            if (attributes.isSymbolicLink()) {
                listing.append("link to ").append(Files.readSymbolicLink(entry));
            } else if (attributes.isRegularFile()) {
                listing.append("file ").append(sha256(Files.readAllBytes(entry)));
            } else {
                listing.append(attributes.isDirectory() ? "folder" : "other");
            }
            listing.append('\n');
        }
        return listing.toString();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
