package launcher.benchmarks;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the benchmarks and prints each one's ratio against its baseline.
 *
 * <p>{@code java -jar benchmarks.jar RenameBackoff} runs the rename backoff measurement. Any
 * other arguments are JMH's own ({@code -h} lists them): a regular expression selects the
 * benchmarks, for example {@code AtomicWriterBenchmark}. No argument at all runs every JMH
 * benchmark and then the rename backoff.
 */
public final class BenchmarkMain {

    private static final String RENAME_BACKOFF = "RenameBackoff";

    private BenchmarkMain() {
    }

    /** Runs the benchmarks that {@code arguments} select. */
    public static void main(String[] arguments) throws Exception {
        if (arguments.length > 0 && arguments[0].equals(RENAME_BACKOFF)) {
            RenameBackoffBenchmark.run(System.out);
            return;
        }

        CommandLineOptions options = new CommandLineOptions(arguments);
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(arguments);
            return;
        }

        Collection<RunResult> results = new Runner(options).run();
        RatioReport.print(results, System.out);
        if (arguments.length == 0) {
            System.out.println();
            RenameBackoffBenchmark.run(System.out);
        }
    }
}
