package launcher.benchmarks;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Prints each benchmark's ratio against the {@link Baseline} of its class, measured in the same
 * run. On a shared, noisy machine the ratio is the figure to read, and the absolute times are
 * context.
 *
 * <p>The ratio is the baseline's time per operation divided by the method's, so 20 means 20
 * times cheaper. Results are grouped by class and by the values of the {@code @Param} fields,
 * because a method is only compared with the baseline measured on the same parameters.
 */
final class RatioReport {

    private RatioReport() {
    }

    /** One measured method. */
    private record Row(String method, double score, double error, String unit) {
    }

    /** Prints the ratios of {@code results} to {@code out}, one block per class and parameters. */
    static void print(Collection<RunResult> results, PrintStream out) {
        Map<String, List<Row>> groups = new TreeMap<>();
        Map<String, String> classByGroup = new LinkedHashMap<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String benchmark = params.getBenchmark();
            int lastDot = benchmark.lastIndexOf('.');
            String className = benchmark.substring(0, lastDot);
            String group = className + parametersOf(params);

            Result<?> primary = result.getPrimaryResult();
            Row row = new Row(benchmark.substring(lastDot + 1), primary.getScore(),
                    primary.getScoreError(), primary.getScoreUnit());
            groups.computeIfAbsent(group, key -> new ArrayList<>()).add(row);
            classByGroup.put(group, className);
        }

        out.println();
        out.println("Ratios against the baseline of the same run (higher is cheaper):");
        for (Map.Entry<String, List<Row>> group : groups.entrySet()) {
            printGroup(group.getKey(), classByGroup.get(group.getKey()), group.getValue(), out);
        }
    }

    private static void printGroup(String group, String className, List<Row> rows, PrintStream out) {
        Class<?> benchmarkClass = load(className);
        String baselineName = baselineOf(benchmarkClass);
        Row baseline = null;
        for (Row row : rows) {
            if (row.method().equals(baselineName)) {
                baseline = row;
            }
        }

        out.println();
        out.println(benchmarkClass.getSimpleName() + group.substring(className.length()));
        if (baseline == null) {
            out.println("  no baseline measured (run the @Baseline method "
                    + baselineName + " too)");
            for (Row row : rows) {
                out.printf(Locale.ROOT, "  %-28s %12.3f %s%n", row.method(), row.score(),
                        row.unit());
            }
            return;
        }

        out.printf(Locale.ROOT, "  %-28s %s  (baseline)%n", baseline.method(), score(baseline));
        for (Row row : rows) {
            if (row == baseline) {
                continue;
            }
            double ratio = baseline.score() / row.score();
            Goal goal = goalOf(benchmarkClass, row.method());
            String verdict = goal == null
                    ? ""
                    : String.format(Locale.ROOT, "  goal >= %.1f: %s", goal.atLeast(),
                            ratio >= goal.atLeast() ? "met" : "MISSED");
            out.printf(Locale.ROOT, "  %-28s %s  ratio %.1f%s%n", row.method(), score(row),
                    ratio, verdict);
        }
    }

    /** Formats a score with its 99.9% error, which JMH cannot give for fewer than 2 iterations. */
    private static String score(Row row) {
        if (Double.isNaN(row.error())) {
            return String.format(Locale.ROOT, "%12.3f %s", row.score(), row.unit());
        }
        return String.format(Locale.ROOT, "%12.3f ± %.3f %s", row.score(), row.error(), row.unit());
    }

    private static String parametersOf(BenchmarkParams params) {
        StringBuilder text = new StringBuilder();
        for (String key : params.getParamsKeys()) {
            text.append(text.isEmpty() ? " [" : ", ")
                    .append(key).append('=').append(params.getParam(key));
        }
        return text.isEmpty() ? "" : text.append(']').toString();
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("JMH reported a benchmark class that is not on the"
                    + " class path: " + className, e);
        }
    }

    private static String baselineOf(Class<?> benchmarkClass) {
        for (Method method : benchmarkClass.getMethods()) {
            if (method.isAnnotationPresent(Baseline.class)) {
                return method.getName();
            }
        }
        throw new IllegalStateException(benchmarkClass.getName()
                + " has no method annotated @Baseline, so its results cannot be compared");
    }

    private static Goal goalOf(Class<?> benchmarkClass, String methodName) {
        for (Method method : benchmarkClass.getMethods()) {
            if (method.getName().equals(methodName)) {
                return method.getAnnotation(Goal.class);
            }
        }
        return null;
    }
}
