package launcher.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real CLI executable from the folder that the system property {@code launcher.test.clis}
 * names, in a clean environment that holds only the given variables and {@code PATH}.
 */
public final class RealCli {

    /** How long one command may run before the test fails; the commands used here are offline. */
    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;

    private RealCli(Path executable) {
        this.executable = executable;
    }

    /** The output of one run. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Finds an executable installed by {@code scripts/install-clis}. Skips the test when it is
     * missing, except in CI ({@code CI=true}), where it fails.
     */
    public static RealCli find(String name) {
        String folder = System.getProperty("launcher.test.clis");
        Path executable = folder == null ? null : Path.of(folder, name);
        boolean installed = executable != null && Files.isExecutable(executable);

        String reason = name + " is not installed in " + folder + "; run scripts/install-clis";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(installed, reason);
        } else {
            assumeTrue(installed, reason);
        }
        return new RealCli(executable);
    }

    /**
     * Runs the executable in {@code scratch}, which also receives its output, with
     * {@code arguments} and only {@code variables} and PATH set.
     */
    public Result run(Path scratch, Map<String, String> variables, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));

        Path stdout = scratch.resolve("stdout");
        Path stderr = scratch.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(scratch.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.putAll(variables);

        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail(String.join(" ", command) + " did not exit within " + TIMEOUT_SECONDS + " s");
        }

        return new Result(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
