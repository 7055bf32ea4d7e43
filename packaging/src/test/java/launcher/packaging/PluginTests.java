package launcher.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import launcher.app.ExitCodes;
import launcher.core.registry.ProviderModules;
import launcher.core.spi.CredentialProvider;
import launcher.packaging.ImageProcess.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the image's {@code bin/launcher} with the example provider's jar as a plugin, in each of
 * the places that the launcher loads plugins from.
 */
class PluginTests {

    /** The example provider's jar, passed in by the failsafe configuration. */
    static final Path EXAMPLE_JAR = Path.of(Objects.requireNonNull(
            System.getProperty("launcher.example.jar"),
            "the system property launcher.example.jar is not set: run the tests with Maven"));

    @TempDir
    Path root;

    Path store;
    Path exampleHome;
    Map<String, String> environment;

    /** Where a test puts the plugin jar, and the option or variable that names its folder. */
    enum Placement {
        /** In the store's own {@code providers/} folder, which is always searched. */
        STORE_FOLDER,
        /** In a folder given with {@code --provider-path}. */
        PROVIDER_PATH_OPTION,
        /** In a folder named by {@code LAUNCHER_PROVIDER_PATH}. */
        PROVIDER_PATH_VARIABLE
    }

    @BeforeEach
    void isolateFolders() throws IOException {
        store = root.resolve("store");
        exampleHome = Files.createDirectories(root.resolve("example-cli"));
        environment = isolatedEnvironment(root);
        environment.put("EXAMPLE_CLI_HOME", exampleHome.toString());
    }

    /**
     * Returns an environment whose home, store and CLI folders are all under {@code root}, so
     * that no test reads or changes the user's own files.
     */
    static Map<String, String> isolatedEnvironment(Path root) throws IOException {
        Map<String, String> environment = new HashMap<>();
        environment.put("HOME", Files.createDirectories(root.resolve("home")).toString());
        environment.put("LAUNCHER_HOME", root.resolve("store").toString());
        environment.put("CLAUDE_CONFIG_DIR", root.resolve("claude").toString());
        environment.put("CODEX_HOME", root.resolve("codex").toString());
        environment.put("XDG_CONFIG_HOME", root.resolve("config").toString());
        environment.put("LAUNCHER_PROVIDER_PATH", "");
        return environment;
    }

    /**
     * Copies the example jar into the folder of {@code placement} and returns the options that
     * name that folder, if any.
     */
    private List<String> place(Placement placement) throws IOException {
        Path folder = switch (placement) {
            case STORE_FOLDER -> store.resolve("providers");
            case PROVIDER_PATH_OPTION, PROVIDER_PATH_VARIABLE -> root.resolve("plugins");
        };
        Files.createDirectories(folder);
        Files.copy(EXAMPLE_JAR, folder.resolve("example.jar"), StandardCopyOption.REPLACE_EXISTING);

        if (placement == Placement.PROVIDER_PATH_VARIABLE) {
            environment.put("LAUNCHER_PROVIDER_PATH", folder.toString());
        }
        if (placement == Placement.PROVIDER_PATH_OPTION) {
            return List.of("--provider-path", folder.toString());
        }
        return List.of();
    }

    private Result launcher(List<String> options, String... arguments)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(arguments));
        return ImageProcess.launcher(environment, all.toArray(String[]::new));
    }

    private static String authFile(String machineField, String token, long issuedAt) {
        return """
                {
                  "%s": true,
                  "account": {
                    "id": "acct-ada",
                    "email": "ada@example.com",
                    "token": "%s",
                    "issuedAt": %d
                  }
                }
                """.formatted(machineField, token, issuedAt);
    }

    private void importAccount(List<String> options) throws Exception {
        Path exported = Files.createDirectories(root.resolve("exported"));
        Files.writeString(exported.resolve("auth.json"), authFile("exported", "token-1", 100));

        Result result = launcher(options, "accounts", "import", "--provider", "example",
                "--name", "work", "--from", exported.toString());

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("Imported account work (ada@example.com) for provider example.\n",
                result.stdout(), result.describe());
    }

    @Nested
    class WhenExampleJarIsPlugin {

        @ParameterizedTest
        @EnumSource(Placement.class)
        void listsModuleVersionAndFile(Placement placement) throws Exception {
            List<String> options = place(placement);
            Path jar = placement == Placement.STORE_FOLDER
                    ? store.resolve("providers/example.jar")
                    : root.resolve("plugins/example.jar");

            Result result = launcher(options, "providers");

            assertEquals(0, result.exitCode(), result.describe());
            List<String> lines = result.stdout().lines().toList();
            assertTrue(lines.contains("example  Example CLI  launcher.example.provider  "
                    + System.getProperty("launcher.version") + "  " + jar.toUri()),
                    result.describe());
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("claude  ")),
                    result.describe());
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("codex  ")),
                    result.describe());
        }

        @ParameterizedTest
        @EnumSource(Placement.class)
        void importsSyncsAndReportsStatus(Placement placement) throws Exception {
            List<String> options = place(placement);
            Path live = Files.writeString(exampleHome.resolve("auth.json"),
                    authFile("machine", "token-old", 1));
            importAccount(options);

            Result sync = launcher(options, "sync", "--provider", "example", "--account", "work");
            Result status = launcher(options, "status", "--provider", "example");

            assertEquals(0, sync.exitCode(), sync.describe());
            assertTrue(sync.stdout().contains("auth  " + live + "  WRITTEN"), sync.describe());
            String synced = Files.readString(live);
            assertTrue(synced.contains("\"token\": \"token-1\""), synced);
            assertTrue(synced.contains("\"machine\": true"), "the machine's field was lost");
            assertFalse(synced.contains("\"exported\""), "a field outside the account was copied");
            assertEquals(0, status.exitCode(), status.describe());
            assertTrue(status.stdout().contains("auth  " + live + "  work, matches"),
                    status.describe());
            assertFalse(sync.stdout().contains("token-1"), "sync printed the token");
            assertFalse(status.stdout().contains("token-1"), "status printed the token");
        }

        @ParameterizedTest
        @EnumSource(Placement.class)
        void startsExecutableInWorktree(Placement placement) throws Exception {
            List<String> options = place(placement);
            importAccount(options);
            Path worktree = Files.createDirectories(root.resolve("worktree"));
            Result init = ImageProcess.run(Path.of("git"), Map.of(), "init", "-q",
                    worktree.toString());
            assertEquals(0, init.exitCode(), init.describe());
            Path seen = root.resolve("seen");
            Path bin = Files.createDirectories(root.resolve("bin"));
            Path cli = writeScript(bin.resolve("example-cli"), """
                    #!/bin/sh
                    pwd -P > "$1/pwd"
                    cp "$EXAMPLE_CLI_HOME/auth.json" "$1/auth.json"
                    echo "example-cli ran with $2"
                    exit 7
                    """);
            Files.createDirectories(seen);

            Result result = launcher(options, "--provider", "example", "--worktree",
                    worktree.toString(), "--account", "work", "--executable", cli.toString(),
                    "--", seen.toString(), "hello");

            assertEquals(7, result.exitCode(), result.describe());
            assertTrue(result.stdout().contains("example-cli ran with hello"), result.describe());
            assertEquals(worktree.toRealPath() + "\n", Files.readString(seen.resolve("pwd")));
            String auth = Files.readString(seen.resolve("auth.json"));
            assertTrue(auth.contains("\"token\": \"token-1\""), auth);
            assertTrue(auth.contains("\"email\": \"ada@example.com\""), auth);
        }
    }

    /** Broken provider jars, one per way a plugin can fail, built once for all tests. */
    static ProviderModules brokenModules;

    @BeforeAll
    static void buildBrokenModules(@TempDir Path buildFolder) throws Exception {
        String modulePath = Stream.of(CredentialProvider.class, JsonNode.class, JsonParser.class,
                        JsonAutoDetect.class)
                .map(PluginTests::jarOf)
                .collect(Collectors.joining(File.pathSeparator));
        brokenModules = ProviderModules.build(buildFolder, modulePath, List.of(
                ProviderModules.library("test.absent"),
                ProviderModules.requiring("test.needsabsent", "needsabsent", "test.absent"),
                ProviderModules.provider("test.ctorfail", "return \"ctorfail\";",
                        "return SpiVersion.CURRENT;",
                        "throw new IllegalStateException(\"no configuration\");"),
                ProviderModules.provider("test.idfail",
                        "throw new IllegalStateException(\"id is not ready\");",
                        "return SpiVersion.CURRENT;", ""),
                ProviderModules.provider("test.claude.twin", "claude"),
                ProviderModules.provider("test.newspi", "return \"newspi\";", "return 2;", "")));
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new AssertionError("no file for the code source of " + type, e);
        }
    }

    /** Copies the example jar and one broken plugin into the store's plugin folder. */
    private Path installBroken(String broken) throws IOException {
        Path folder = Files.createDirectories(store.resolve("providers"));
        Files.copy(EXAMPLE_JAR, folder.resolve("example.jar"));
        if (broken.equals("not-a-jar")) {
            return Files.writeString(folder.resolve(".jar"), "plain text, not a zip file");
        }
        brokenModules.copyInto(folder, broken);
        return folder.resolve(broken + ".jar");
    }

    @Nested
    class WhenAPluginIsBroken {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "not-a-jar        | is not a valid module jar",
            "test.needsabsent | cannot be resolved: Module test.absent not found",
            "test.ctorfail    | IllegalStateException: no configuration",
            "test.idfail      | IllegalStateException: id is not ready",
            "test.claude.twin | Provider id 'claude' of module test.claude.twin@1.2.0",
            "test.newspi      | was built for SPI version 2",
        })
        void reportsItAndKeepsOthers(String broken, String expected) throws Exception {
            Path jar = installBroken(broken);
            String name = broken.equals("not-a-jar") ? jar.toString() : broken;

            Result result = ImageProcess.launcher(environment, "providers");

            assertEquals(ExitCodes.PROVIDER_LOAD_FAILED, result.exitCode(), result.describe());
            List<String> problems = result.stderr().lines().toList();
            assertEquals(1, problems.size(), result.describe());
            assertTrue(problems.getFirst().contains(name), result.describe());
            assertTrue(problems.getFirst().contains(expected), result.describe());
            List<String> ids = result.stdout().lines()
                    .map(line -> line.split(" ")[0])
                    .toList();
            assertEquals(List.of("claude", "codex", "example"), ids, result.describe());
            assertTrue(result.stdout().contains("claude  Claude Code  launcher.provider.claude"),
                    result.describe());
        }

        @Test
        void leavesBuiltInProvidersWorking() throws Exception {
            List<String> brokenNames = List.of("test.needsabsent", "test.ctorfail",
                    "test.idfail", "test.claude.twin", "test.newspi");
            Path folder = Files.createDirectories(store.resolve("providers"));
            brokenModules.copyInto(folder, brokenNames.toArray(String[]::new));
            Files.writeString(folder.resolve(".jar"), "plain text, not a zip file");
            Files.createDirectories(root.resolve("codex"));
            Path exported = Files.createDirectories(root.resolve("codex-export"));
            Files.writeString(exported.resolve("auth.json"), """
                    {
                      "auth_mode": "apikey",
                      "OPENAI_API_KEY": "sk-test-0001"
                    }
                    """);

            Result providers = ImageProcess.launcher(environment, "providers");
            Result imported = ImageProcess.launcher(environment, "accounts", "import",
                    "--provider", "codex", "--name", "key", "--from", exported.toString());
            Result synced = ImageProcess.launcher(environment, "sync", "--provider", "codex",
                    "--account", "key");
            Result claude = ImageProcess.launcher(environment, "status", "--provider", "claude");

            assertEquals(ExitCodes.PROVIDER_LOAD_FAILED, providers.exitCode(),
                    providers.describe());
            assertEquals(brokenNames.size() + 1, providers.stderr().lines().count(),
                    providers.describe());
            assertEquals(0, imported.exitCode(), imported.describe());
            assertEquals(0, synced.exitCode(), synced.describe());
            String auth = Files.readString(root.resolve("codex/auth.json"));
            assertTrue(auth.contains("sk-test-0001"), "codex's auth.json lacks the key");
            assertEquals(0, claude.exitCode(), claude.describe());
            assertTrue(claude.stdout().startsWith("claude (Claude Code)"), claude.describe());
        }
    }

    /** Writes an executable shell script. */
    static Path writeScript(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
