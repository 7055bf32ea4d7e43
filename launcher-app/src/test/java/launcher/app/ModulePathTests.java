package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a separate JVM on the module path from {@code target/}, with the real
 * providers found in the boot layer through {@code provides} in their module descriptors.
 */
class ModulePathTests {

    @TempDir
    Path root;

    Path home;
    Path configFolder;

    @BeforeEach
    void createFolders() throws IOException {
        home = Files.createDirectories(root.resolve("home"));
        configFolder = Files.createDirectories(root.resolve("claude-config"));
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result launcher(String... args) throws IOException, InterruptedException {
        Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
        String modulePath = target.resolve("classes") + File.pathSeparator
                + Files.readString(target.resolve("runtime-module-path.txt")).strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED,com.sun.jna"));
        command.addAll(TerminalFixtures.nativeFolderOptions());
        command.addAll(List.of(
                "--module-path", modulePath,
                // pty4j is an automatic module, which requires none of the modules it needs.
                "--add-modules", "ALL-MODULE-PATH",
                "-m", "launcher.app/launcher.app.Main"));
        command.addAll(List.of(args));

        Path errFile = root.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(errFile.toFile());
        builder.environment().putAll(Map.of(
                "HOME", home.toString(),
                "LAUNCHER_HOME", root.resolve("store").toString(),
                "CLAUDE_CONFIG_DIR", configFolder.toString(),
                "CODEX_HOME", root.resolve("codex").toString()));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exitCode = process.waitFor();
        return new Result(exitCode, out, Files.readString(errFile));
    }

    @Test
    void listsProvidersFromModules() throws IOException, InterruptedException {
        Result result = launcher("providers", "--json");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode providers = new ObjectMapper().readTree(result.out()).get("providers");
        assertEquals("claude", providers.get(0).get("id").asText());
        assertEquals("launcher.provider.claude", providers.get(0).get("module").asText());
        assertEquals("0.1.0", providers.get(0).get("version").asText());
        assertEquals("codex", providers.get(1).get("id").asText());
        assertEquals("launcher.provider.codex", providers.get(1).get("module").asText());
    }

    @Test
    void logsNothingByDefault() throws IOException, InterruptedException {
        Result result = launcher("providers");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
    }

    @Test
    void logsDiscoveryWhenVerbose() throws IOException, InterruptedException {
        Result result = launcher("--verbose", "providers");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains(
                "DEBUG ProviderRegistry - Loaded provider claude from module"
                        + " launcher.provider.claude@0.1.0"), result.err());
        assertFalse(result.out().contains("DEBUG"), result.out());
    }

    @Test
    void printsStackTraceOnceWhenVerbose() throws IOException, InterruptedException {
        Result result = launcher("accounts", "import", "--provider", "claude", "--name", "bob",
                "--verbose");

        assertEquals(ExitCodes.SYNC_FAILED, result.exitCode(), result.err());
        assertTrue(result.err().contains("DEBUG App - Command failed"), result.err());
        String frame = "launcher.core.sync.SyncEngine.importAccount(";
        long frames = result.err().lines().filter(line -> line.contains(frame)).count();
        assertEquals(1, frames, result.err());
    }

    @Test
    void unwritableCheckFileLogsNoWarning() throws IOException, InterruptedException {
        logInCarol();
        Result imported = launcher("accounts", "import", "--provider", "claude", "--name", "carol");
        Files.createDirectories(root.resolve("store").resolve("checks").resolve("claude.json"));

        Result synced = launcher("sync", "--provider", "claude");

        assertEquals(0, imported.exitCode(), imported.err());
        assertEquals(0, synced.exitCode(), synced.err());
        assertFalse(synced.err().contains("WARN"), synced.err());
    }

    @Test
    void startsCliThroughRealProvider() throws IOException, InterruptedException {
        logInCarol();
        Path cli = Files.writeString(root.resolve("cli.sh"),
                "#!/bin/sh\necho \"CLI-RAN in $(pwd -P)\"\nexit 5\n");
        assertTrue(cli.toFile().setExecutable(true));
        Path worktree = Files.createDirectories(root.resolve("worktree"));

        Result imported = launcher("accounts", "import", "--provider", "claude", "--name", "carol");
        Result launched = launcher("--provider", "claude", "--worktree", worktree.toString(),
                "--executable", cli.toString());

        assertEquals(0, imported.exitCode(), imported.err());
        assertEquals(5, launched.exitCode(), launched.err());
        assertTrue(launched.out().contains("CLI-RAN in " + worktree.toRealPath()), launched.out());
    }

    /** Writes a Claude Code login of carol@example.org into the configuration folder. */
    private void logInCarol() throws IOException {
        Files.writeString(configFolder.resolve(".credentials.json"), """
                {"claudeAiOauth":{"accessToken":"sk-ant-oat01-TEST-CAROL","refreshToken":\
                "sk-ant-ort01-TEST-CAROL","expiresAt":1796500000000,"scopes":["user:inference"],\
                "subscriptionType":"pro"}}
                """);
        Files.writeString(configFolder.resolve(".claude.json"), """
                {"oauthAccount":{"accountUuid":"00000000-0000-4000-8000-00000000ca01",\
                "emailAddress":"carol@example.org"}}
                """);
    }
}
