package launcher.provider.codex;

import static launcher.provider.codex.CodexTestFiles.carolAuthText;
import static launcher.provider.codex.CodexTestFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code codex} executable, offline, against an {@code auth.json} written at the
 * path of the provider's target.
 */
class CodexCliTests {

    private final CodexProvider provider = new CodexProvider();

    private RealCli codex;

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    @BeforeEach
    void findCodex() {
        codex = RealCli.find("codex");
    }

    private Environment environment(Map<String, String> variables) {
        return new Environment(home, variables, OperatingSystem.LINUX);
    }

    /** Writes {@code content} at the path of the auth target, creating CODEX_HOME. */
    private Path layOut(Environment environment, String content) throws IOException {
        Path authFile = provider.targets(environment).getFirst().path();
        Files.createDirectories(authFile.getParent());
        Files.writeString(authFile, content);
        return authFile.getParent();
    }

    /**
     * Runs {@code codex login status} and returns what it prints; Codex 0.171 prints the status
     * on standard error.
     */
    private RealCli.Result loginStatus(Environment environment)
            throws IOException, InterruptedException {
        Map<String, String> variables = new HashMap<>(environment.variables());
        variables.put("HOME", home.toString());

        return codex.run(scratch, variables, "login", "status");
    }

    @Nested
    class LoginStatus {

        @Test
        void readsDefaultCodexHome() throws Exception {
            Environment environment = environment(Map.of());
            layOut(environment, carolAuthText());

            RealCli.Result result = loginStatus(environment);

            assertEquals(0, result.exitCode(), result.stderr());
            assertTrue(result.stderr().contains("Logged in using ChatGPT"), result.stderr());
        }

        @Test
        void readsConfiguredCodexHome() throws Exception {
            Path codexHome = home.resolve("codex-carol");
            Environment environment = environment(Map.of("CODEX_HOME", codexHome.toString()));
            layOut(environment, carolAuthText());

            RealCli.Result result = loginStatus(environment);

            assertEquals(0, result.exitCode(), result.stderr());
            assertTrue(result.stderr().contains("Logged in using ChatGPT"), result.stderr());
        }

        @Test
        void reportsApiKeyLogin() throws Exception {
            Environment environment = environment(Map.of());
            layOut(environment, text("auth-apikey.json"));

            RealCli.Result result = loginStatus(environment);

            assertEquals(0, result.exitCode(), result.stderr());
            assertTrue(result.stderr().contains("API key configured"), result.stderr());
            assertFalse(result.stderr().contains("TEST-DAVE-KEY"), result.stderr());
        }

        @Test
        void readsFolderOfInFolder() throws Exception {
            Path copy = Files.createDirectories(home.resolve("copy-of-laptop"));
            Environment environment = provider.inFolder(environment(Map.of()), copy);
            layOut(environment, carolAuthText());

            RealCli.Result result = loginStatus(environment);

            assertTrue(result.stderr().contains("Logged in using ChatGPT"), result.stderr());
        }

        @Test
        void keyringStoreIgnoresAuthFile() throws Exception {
            Environment environment = environment(Map.of());
            Path codexHome = layOut(environment, carolAuthText());
            Files.writeString(codexHome.resolve("config.toml"), text("config-keyring.toml"));

            RealCli.Result result = loginStatus(environment);

            assertFalse(result.stderr().contains("Logged in using ChatGPT"), result.stderr());
            assertEquals(1, provider.warnings(environment).size());
        }
    }
}
