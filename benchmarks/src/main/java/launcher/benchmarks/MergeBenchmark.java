package launcher.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import launcher.core.json.JsonDocument;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The minimal-diff merge of one account member into a 5 MB {@code .claude.json}, against a full
 * Jackson parse and pretty-print of the same file, which is what a naive merge costs (and which
 * would also lose the file's own layout).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MergeBenchmark {

    private static final int STATE_FILE_BYTES = 5 * 1024 * 1024;
    private static final Path PATH = Path.of(".claude.json");

    private final ObjectMapper mapper = new ObjectMapper();

    private byte[] stateFile;
    private ObjectNode sameAccount;
    private ObjectNode otherAccount;

    /** Generates the state file for alice and the account members of alice and bob. */
    @Setup
    public void generate() {
        stateFile = StateFiles.stateFile(STATE_FILE_BYTES, "alice@example.com", 1);
        sameAccount = StateFiles.oauthAccountNode("alice@example.com");
        otherAccount = StateFiles.oauthAccountNode("bob@example.com");
    }

    /** Parses the file, replaces {@code oauthAccount} with bob's and returns the new bytes. */
    @Benchmark
    public byte[] minimalDiffSwitch() {
        return JsonDocument.parse(PATH, stateFile).withMember("oauthAccount", otherAccount)
                .content();
    }

    /** Parses the file and sets {@code oauthAccount} to the value it already has. */
    @Benchmark
    public JsonDocument minimalDiffNoOp() {
        return JsonDocument.parse(PATH, stateFile).withMember("oauthAccount", sameAccount);
    }

    /** Parses the whole file into a tree, replaces the member and pretty-prints the tree. */
    @Benchmark
    @Baseline
    public byte[] jacksonParseAndPrint() throws IOException {
        ObjectNode tree = (ObjectNode) mapper.readTree(stateFile);
        tree.set("oauthAccount", otherAccount);
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    }
}
