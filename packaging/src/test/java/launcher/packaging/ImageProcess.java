package launcher.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program of the built image as a real process and collects its output. */
final class ImageProcess {

    /** The image that the build made, passed in by the failsafe configuration. */
    static final Path IMAGE = Path.of(System.getProperty("launcher.image", "target/launcher"));

    /** Upper bound on one run, so that a hung child fails its test and not the whole build. */
    private static final long MAX_WAIT_SECONDS = 120;

    private ImageProcess() {
    }

    /** The exit code and the output of one finished process. */
    record Result(int exitCode, String stdout, String stderr) {

        /** Returns a description of the run for assertion messages. */
        String describe() {
            return "exit code " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /** A started process whose output goes to temporary files until it exits. */
    record Started(List<String> command, Process process, Path stdout, Path stderr) {

        /** Returns the process id of the started program. */
        long pid() {
            return process.pid();
        }

        /** Waits for the process to exit, then returns its result and deletes the files. */
        Result await() throws IOException, InterruptedException {
            try {
                if (!process.waitFor(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(command + " timed out after "
                            + MAX_WAIT_SECONDS + " s");
                }

                return new Result(process.exitValue(),
                        Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        }
    }

    /**
     * Starts {@code executable} with {@code arguments}, no standard input, and the test's
     * environment plus {@code environment}, less any {@code LAUNCHER_JAVA_OPTS} of the test's own.
     */
    static Started start(Path executable, Map<String, String> environment, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));

        Path stdout = Files.createTempFile("launcher-stdout", ".txt");
        Path stderr = Files.createTempFile("launcher-stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().remove("LAUNCHER_JAVA_OPTS");
        builder.environment().putAll(environment);

        return new Started(command, builder.start(), stdout, stderr);
    }

    /** Runs {@code executable} as {@link #start} does and waits for it to exit. */
    static Result run(Path executable, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        return start(executable, environment, arguments).await();
    }

    /** Runs {@code bin/launcher} of the built image. */
    static Result launcher(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        return run(IMAGE.resolve("bin/launcher"), environment, arguments);
    }

    /** Runs the image's own {@code bin/java}. */
    static Result java(String... arguments) throws IOException, InterruptedException {
        return run(IMAGE.resolve("bin/java"), Map.of(), arguments);
    }
}
