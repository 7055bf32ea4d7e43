package launcher.core.sync;

import java.time.Duration;
import launcher.core.io.AtomicWriter;
import launcher.core.io.ContentCheck;
import launcher.core.io.TargetFile;
import launcher.core.io.WriteException;
import launcher.core.json.JsonDocument;
import launcher.core.json.MalformedJsonException;
import launcher.core.spi.Target;
import launcher.core.store.TargetCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and parses targets. A parse failure is retried a few times, because Codex CLI (seen with
 * 0.171) rewrites {@code auth.json} in place, so that a reader can catch it half written.
 */
final class TargetReader {

    private static final Logger LOG = LoggerFactory.getLogger(TargetReader.class);

    /** How often a file that does not parse is read before the failure counts. */
    static final int PARSE_ATTEMPTS = 3;

    /** The pause before reading a file that did not parse again. */
    static final Duration PARSE_RETRY_DELAY = Duration.ofMillis(40);

    private final AtomicWriter writer;

    TargetReader(AtomicWriter writer) {
        this.writer = writer;
    }

    /**
     * Recognises a target by {@code recorded} when it has no secrets and its bytes have the
     * recorded size and checksums, and reads it otherwise. A recognised target is read in
     * chunks to compute its checksums, but not parsed, and the heap gets no copy of it.
     *
     * <p>A target with secrets is always read, because its account fields hold the tokens, and
     * a change that a checksum missed could lose a refreshed token.
     *
     * @param recorded the check that the store recorded for the target, or null
     * @throws SyncException when the file cannot be read or is not a JSON object
     */
    TargetContent read(Target target, TargetCheck recorded) {
        if (recorded != null && !target.secret() && recorded.path().equals(target.path())) {
            ContentCheck check =
                    new ContentCheck(recorded.size(), recorded.crc32c(), recorded.crc32());
            if (writer.stateIfMatches(target.path(), check) != null) {
                LOG.debug("Recognised {} by its size and checksums", target.path());
                return TargetContent.checked(target, check, recorded.accountFields());
            }
        }
        return read(target);
    }

    /**
     * Reads one target.
     *
     * @throws SyncException when the file cannot be read or is not a JSON object
     */
    TargetContent read(Target target) {
        MalformedJsonException failure = null;
        for (int attempt = 1; attempt <= PARSE_ATTEMPTS; attempt++) {
            TargetFile file = readFile(target);
            byte[] bytes = file.content();
            try {
                JsonDocument document = JsonDocument.parse(target.path(), bytes);
                LOG.debug("Read {} ({})", target.path(), file.exists() ? "exists" : "missing");
                ContentCheck check = file.exists() ? ContentCheck.of(bytes) : null;
                return TargetContent.read(target, file, document, check);
            } catch (MalformedJsonException e) {
                failure = e;
                LOG.debug("{} did not parse on attempt {} of {}", target.path(), attempt,
                        PARSE_ATTEMPTS);
            }
            if (attempt < PARSE_ATTEMPTS) {
                pause();
            }
        }
        throw new SyncException(failure.getMessage(), failure.fix(), failure);
    }

    private TargetFile readFile(Target target) {
        try {
            return writer.read(target.path());
        } catch (WriteException e) {
            throw new SyncException(e.getMessage(), e.fix(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PARSE_RETRY_DELAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException("Interrupted while reading the files to sync",
                    "Run the command again.", e);
        }
    }
}
