package launcher.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import launcher.core.store.AccountStore;
import launcher.core.sync.SyncEngine;
import launcher.core.sync.SyncReport;
import launcher.provider.claude.ClaudeCodeProvider;
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
 * A sync of the account that the Claude Code files already contain, against a sync that switches
 * between two accounts and so rewrites both files. Every sync takes the store's lock, reads the
 * store and both targets, and reads back, as {@code launcher sync} does.
 *
 * <p>{@code noOpSync} reuses one engine, as a long-lived process would. {@code noOpSyncNewEngine}
 * creates an engine, and with it a new atomic writer, for every sync, as each launch does.
 * {@code syncAfterCliWrite} first rewrites a member of the state file that is not the account's,
 * as the CLI does on most runs, so that the sync has to read and parse the file again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SyncEngineBenchmark {

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);

    /** The size of {@code .claude.json}: a new install's, or about 5 MB with many projects. */
    @Param({"small", "large"})
    public String stateFile;

    private final ClaudeCodeProvider provider = new ClaudeCodeProvider();

    private Path folder;
    private AccountStore store;
    private Environment environment;
    private SyncEngine engine;
    private boolean switchToOther;
    private Path stateFilePath;
    private byte[][] cliWrites;
    private int cliWriteCount;

    /** Imports two made-up accounts into a temp store and syncs the first into the files. */
    @Setup(Level.Trial)
    public void importAccounts() throws IOException {
        folder = Files.createTempDirectory("launcher-benchmark-");
        Path config = Files.createDirectories(folder.resolve("config"));
        environment = new Environment(Files.createDirectories(folder.resolve("home")),
                Map.of("CLAUDE_CONFIG_DIR", config.toString()), OperatingSystem.LINUX);
        store = new AccountStore(folder.resolve("store"));
        engine = new SyncEngine(store, LOCK_TIMEOUT);

        importAccount("work", "alice@example.com", 1);
        importAccount("other", "bob@example.com", 2);

        // The machine's own files: the state file keeps every member but the account's.
        Files.write(config.resolve(".credentials.json"), StateFiles.credentialsFile(1));
        stateFilePath = config.resolve(".claude.json");
        Files.write(stateFilePath, stateFile("alice@example.com", 1));
        engine.sync(provider, environment, "work", false);

        // Two versions of the synced file with another numStartups, of the same size.
        String synced = Files.readString(stateFilePath);
        cliWrites = new byte[2][];
        for (int version = 0; version < 2; version++) {
            cliWrites[version] = synced.replaceFirst("\"numStartups\": ",
                    "\"numStartups\": " + (version + 1)).getBytes(StandardCharsets.UTF_8);
        }
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

    /** Syncs the live account again with the engine that synced it. */
    @Benchmark
    @Goal(atLeast = 20)
    public SyncReport noOpSync() {
        return engine.sync(provider, environment, "work", false);
    }

    /** Syncs the live account again with a new engine. */
    @Benchmark
    @Goal(atLeast = 20)
    public SyncReport noOpSyncNewEngine() {
        return new SyncEngine(store, LOCK_TIMEOUT).sync(provider, environment, "work", false);
    }

    /**
     * Rewrites the state file as the CLI would, without a flush to disk, then syncs the live
     * account, which leaves both files alone.
     */
    @Benchmark
    public SyncReport syncAfterCliWrite() throws IOException {
        Files.write(stateFilePath, cliWrites[cliWriteCount++ % 2]);
        return engine.sync(provider, environment, "work", false);
    }

    /** Switches to the other account, which rewrites both files and records the live account. */
    @Benchmark
    @Baseline
    public SyncReport switchingSync() {
        switchToOther = !switchToOther;
        return engine.sync(provider, environment, switchToOther ? "other" : "work", false);
    }

    private void importAccount(String name, String email, int generation) throws IOException {
        Path login = Files.createDirectories(folder.resolve("import-" + name));
        Files.write(login.resolve(".credentials.json"), StateFiles.credentialsFile(generation));
        Files.write(login.resolve(".claude.json"), stateFile(email, generation));

        engine.importAccount(provider, environment, name, Optional.of(login));
    }

    private byte[] stateFile(String email, int generation) {
        if (stateFile.equals("large")) {
            return StateFiles.stateFile(5 * 1024 * 1024, email, generation);
        }
        String account = StateFiles.oauthAccountNode(email).toPrettyString().replace("\n", "\n  ");
        return ("{\n  \"numStartups\": 3,\n  \"oauthAccount\": " + account + "\n}\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
