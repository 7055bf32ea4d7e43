package launcher.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import launcher.core.io.AtomicWriter;
import launcher.core.io.ConcurrentChangeException;
import launcher.core.io.WriteResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A write of the bytes a file already contains, against a forced atomic rewrite of the same
 * file (temp file, flush to disk, rename, flush of the folder).
 *
 * <p>{@code noOpRemembered} is the steady state of a long-lived process: the writer wrote the
 * file itself and finds its state (inode, size, modification time) unchanged, so it reads
 * nothing. {@code noOpCompare} is a new process: it reads the file and compares the bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AtomicWriterBenchmark {

    /** The size of the state file, an estimate for a {@code ~/.claude.json} with many projects. */
    private static final int STATE_FILE_BYTES = 5 * 1024 * 1024;

    /** The file to write: a small credentials file or a large state file. */
    @Param({"credentials", "state"})
    public String file;

    private Path folder;
    private Path target;
    private byte[] content;
    private byte[] otherContent;
    private boolean secret;
    private boolean writeOther;
    private AtomicWriter rememberingWriter;

    /** Writes the file once with the writer that {@link #noOpRemembered} uses. */
    @Setup(Level.Trial)
    public void createFile() throws IOException, ConcurrentChangeException {
        folder = Files.createTempDirectory("launcher-benchmark-");
        if (file.equals("credentials")) {
            target = folder.resolve(".credentials.json");
            content = StateFiles.credentialsFile(1);
            otherContent = StateFiles.credentialsFile(2);
            secret = true;
        } else {
            target = folder.resolve(".claude.json");
            content = StateFiles.stateFile(STATE_FILE_BYTES, "alice@example.com", 1);
            otherContent = StateFiles.stateFile(STATE_FILE_BYTES, "bob@example.com", 1);
            secret = false;
        }

        rememberingWriter = new AtomicWriter();
        rememberingWriter.write(target, content, secret, null);
    }

    /** Deletes the temp folder. */
    @TearDown(Level.Trial)
    public void deleteFolder() throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Writes the same bytes with the writer that wrote them, so that nothing is read. */
    @Benchmark
    @Goal(atLeast = 20)
    public WriteResult noOpRemembered() throws ConcurrentChangeException {
        return rememberingWriter.write(target, content, secret, null);
    }

    /** Writes the same bytes with a new writer, which reads the file and compares. */
    @Benchmark
    @Goal(atLeast = 20)
    public WriteResult noOpCompare() throws ConcurrentChangeException {
        return new AtomicWriter().write(target, content, secret, null);
    }

    /** Replaces the file with content that differs in one account, alternating two versions. */
    @Benchmark
    @Baseline
    public WriteResult forcedRewrite() throws ConcurrentChangeException {
        writeOther = !writeOther;
        return rememberingWriter.write(target, writeOther ? otherContent : content, secret, null);
    }
}
