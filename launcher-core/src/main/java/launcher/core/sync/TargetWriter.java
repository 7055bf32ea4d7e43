package launcher.core.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import launcher.core.io.AtomicWriter;
import launcher.core.io.ConcurrentChangeException;
import launcher.core.io.Folders;
import launcher.core.io.TargetFile;
import launcher.core.io.WriteException;
import launcher.core.io.WriteResult;
import launcher.core.json.JsonDocument;
import launcher.core.lock.LockException;
import launcher.core.lock.LockFolders;
import launcher.core.lock.LockWaitStoppedException;
import launcher.core.spi.LockFolder;
import launcher.core.spi.Target;
import launcher.core.sync.TargetReport.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes merged targets in order, each under all of the CLI's own lock folders for it. A file
 * that another process rewrites between the read and the rename is read back and merged again. When
 * a write fails, the targets written before it are put back.
 */
final class TargetWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TargetWriter.class);

    /** How often a target is merged and written before a concurrent writer wins. */
    static final int MERGE_ATTEMPTS = 5;

    private final AtomicWriter writer;
    private final TargetReader reader;
    private final Duration lockTimeout;

    TargetWriter(AtomicWriter writer, TargetReader reader, Duration lockTimeout) {
        this.writer = writer;
        this.reader = reader;
        this.lockTimeout = lockTimeout;
    }

    /**
     * A target as it was read, and the result of merging the account's fields into it.
     *
     * @param read the target as it was read or recognised by its check
     * @param merged the merged document, or null for a target recognised by its check that
     *     already contains the account's fields
     */
    record Plan(TargetContent read, JsonDocument merged) {

        Plan {
            if (read.isChecked() != (merged == null)) {
                throw new IllegalArgumentException(
                        "a plan needs a merged document exactly when the target was read");
            }
        }

        /** Returns the plan of a target recognised by its check that contains the fields. */
        static Plan unchanged(TargetContent checked) {
            return new Plan(checked, null);
        }

        /** Returns whether the merge changed any byte of the file. */
        boolean changed() {
            return merged != null && isChange(read, merged);
        }
    }

    /** Reads back a target that changed before the rename, and returns the fields to merge. */
    @FunctionalInterface
    interface Remerge {

        /** Returns the account fields to merge into {@code fresh}, with any read-back reports. */
        Remerged fieldsFor(TargetContent fresh);
    }

    /**
     * The fields to merge into a target that changed, and what the read-back of it stored.
     *
     * @param fields the account fields to put into the target
     * @param reports a {@link Action#READ_BACK} report when the change was a refreshed login
     */
    record Remerged(ObjectNode fields, List<TargetReport> reports) {

        Remerged {
            reports = List.copyOf(reports);
        }
    }

    /**
     * A target that this writer replaced, with the bytes it had before, to put them back, and
     * the document whose bytes it wrote.
     */
    private record Written(
            Target target, TargetFile before, byte[] after, JsonDocument merged,
            int renameRetries) {
    }

    /**
     * The outcome of {@link #writeAll}.
     *
     * @param reports one report per plan, and the read-back reports of targets merged again
     * @param written each target without secrets that was written, known by the check of the
     *     bytes written
     */
    record Outcome(List<TargetReport> reports, List<TargetContent> written) {
    }

    /** A write that failed, with what became of the targets before it. */
    static final class WriteFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient List<TargetReport> reports;

        WriteFailure(SyncException cause, List<TargetReport> reports) {
            super(cause.getMessage(), cause);
            this.reports = List.copyOf(reports);
        }

        @Override
        public synchronized SyncException getCause() {
            return (SyncException) super.getCause();
        }

        List<TargetReport> reports() {
            return reports;
        }
    }

    /**
     * Writes every changed plan and returns one report per plan. A target that another process
     * changes before the rename is read again and passed to {@code remerge}, so that a token
     * refreshed meanwhile is stored before the file is replaced.
     *
     * @throws WriteFailure when a target cannot be written, after the targets written before it
     *     were put back, or, with no targets written, when one is read-only or in a folder that
     *     is not writable
     */
    Outcome writeAll(List<Plan> plans, Remerge remerge) {
        checkWritable(plans);

        List<TargetReport> reports = new ArrayList<>();
        List<Written> written = new ArrayList<>();
        List<TargetContent> writtenContents = new ArrayList<>();
        for (Plan plan : plans) {
            Target target = plan.read().target();
            if (!plan.changed()) {
                LOG.debug("Left {} alone: it already holds the account", target.path());
                reports.add(report(target, Action.UNCHANGED, 0, ""));
                continue;
            }

            Optional<Written> result;
            try {
                result = writeOne(plan, remerge, reports);
            } catch (SyncException e) {
                List<TargetReport> rolledBack = rollBackAll(written);
                if (e.getCause() instanceof LockWaitStoppedException stopped) {
                    ShutdownHold.reportStop(stopReport(stopped, rolledBack));
                }
                throw new WriteFailure(e, rolledBack);
            } catch (OutOfMemoryError e) {
                // The failed write's copies of a large file are garbage once it has unwound, so
                // the files written before it can still be put back.
                SyncException failure = new SyncException("Ran out of memory while writing "
                        + target.path(), "Raise the heap with LAUNCHER_JAVA_OPTS=-Xmx2g or more,"
                        + " then sync again.", e);
                throw new WriteFailure(failure, rollBackAll(written));
            }
            if (result.isPresent()) {
                written.add(result.get());
                reports.add(report(target, Action.WRITTEN, result.get().renameRetries(), ""));
                if (!target.secret()) {
                    writtenContents.add(TargetContent.written(
                            target, result.get().merged(), result.get().after()));
                }
            } else {
                reports.add(report(target, Action.UNCHANGED, 0,
                        "Another process wrote the same account fields first."));
            }
        }
        return new Outcome(reports, writtenContents);
    }

    /**
     * Checks every target that will be written for the failures known in advance, so that a
     * read-only second target stops the sync before the first is written and put back.
     *
     * @throws WriteFailure with no targets written, naming the first target that fails
     */
    void checkWritable(List<Plan> plans) {
        for (Plan plan : plans) {
            if (!plan.changed()) {
                continue;
            }
            try {
                writer.checkWritable(plan.read().file());
            } catch (WriteException e) {
                throw new WriteFailure(new SyncException(e.getMessage(), e.fix(), e), List.of());
            }
        }
    }

    private Optional<Written> writeOne(Plan plan, Remerge remerge, List<TargetReport> reports) {
        Target target = plan.read().target();
        try (HeldLocks _ = lock(target, ShutdownHold::stopRequested)) {
            TargetContent current = plan.read();
            JsonDocument merged = plan.merged();
            for (int attempt = 1; ; attempt++) {
                if (!isChange(current, merged)) {
                    return Optional.empty();
                }
                try {
                    byte[] bytes = merged.content();
                    WriteResult result =
                            writer.write(target.path(), bytes, target.secret(), current.file());
                    if (!result.written()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Written(
                            target, current.file(), bytes, merged, result.renameRetries()));
                } catch (ConcurrentChangeException e) {
                    if (attempt == MERGE_ATTEMPTS) {
                        throw keptChanging(target, e);
                    }
                    LOG.debug("{} changed after it was read (attempt {} of {}); merging again",
                            target.path(), attempt, MERGE_ATTEMPTS);
                } catch (WriteException e) {
                    throw new SyncException(e.getMessage(), e.fix(), e);
                }

                current = reader.read(target);
                Remerged remerged = remerge.fieldsFor(current);
                reports.addAll(remerged.reports());
                merged = current.merge(remerged.fields());
            }
        }
    }

    /**
     * Returns the message that a signal stopped the sync while it waited for a lock, with the
     * files that were put back. It names the files, never their content.
     */
    private static String stopReport(
            LockWaitStoppedException stopped, List<TargetReport> rolledBack) {
        String stop = "The sync was stopped by a signal while it waited for the lock folder "
                + stopped.lock();
        if (rolledBack.isEmpty()) {
            return stop + ", before it wrote any file, so the files are as they were.";
        }
        List<String> putBack = new ArrayList<>();
        List<String> notPutBack = new ArrayList<>();
        for (TargetReport report : rolledBack) {
            if (report.action() == Action.ROLLED_BACK) {
                putBack.add(report.path().toString());
            } else {
                notPutBack.add(report.path() + " (" + report.detail() + ")");
            }
        }
        String line = stop;
        if (!putBack.isEmpty()) {
            line += ", and the files it had written were put back as they were: "
                    + String.join(", ", putBack);
        }
        if (!notPutBack.isEmpty()) {
            line += (putBack.isEmpty() ? ". " : ". But ") + "these files keep the new account: "
                    + String.join(", ", notPutBack);
        }
        return line + ".";
    }

    private static SyncException keptChanging(Target target, ConcurrentChangeException cause) {
        return new SyncException(target.path() + " was rewritten by another process each of the "
                + MERGE_ATTEMPTS + " times the launcher merged and wrote it, so it was left as"
                + " that process wrote it",
                "Close running copies of the CLI and run the command again.", cause);
    }

    /** Puts back the written targets, last written first, and reports what became of each. */
    private List<TargetReport> rollBackAll(List<Written> written) {
        List<TargetReport> reports = new ArrayList<>();
        for (Written target : written.reversed()) {
            reports.addFirst(rollBack(target));
        }
        return reports;
    }

    private TargetReport rollBack(Written written) {
        Target target = written.target();
        // A rollback waits for the locks even during shutdown, because the file must go back.
        try (HeldLocks _ = lock(target, () -> false)) {
            TargetFile now = writer.read(target.path());
            if (!now.hasContent(written.after())) {
                LOG.warn("Did not put back {}: another process changed it after the launcher"
                        + " wrote it", target.path());
                return report(target, Action.WRITTEN, written.renameRetries(),
                        "Not put back, because another process changed it after the write.");
            }

            if (written.before().exists()) {
                writer.write(target.path(), written.before().content(), target.secret(), now);
            } else {
                // NOTE: the check above and this delete are not one atomic step.
                Files.deleteIfExists(now.realPath());
            }
            LOG.debug("Put back {} because a later target failed", target.path());
            return report(target, Action.ROLLED_BACK, written.renameRetries(),
                    "Put back because a later file could not be written.");
        } catch (SyncException | WriteException | ConcurrentChangeException | IOException e) {
            LOG.warn("Could not put back {}: {}", target.path(), e.getMessage());
            return report(target, Action.WRITTEN, written.renameRetries(),
                    "Could not be put back: " + e.getMessage());
        }
    }

    /**
     * Takes every lock folder of a target in its declared order, which the provider gives as the
     * CLI's own order so that the two do not deadlock. Taking all of them waits at most the lock
     * timeout in total, and stops waiting when {@code stopRequested} returns true. When one
     * cannot be taken, the ones already taken are released.
     */
    private HeldLocks lock(Target target, BooleanSupplier stopRequested) {
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        List<LockFolders.Held> taken = new ArrayList<>();
        try {
            for (LockFolder lock : target.locks()) {
                createParent(lock.folder());
                taken.add(LockFolders.acquire(lock, lockTimeout, deadline, stopRequested));
            }
        } catch (LockException e) {
            new HeldLocks(taken).close();
            throw new SyncException(e.getMessage(), e.fix(), e);
        } catch (RuntimeException e) {
            new HeldLocks(taken).close();
            throw e;
        }
        return new HeldLocks(taken);
    }

    /** The lock folders of one target, released in the reverse of the order they were taken. */
    private record HeldLocks(List<LockFolders.Held> folders) implements AutoCloseable {

        @Override
        public void close() {
            for (LockFolders.Held lock : folders.reversed()) {
                lock.close();
            }
        }
    }

    /**
     * Creates the folder that a lock folder goes in, as before the first sync into a CLI folder
     * that does not exist yet. It gets owner-only permissions where the file system has them,
     * because it is where the CLI keeps its login.
     */
    private static void createParent(Path lockFolder) {
        Path parent = lockFolder.toAbsolutePath().getParent();
        if (Files.isDirectory(parent)) {
            return;
        }
        Optional<Path> file = Folders.fileInPlaceOf(parent);
        if (file.isPresent()) {
            throw new SyncException(
                    Folders.fileInPlaceMessage(file.get(), "the lock folder " + lockFolder),
                    Folders.fixForFile(file.get()));
        }
        try {
            if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            String reason = e instanceof FileSystemException fileSystemException
                    && fileSystemException.getReason() != null
                    ? fileSystemException.getReason()
                    : e.getMessage();
            throw new SyncException("Could not create the folder " + parent + " for the lock"
                    + " folder " + lockFolder + ": " + reason,
                    "Check that your user may create " + parent + ", then try again.", e);
        }
    }

    private static boolean isChange(TargetContent read, JsonDocument merged) {
        if (merged == read.document()) {
            // A merge that changes nothing returns the parsed document itself, whose bytes are
            // the file's, so there is nothing to compare.
            return false;
        }
        // Compares the two arrays in place, because a copy of a large state file for the
        // comparison would add its size to the heap that a sync needs.
        return !merged.sameContentAs(read.document());
    }

    private static TargetReport report(Target target, Action action, int retries, String detail) {
        return new TargetReport(target.id(), target.path(), action, retries, detail);
    }
}
