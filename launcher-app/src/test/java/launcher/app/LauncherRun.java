package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import launcher.app.pty.PlainStreams;
import launcher.core.registry.ProviderRegistry;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;

/**
 * Runs the launcher in this process with every folder it uses under one temporary folder:
 * {@code home/}, the store in {@code store/}, {@code testcli/} for the test CLI's files, and
 * {@code work/} as the current directory.
 */
final class LauncherRun {

    private final Path root;
    private final Map<String, String> variables = new HashMap<>();
    private Function<List<Path>, ProviderRegistry> discovery =
            folders -> ProviderRegistry.of(List.of(new TestCliProvider()));
    private String input = "";

    /** The outcome of one run. */
    record Result(int exitCode, String out, String err) {

        /** Returns both streams, for failure messages. */
        String both() {
            return "exit code " + exitCode + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    LauncherRun(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(home());
        Files.createDirectories(workingDirectory());
        variables.put("HOME", home().toString());
        variables.put("LAUNCHER_HOME", storeRoot().toString());
        variables.put(TestCliProvider.HOME_VARIABLE, cliFolder().toString());
        variables.put("PATH", System.getenv("PATH"));
    }

    Path home() {
        return root.resolve("home");
    }

    Path storeRoot() {
        return root.resolve("store");
    }

    Path cliFolder() {
        return root.resolve("testcli");
    }

    Path authFile() {
        return cliFolder().resolve("auth.json");
    }

    Path workingDirectory() {
        return root.resolve("work");
    }

    /** Sets an environment variable of the launcher, or removes it when {@code value} is null. */
    LauncherRun variable(String name, String value) {
        if (value == null) {
            variables.remove(name);
        } else {
            variables.put(name, value);
        }
        return this;
    }

    /** Loads providers as the real launcher does instead of only the test CLI's. */
    LauncherRun realDiscovery() {
        discovery = ProviderRegistry::discover;
        return this;
    }

    /** Loads providers with {@code loader}, for example one that fails. */
    LauncherRun discovery(Function<List<Path>, ProviderRegistry> loader) {
        discovery = loader;
        return this;
    }

    /** Sets what the user types while a CLI runs. */
    LauncherRun input(String typed) {
        input = typed;
        return this;
    }

    /** Writes the test CLI's live file, as if the user had logged in with it. */
    void logIn(String accountId, String email, String accessToken, long issuedAt)
            throws IOException {
        Files.createDirectories(cliFolder());
        Files.writeString(authFile(),
                TestCliProvider.authFile(accountId, email, accessToken, issuedAt));
    }

    /** Imports the test CLI's live login as {@code name}, and fails the test when that fails. */
    void importAccount(String name) {
        Result result = run("accounts", "import", "--provider", "testcli", "--name", name);
        assertEquals(0, result.exitCode(), result.both());
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment environment = new Environment(home(), variables, OperatingSystem.LINUX);
        ByteArrayInputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Context context = new Context(environment, workingDirectory(), in, outStream,
                    errStream, discovery, ctx -> new PlainStreams(ctx.in(), ctx.out()));
            int exitCode = new App(context).run(args);
            return new Result(exitCode, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        }
    }
}
