package launcher.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import launcher.core.io.FileMover;
import launcher.core.io.RenameRetry;
import launcher.core.io.RetryPolicy;

/**
 * The CPU time that a rename retry uses while it waits out its whole budget, against the wall
 * time that passes. A retry that sleeps between attempts uses close to no CPU. As a baseline in
 * the same run, a loop that spins for the same wall time shows what the measurement reports for
 * a thread that never sleeps.
 *
 * <p>Thread CPU comes from {@link ThreadMXBean#getCurrentThreadCpuTime()} and process CPU from
 * {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime()} (user plus system time of
 * every thread, including the JIT compiler and the garbage collector).
 */
final class RenameBackoffBenchmark {

    /** The share of the wall time that the retrying thread may spend on the CPU. */
    private static final double GOAL_MAX_CPU_SHARE = 0.01;

    private static final int ROUNDS = 5;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean system =
            (com.sun.management.OperatingSystemMXBean)
                    ManagementFactory.getOperatingSystemMXBean();

    /** CPU and wall time of one measured round, in nanoseconds. */
    private record Sample(long wallNanos, long threadCpuNanos, long processCpuNanos) {

        double threadShare() {
            return (double) threadCpuNanos / wallNanos;
        }

        double processShare() {
            return (double) processCpuNanos / wallNanos;
        }
    }

    private RenameBackoffBenchmark() {
    }

    /** Runs the benchmark with the Windows retry policy and prints the result to {@code out}. */
    static void run(PrintStream out) throws Exception {
        RetryPolicy policy = RetryPolicy.windows();
        RenameBackoffBenchmark benchmark = new RenameBackoffBenchmark();
        FileMover denied = (source, target) -> {
            throw new AccessDeniedException(target.toString());
        };
        RenameRetry retry = new RenameRetry(policy, denied);

        out.printf(Locale.ROOT, "Rename retry with %s, mover always throws"
                + " AccessDeniedException, %d rounds%n", policy, ROUNDS);
        benchmark.exhaust(retry);
        Sample retrying = benchmark.median(() -> benchmark.exhaust(retry));
        Duration spinTime = Duration.ofNanos(retrying.wallNanos());
        Sample spinning = benchmark.median(() -> spin(spinTime));

        print(out, "retry (sleeps)", retrying);
        print(out, "spin baseline", spinning);
        double ratio = retrying.threadShare() / spinning.threadShare();
        out.printf(Locale.ROOT, "ratio of thread CPU shares, retry / spin: %.4f%n", ratio);
        out.printf(Locale.ROOT, "goal: retrying thread CPU <= %.0f%% of wall time: %s%n",
                GOAL_MAX_CPU_SHARE * 100, retrying.threadShare() <= GOAL_MAX_CPU_SHARE
                        ? "met" : "MISSED");
    }

    private void exhaust(RenameRetry retry) {
        try {
            retry.move(Path.of("source.tmp"), Path.of("target.json"));
            throw new IllegalStateException("A mover that always throws let a rename succeed");
        } catch (RenameRetry.RetriesExhaustedException expected) {
            // The whole budget was spent, which is what this benchmark measures.
        } catch (Exception e) {
            throw new IllegalStateException("The rename retry failed unexpectedly", e);
        }
    }

    private static void spin(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** Measures {@link #ROUNDS} runs of {@code work} and returns the one of median wall time. */
    private Sample median(Runnable work) {
        Sample[] samples = new Sample[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long wall = System.nanoTime();
            long thread = threads.getCurrentThreadCpuTime();
            long process = system.getProcessCpuTime();

            work.run();

            samples[round] = new Sample(System.nanoTime() - wall,
                    threads.getCurrentThreadCpuTime() - thread,
                    system.getProcessCpuTime() - process);
        }
        java.util.Arrays.sort(samples, java.util.Comparator.comparingLong(Sample::wallNanos));
        return samples[ROUNDS / 2];
    }

    private static void print(PrintStream out, String label, Sample sample) {
        out.printf(Locale.ROOT, "  %-16s wall %7.1f ms  thread CPU %7.3f ms (%6.2f%%)"
                        + "  process CPU %7.3f ms (%6.2f%%)%n",
                label, sample.wallNanos() / 1e6, sample.threadCpuNanos() / 1e6,
                sample.threadShare() * 100, sample.processCpuNanos() / 1e6,
                sample.processShare() * 100);
    }
}
