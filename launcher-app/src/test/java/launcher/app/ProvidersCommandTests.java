package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProvidersCommandTests {

    @TempDir
    Path root;

    LauncherRun launcher;

    @BeforeEach
    void createLauncher() throws IOException {
        launcher = new LauncherRun(root);
    }

    @Nested
    class WhenAllProvidersLoad {

        @Test
        void listsIdNameAndModule() {
            LauncherRun.Result result = launcher.run("providers");

            assertEquals(0, result.exitCode(), result.both());
            assertTrue(result.out().startsWith("testcli  Test CLI  launcher.app  "), result.out());
            assertEquals("", result.err());
        }

        @Test
        void printsJsonWithOrigin() throws IOException {
            LauncherRun.Result result = launcher.run("providers", "--json");

            assertEquals(0, result.exitCode(), result.both());
            JsonNode provider = new ObjectMapper().readTree(result.out()).get("providers").get(0);
            assertEquals("testcli", provider.get("id").asText());
            assertEquals("Test CLI", provider.get("name").asText());
            assertEquals("launcher.app", provider.get("module").asText());
            assertTrue(provider.hasNonNull("location"), result.out());
        }
    }

    @Nested
    class WhenAPluginJarIsBroken {

        @Test
        void reportsJarFromProviderPath() throws IOException {
            Path plugins = Files.createDirectories(root.resolve("plugins"));
            Path broken = Files.writeString(plugins.resolve("broken.jar"), "not a jar");

            LauncherRun.Result result = launcher.realDiscovery()
                    .run("providers", "--provider-path", plugins.toString());

            assertEquals(ExitCodes.PROVIDER_LOAD_FAILED, result.exitCode(), result.both());
            String message = "Plugin file " + broken + " is not a valid module jar";
            assertTrue(result.err().contains(message), result.err());
        }

        @Test
        void reportsJarFromStorePluginFolder() throws IOException {
            Path plugins = Files.createDirectories(launcher.storeRoot().resolve("providers"));
            Path broken = Files.writeString(plugins.resolve("broken.jar"), "not a jar");

            LauncherRun.Result result = launcher.realDiscovery().run("providers", "--json");

            assertEquals(ExitCodes.PROVIDER_LOAD_FAILED, result.exitCode(), result.both());
            JsonNode problem = new ObjectMapper().readTree(result.out()).get("problems").get(0);
            assertEquals(broken.toString(), problem.get("source").asText());
        }

        @Test
        void reportsJarFromEnvironmentVariable() throws IOException {
            Path first = Files.createDirectories(root.resolve("first"));
            Path second = Files.createDirectories(root.resolve("second"));
            Path broken = Files.writeString(second.resolve("broken.jar"), "not a jar");

            LauncherRun.Result result = launcher.realDiscovery()
                    .variable(Context.PROVIDER_PATH_VARIABLE, first + File.pathSeparator + second)
                    .run("providers");

            assertEquals(ExitCodes.PROVIDER_LOAD_FAILED, result.exitCode(), result.both());
            assertTrue(result.err().contains(broken.toString()), result.err());
        }

        @Test
        void mentionsProblemsForUnknownProvider() throws IOException {
            Path plugins = Files.createDirectories(root.resolve("plugins"));
            Files.writeString(plugins.resolve("broken.jar"), "not a jar");

            LauncherRun.Result result = launcher.realDiscovery().run(
                    "sync", "--provider", "mine", "--provider-path", plugins.toString());

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().contains("failed to load: run 'launcher providers"
                    + " --provider-path " + plugins + "' to see why."), result.err());
        }

        /** Commands that cover every provider, and so miss one that failed to load. */
        @ParameterizedTest
        @ValueSource(strings = {"status", "accounts list"})
        void commandOverAllProvidersWarnsOfBrokenJar(String command) throws IOException {
            Path plugins = Files.createDirectories(root.resolve("plugins"));
            Files.writeString(plugins.resolve("broken.jar"), "not a jar");
            List<String> arguments = new ArrayList<>(List.of(command.split(" ")));
            arguments.addAll(List.of("--provider-path", plugins.toString()));

            LauncherRun.Result result =
                    launcher.realDiscovery().run(arguments.toArray(String[]::new));

            assertEquals(ExitCodes.OK, result.exitCode(), result.both());
            assertTrue(result.err().contains("launcher: warning: 1 provider or plugin file failed"
                    + " to load: run 'launcher providers --provider-path " + plugins
                    + "' to see why."), result.err());
        }
    }

    @Nested
    class WhenProviderPathIsInvalid {

        @Test
        void rejectsMissingFolder() {
            Path missing = root.resolve("missing");

            LauncherRun.Result result =
                    launcher.run("providers", "--provider-path", missing.toString());

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: --provider-path " + missing + " is not a directory."), result.err());
        }

        @ParameterizedTest
        @ValueSource(strings = {"--provider-path=", "--from="})
        void rejectsEmptyFolder(String option) {
            String[] args = option.equals("--from=")
                    ? new String[] {"accounts", "import", "--provider", "testcli", "--name", "w",
                        option}
                    : new String[] {"providers", option};

            LauncherRun.Result result = launcher.run(args);

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: invalid value for option "
                    + option.substring(0, option.length() - 1) + ": the path is empty."),
                    result.err());
        }

        @Test
        void readsFolderBeforeCommandName() throws IOException {
            Path present = Files.createDirectories(root.resolve("present"));
            Path missing = root.resolve("missing");

            LauncherRun.Result result = launcher.run("--provider-path", present.toString(),
                    "providers", "--provider-path", missing.toString());

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith(
                    "launcher: --provider-path " + missing + " is not a directory."), result.err());
        }

        @Test
        void rejectsMissingFolderInVariable() throws IOException {
            Path present = Files.createDirectories(root.resolve("present"));
            Path missing = root.resolve("missing");

            LauncherRun.Result result = launcher
                    .variable(Context.PROVIDER_PATH_VARIABLE, present + File.pathSeparator + missing)
                    .run("providers");

            assertEquals(ExitCodes.USAGE, result.exitCode(), result.both());
            assertTrue(result.err().startsWith("launcher: " + Context.PROVIDER_PATH_VARIABLE
                    + " entry " + missing + " is not a directory."), result.err());
        }
    }
}
