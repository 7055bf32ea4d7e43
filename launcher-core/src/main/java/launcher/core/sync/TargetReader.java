package launcher.core.sync;

import java.time.Duration;
import launcher.core.io.AtomicWriter;
import launcher.core.io.TargetFile;
import launcher.core.io.WriteException;
import launcher.core.json.JsonDocument;
import launcher.core.json.MalformedJsonException;
import launcher.core.spi.Target;
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
     * Reads one target.
     *
     * @throws SyncException when the file cannot be read or is not a JSON object
     */
    TargetContent read(Target target) {
        MalformedJsonException failure = null;
        for (int attempt = 1; attempt <= PARSE_ATTEMPTS; attempt++) {
            TargetFile file = readFile(target);
            try {
                JsonDocument document = JsonDocument.parse(target.path(), file.content());
                LOG.debug("Read {} ({})", target.path(), file.exists() ? "exists" : "missing");
                return new TargetContent(target, file, document);
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
