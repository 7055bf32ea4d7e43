package launcher.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import launcher.core.spi.OperatingSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces files atomically, and only when their bytes change.
 *
 * <p>A write goes to a temp file in the target's folder, which is flushed to disk and renamed over
 * the target, and then the folder is flushed too. A process killed at any point therefore leaves
 * the target either as it was or as intended. When the new bytes equal the old ones nothing
 * happens at all: no write, no rename, no change of permissions or modification time.
 *
 * <p>The writer keeps a copy of the bytes it last wrote to each file, and the state (inode, size
 * and modification time) that the write left. When the file's state is still that one, a write of
 * the same bytes is skipped without even reading the file. Otherwise the file is compared with
 * the new bytes chunk by chunk, without a copy of it on the heap. Share one writer per process to
 * get the most out of that record. Instances are safe to use from several threads.
 */
public final class AtomicWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicWriter.class);

    private static final OperatingSystem CURRENT_OS =
            OperatingSystem.fromName(System.getProperty("os.name"));
    private static final boolean WINDOWS = CURRENT_OS == OperatingSystem.WINDOWS;

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
            PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER =
            PosixFilePermissions.fromString("rwx------");

    /** How often a read is repeated when the file changes while it is being read. */
    private static final int READ_ATTEMPTS = 3;

    /** The links that Linux follows in one path lookup before it fails with ELOOP. */
    private static final int MAX_LINKS = 40;

    /**
     * The size of the off-heap buffer in which a file is compared or checked chunk by chunk. In a
     * timing loop on a 5 MB file, chunks of 64 KB to 1 MB took about the same time, and chunks of
     * 8 MB longer.
     */
    private static final int CHUNK_BYTES = 256 * 1024;

    /** Each thread's buffer for {@link #readChunks}, allocated when the thread first reads. */
    private static final ThreadLocal<ByteBuffer> CHUNK_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK_BYTES));

    private final RenameRetry renameRetry;
    private final OperatingSystem operatingSystem;
    private final Map<Path, Written> lastWritten = new ConcurrentHashMap<>();

    /**
     * Creates a writer with the real atomic rename and the retry policy of the operating system
     * it runs on, {@link RetryPolicy#forSystem}.
     */
    public AtomicWriter() {
        this(RetryPolicy.forSystem(CURRENT_OS), FileMover.atomic());
    }

    /** Creates a writer that renames with {@code mover} and retries under {@code policy}. */
    public AtomicWriter(RetryPolicy policy, FileMover mover) {
        this(policy, mover, CURRENT_OS);
    }

    /**
     * Creates a writer like {@link #AtomicWriter(RetryPolicy, FileMover)} whose error messages
     * suggest the fixes that suit {@code operatingSystem}.
     */
    public AtomicWriter(RetryPolicy policy, FileMover mover, OperatingSystem operatingSystem) {
        this.renameRetry = new RenameRetry(policy, mover);
        this.operatingSystem = Objects.requireNonNull(operatingSystem, "operatingSystem");
    }

    /**
     * Reads a target, following symbolic links; a missing file gives a {@link TargetFile} whose
     * {@code exists()} is false.
     *
     * @throws WriteException when the target is a directory, a dangling link or another file that
     *     is not a regular file, or when it cannot be read
     */
    public TargetFile read(Path target) throws WriteException {
        Path path = Objects.requireNonNull(target, "target");
        return readResolved(path, resolve(path));
    }

    /**
     * Writes {@code content} to {@code target} unless the file already contains exactly those
     * bytes. A symbolic link stays a link: the file at the end of the chain is replaced.
     *
     * @param target the file to write
     * @param content the complete new content
     * @param secret whether the file is created readable and writable by its owner only (and a
     *     missing folder accessible by its owner only); otherwise the file keeps the permissions
     *     of the file it replaces
     * @param expected what the caller read and merged into {@code content}, or null for no
     *     precondition; when given, the file is replaced only if it still matches it
     * @throws WriteException when the target is not a regular file, is read-only (its owner may
     *     not write it) or cannot be written; the target is unchanged and no temp file is left
     *     behind
     * @throws ConcurrentChangeException when {@code expected} is given and the file no longer
     *     matches it, so that another process wrote it since; nothing was written
     */
    public WriteResult write(Path target, byte[] content, boolean secret, TargetFile expected)
            throws WriteException, ConcurrentChangeException {
        return write(target, content, secret, expected, true);
    }

    /**
     * Writes like {@link #write(Path, byte[], boolean, TargetFile)} with no precondition, but
     * flushes neither the temp file nor the folder to disk. A crash of the system, unlike one of
     * the process, may then leave the target empty or as it was, so this is only for files that
     * can be lost without losing data, such as a cache.
     *
     * @throws WriteException as {@link #write(Path, byte[], boolean, TargetFile)} does
     */
    public WriteResult writeWithoutFlush(Path target, byte[] content, boolean secret)
            throws WriteException {
        try {
            return write(target, content, secret, null, false);
        } catch (ConcurrentChangeException e) {
            throw new IllegalStateException("A write without precondition detected a change", e);
        }
    }

    /**
     * Deletes the temp files in {@code folder} that writers of processes which are gone left
     * behind, or that are older than an hour, as a write into that folder does. A missing folder
     * or one that cannot be listed is left alone.
     */
    public void removeStaleTempFiles(Path folder) {
        if (Files.isDirectory(folder)) {
            TempFiles.removeStale(folder);
        }
    }

    private WriteResult write(
            Path target, byte[] content, boolean secret, TargetFile expected, boolean flush)
            throws ConcurrentChangeException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(content, "content");
        Path realPath = resolve(target);

        Written last = lastWritten.get(realPath);
        if (last != null && last.matches(content, realPath)) {
            LOG.debug("Left {} alone: it still contains what this process last wrote", target);
            return new WriteResult(target, false, 0);
        }

        // Only a write records the content: a copy of 5 MB costs more than the chunked compare
        // that a record of it would save the next time.
        if (stateIfContains(realPath, content) != null) {
            LOG.debug("Left {} alone: it already contains the new content", target);
            return new WriteResult(target, false, 0);
        }

        TargetFile current = readResolved(target, realPath);
        if (current.hasContent(content)) {
            LOG.debug("Left {} alone: it already contains the new content", target);
            return new WriteResult(target, false, 0);
        }
        if (expected != null && !expected.sameContentAs(current)) {
            throw new ConcurrentChangeException(target);
        }
        rejectReadOnly(target, realPath, current);

        Path folder = realPath.getParent();
        createFolder(folder, target, secret);
        TempFiles.removeStale(folder);

        int retries = replace(target, realPath, content, secret, current, expected, flush);
        LOG.debug("Wrote {} ({} bytes, {} rename retries)", target, content.length, retries);
        return new WriteResult(target, true, retries);
    }

    /**
     * Checks that {@code current}, as {@link #read(Path)} returned it, can be replaced: the file
     * is not read-only, no file is where one of its folders should be, and its folder, or the
     * nearest existing parent of a missing folder, is writable. A caller that writes several
     * files checks all of them before the first write.
     *
     * @throws WriteException naming the file or folder and the fix when a write would fail
     */
    public void checkWritable(TargetFile current) throws WriteException {
        Path realPath = current.realPath();
        rejectReadOnly(current.path(), realPath, current);

        Path folder = realPath.getParent();
        if (folder != null) {
            rejectFileInPlaceOf(folder, current.path());
        }
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder != null && !Files.isWritable(folder)) {
            throw new WriteException(
                    "Cannot write " + current.path() + ": the folder " + folder
                            + " is not writable, so the file was left unchanged",
                    "Make the folder writable with chmod u+w " + folder + " and try again.");
        }
    }

    private int replace(
            Path target, Path realPath, byte[] content, boolean secret, TargetFile current,
            TargetFile expected, boolean flush) throws ConcurrentChangeException {
        Path temp = TempFiles.claim(realPath);
        boolean renamed = false;
        try {
            FileState written = writeTemp(temp, realPath, content, secret, current, flush);

            if (expected != null && !expected.sameContentAs(readResolved(target, realPath))) {
                throw new ConcurrentChangeException(target);
            }

            int retries = rename(temp, target, realPath);
            renamed = true;
            lastWritten.put(realPath, new Written(content.clone(), written));
            if (flush) {
                forceFolder(realPath.getParent());
            }
            return retries;
        } finally {
            if (!renamed) {
                deleteTemp(temp);
            }
            TempFiles.release(temp);
        }
    }

    /**
     * Creates and fills the temp file, flushes it to disk when {@code flush} is set, and returns
     * its state, which the rename keeps.
     */
    private static FileState writeTemp(
            Path temp, Path realPath, byte[] content, boolean secret, TargetFile current,
            boolean flush) {
        Set<PosixFilePermission> permissions = permissionsFor(realPath, secret, current);
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes = permissions == null
                ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};

        try (FileChannel channel = FileChannel.open(temp, options, attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (flush) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw failure("write a temp file for", realPath, e);
        }

        try {
            if (permissions != null && !secret
                    && !Files.getPosixFilePermissions(temp).equals(permissions)) {
                // The umask narrowed the permissions of the replaced file: restore them.
                Files.setPosixFilePermissions(temp, permissions);
            }
            return FileState.of(Files.readAttributes(temp, BasicFileAttributes.class));
        } catch (IOException e) {
            throw failure("set the permissions of a temp file for", realPath, e);
        }
    }

    /**
     * Returns the permissions to create the temp file with, or null to leave them to the file
     * system: owner-only for secrets, else those of the file being replaced.
     */
    private static Set<PosixFilePermission> permissionsFor(
            Path realPath, boolean secret, TargetFile current) {
        if (!isPosix(realPath)) {
            // NOTE: on Windows the temp file inherits the folder's ACL, so a secret gets no
            // narrower access than the folder gives.
            return null;
        }
        if (secret) {
            return OWNER_ONLY_FILE;
        }
        if (!current.exists()) {
            return null;
        }
        try {
            return Files.getPosixFilePermissions(realPath);
        } catch (IOException e) {
            throw failure("read the permissions of", realPath, e);
        }
    }

    /**
     * Rejects a target that its owner may not write. The rename would succeed anyway, because it
     * needs write access to the folder only, but a file made read-only is meant to stay unchanged.
     */
    private static void rejectReadOnly(Path target, Path realPath, TargetFile current) {
        if (!current.exists() || !isPosix(realPath)) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(realPath);
        } catch (IOException e) {
            throw failure("read the permissions of", realPath, e);
        }
        if (!permissions.contains(PosixFilePermission.OWNER_WRITE)) {
            throw new WriteException(
                    target + " is read-only (" + PosixFilePermissions.toString(permissions)
                            + "), so it was left unchanged",
                    "If the launcher should manage this file, make it writable with"
                            + " chmod u+w " + realPath + " and try again.");
        }
    }

    private int rename(Path temp, Path target, Path realPath) {
        try {
            return renameRetry.move(temp, realPath);
        } catch (RenameRetry.RetriesExhaustedException e) {
            throw renameExhausted(target, realPath, e);
        } catch (IOException e) {
            throw renameFailed(realPath, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteException(
                    "Interrupted while waiting to retry the rename over " + target
                            + "; the file is unchanged",
                    "Run the command again.",
                    e);
        }
    }

    /**
     * Describes a rename that failed on every attempt. On Windows the usual cause is another
     * process that has the file open. Elsewhere an open file does not block a rename, so the
     * message gives the operating system's reason, such as {@code Operation not permitted} for
     * an immutable file on Linux.
     */
    private WriteException renameExhausted(
            Path target, Path realPath, RenameRetry.RetriesExhaustedException e) {
        IOException last = (IOException) e.getCause();
        String reason = last instanceof FileSystemException systemError
                && systemError.getReason() != null
                ? " (" + systemError.getReason() + ")"
                : "";
        String failed = "Could not replace " + target + ": the rename failed " + e.attempts()
                + " times, last with " + last.getClass().getName() + reason;
        if (operatingSystem == OperatingSystem.WINDOWS) {
            return new WriteException(
                    failed + ", probably because another process has the file open."
                            + " The file is unchanged",
                    "Close programs that may hold " + realPath + " open (a running CLI, an"
                            + " editor, a virus scanner) and try again.",
                    e);
        }
        return new WriteException(failed + ". The file is unchanged", attributesFix(realPath), e);
    }

    /**
     * Describes a rename that failed without retries. Off Windows, a plain
     * {@link FileSystemException} is how the JDK reports {@code EPERM}, {@code EROFS},
     * {@code ENOSPC} and {@code EBUSY}, so the fix names the attributes and the file system.
     */
    private WriteException renameFailed(Path realPath, IOException e) {
        if (operatingSystem == OperatingSystem.WINDOWS
                || e.getClass() != FileSystemException.class) {
            return failure("rename a temp file over", realPath, e);
        }
        String reason = ((FileSystemException) e).getReason();
        return new WriteException(
                "Could not rename a temp file over " + realPath + ": "
                        + (reason == null ? "FileSystemException" : reason)
                        + ". The file is unchanged",
                attributesFix(realPath),
                e);
    }

    private static String attributesFix(Path realPath) {
        return "Check the permissions and attributes of " + realPath + " and its folder, such as"
                + " an immutable flag (lsattr on Linux), and that its file system is mounted"
                + " writable and has free space, then try again.";
    }

    private static void deleteTemp(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("Could not delete temp file {}; the next write in its folder removes it: {}",
                    temp, e.toString());
        }
    }

    /** Flushes the folder's entries, so that the rename survives a power cut. */
    private static void forceFolder(Path folder) {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Could not flush folder {} after a rename: {}", folder, e.toString());
        }
    }

    /** Rejects a {@code folder} of {@code target} when it, or a folder above it, is a file. */
    private static void rejectFileInPlaceOf(Path folder, Path target) {
        Optional<Path> file = Folders.fileInPlaceOf(folder);
        if (file.isPresent()) {
            throw new WriteException(Folders.fileInPlaceMessage(file.get(), target),
                    Folders.fixForFile(file.get()));
        }
    }

    private static void createFolder(Path folder, Path target, boolean secret) {
        if (Files.isDirectory(folder)) {
            return;
        }
        rejectFileInPlaceOf(folder, target);
        try {
            if (secret && isPosix(folder)) {
                Files.createDirectories(
                        folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            } else {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw failure("create the folder", folder, e);
        }
    }

    /**
     * Returns the real path of a target: the regular file at the end of any chain of links, or
     * where a missing file would be created.
     */
    private static Path resolve(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(absolute, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw notRegularFile(target, attributes);
            }
            return absolute.toRealPath();
        } catch (NoSuchFileException e) {
            return resolveMissing(target, absolute);
        } catch (IOException e) {
            throw failure("read", target, e);
        }
    }

    private static Path resolveMissing(Path target, Path absolute) {
        if (Files.isSymbolicLink(absolute)) {
            throw new WriteException(
                    target + " is a symbolic link to a file that does not exist",
                    "Point the link at an existing file, or remove the link so that a new file is"
                            + " created there.");
        }
        Path parent = absolute.getParent();
        try {
            if (parent != null && Files.isDirectory(parent)) {
                return parent.toRealPath().resolve(absolute.getFileName());
            }
        } catch (IOException e) {
            throw failure("resolve the folder of", target, e);
        }
        return absolute;
    }

    private static WriteException notRegularFile(Path target, BasicFileAttributes attributes) {
        String kind = attributes.isDirectory() ? "a directory" : "not a regular file";
        return new WriteException(
                target + " is " + kind + ", but a regular file was expected there",
                "Move " + target + " out of the way, then try again.");
    }

    private static TargetFile readResolved(Path target, Path realPath) {
        TargetFile read = null;
        for (int attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
            try {
                FileState before = FileState.of(
                        Files.readAttributes(realPath, BasicFileAttributes.class));
                byte[] content = Files.readAllBytes(realPath);
                FileState after = FileState.of(
                        Files.readAttributes(realPath, BasicFileAttributes.class));

                read = new TargetFile(target, realPath, true, content, after);
                if (before.equals(after)) {
                    return read;
                }
                LOG.debug("{} changed while it was read (attempt {}); reading again",
                        target, attempt);
            } catch (NoSuchFileException e) {
                return TargetFile.missing(target, realPath);
            } catch (IOException e) {
                throw failure("read", target, e);
            }
        }
        // NOTE: a file rewritten in place during every attempt is returned as last read.
        return read;
    }

    private static FileState stateOrNull(Path realPath) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(
                    realPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return FileState.of(attributes);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Returns an error that names the file, the failed step, the system's reason and a fix. */
    static WriteException failure(String action, Path path, IOException cause) {
        String reason = cause instanceof FileSystemException fileSystemException
                && fileSystemException.getReason() != null
                ? fileSystemException.getReason()
                : cause.getClass().getSimpleName();
        if (cause instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (cause instanceof NoSuchFileException) {
            reason = "no such file or folder";
        } else if (!(cause instanceof FileSystemException) && cause.getMessage() != null) {
            reason = cause.getMessage();
        }

        Path loop = cause instanceof FileSystemException
                && !(cause instanceof AccessDeniedException)
                && !(cause instanceof NoSuchFileException)
                ? linkInLoop(path)
                : null;
        if (loop != null) {
            return new WriteException("Could not " + action + " " + path + ": the symbolic link "
                    + loop + " leads back to itself through a loop of links",
                    "Point " + loop + " at a real file or folder, or remove it, then try again.",
                    cause);
        }

        Path folder = path.toAbsolutePath().getParent();
        String fix = cause instanceof AccessDeniedException
                ? "Check that your user may read and write " + path + " and its folder " + folder
                        + "."
                : "Check that " + folder + " exists, is writable, is on a file system mounted"
                        + " read-write and has free space, then try again.";
        return new WriteException("Could not " + action + " " + path + ": " + reason, fix, cause);
    }

    /**
     * Returns the first symbolic link on the way to {@code path}, the path itself or one of its
     * folders, whose chain of links comes back to a link that it passed, or null when there is
     * none. Like Linux, a chain longer than {@value #MAX_LINKS} links counts as a loop.
     */
    static Path linkInLoop(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path prefix = absolute.getRoot();
        for (Path name : absolute) {
            prefix = prefix == null ? name : prefix.resolve(name);
            Set<Path> passed = new HashSet<>();
            Path link = prefix;
            while (Files.isSymbolicLink(link)) {
                if (!passed.add(link) || passed.size() > MAX_LINKS) {
                    return prefix;
                }
                try {
                    link = link.resolveSibling(Files.readSymbolicLink(link)).normalize();
                } catch (IOException e) {
                    break;
                }
            }
        }
        return null;
    }

    /**
     * Returns the state of {@code target} when it contains bytes of the size and checksums of
     * {@code check} and did not change while it was read. Returns null otherwise, and also when
     * the file is missing, is not a regular file or cannot be read. The file is read in chunks
     * and never held in memory whole.
     */
    public FileState stateIfMatches(Path target, ContentCheck check) {
        Objects.requireNonNull(check, "check");
        try {
            Path realPath = resolve(Objects.requireNonNull(target, "target"));
            FileState before = FileState.of(
                    Files.readAttributes(realPath, BasicFileAttributes.class));
            if (before.size() != check.size()) {
                return null;
            }
            ContentCheck.Accumulator accumulator = new ContentCheck.Accumulator();
            readChunks(realPath, (chunk, offset) -> {
                accumulator.update(chunk);
                return true;
            });
            FileState after = FileState.of(
                    Files.readAttributes(realPath, BasicFileAttributes.class));
            return before.equals(after) && accumulator.result().equals(check) ? after : null;
        } catch (WriteException | IOException e) {
            return null;
        }
    }

    /**
     * Compares the file with {@code content} in chunks, without reading it into memory whole, and
     * returns its state when it contains exactly those bytes and did not change meanwhile. Returns
     * null otherwise, and also when the file cannot be read, so that the full read reports why.
     */
    private static FileState stateIfContains(Path realPath, byte[] content) {
        try {
            FileState before = FileState.of(
                    Files.readAttributes(realPath, BasicFileAttributes.class));
            if (before.size() != content.length || !sameBytes(realPath, content)) {
                return null;
            }
            FileState after = FileState.of(
                    Files.readAttributes(realPath, BasicFileAttributes.class));
            return before.equals(after) ? after : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean sameBytes(Path realPath, byte[] content) throws IOException {
        long read = readChunks(realPath, (chunk, offset) -> {
            int length = chunk.remaining();
            return offset + length <= content.length
                    && chunk.mismatch(ByteBuffer.wrap(content, (int) offset, length)) < 0;
        });
        return read == content.length;
    }

    /** Receives the chunks of a file in order. */
    @FunctionalInterface
    private interface ChunkVisitor {

        /**
         * Takes the bytes at {@code offset} of the file, from the chunk's position to its limit;
         * returns false to stop the read. The buffer is reused for the next chunk.
         */
        boolean visit(ByteBuffer chunk, long offset);
    }

    /**
     * Reads a file chunk by chunk into this thread's direct buffer, so that the heap gets no copy
     * of the file, and passes each chunk to {@code visitor}. The JDK's {@code mismatch} and CRC
     * methods work on such a buffer without copying it. Returns the number of bytes read, or -1
     * when the visitor stopped the read.
     *
     * <p>A direct {@code ByteBuffer} serves here in place of an FFM {@code MemorySegment},
     * because the first use of FFM in a JVM generates method handle classes, which took about
     * 15 ms of a launch (JDK 25).
     */
    private static long readChunks(Path realPath, ChunkVisitor visitor) throws IOException {
        ByteBuffer buffer = CHUNK_BUFFER.get();
        try (FileChannel channel = FileChannel.open(realPath, StandardOpenOption.READ)) {
            long offset = 0;
            while (true) {
                buffer.clear();
                int read = channel.read(buffer);
                if (read < 0) {
                    return offset;
                }
                buffer.flip();
                if (!visitor.visit(buffer, offset)) {
                    return -1;
                }
                offset += read;
            }
        }
    }

    /** A copy of what this process last wrote to a file, and the state that the write left. */
    private record Written(byte[] content, FileState state) {

        /**
         * Returns whether {@code other} equals the bytes written and the file still has the state
         * that the write left. Lengths that differ return false before any stat call.
         */
        boolean matches(byte[] other, Path realPath) {
            return content.length == other.length
                    && state.equals(stateOrNull(realPath))
                    && Arrays.equals(content, other);
        }
    }
}
