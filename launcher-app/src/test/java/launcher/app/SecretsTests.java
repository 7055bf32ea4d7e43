package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command of the real launcher, in a child JVM on the module path with the real
 * Claude Code and Codex providers, with {@code --verbose} and with {@code --json} where the
 * command has it. Fails if any token or key of the test accounts appears in standard output or
 * standard error, where the debug log goes too.
 *
 * <p>Each secret contains the marker {@value #MARKER}, and the output is also searched for the
 * marker alone, for the last characters of each secret, and for the header and payload of each
 * JWT, so that a truncated or masked token that still shows its end or one of its parts is
 * found too.
 */
class SecretsTests {

    private static final String MARKER = "SECRET";

    /** How many trailing characters of a secret count as a leak on their own. */
    private static final int TAIL_LENGTH = 10;

    /** The commands whose {@code --help} is run, the launch command first. */
    private static final List<List<String>> HELP_COMMANDS = List.of(
            List.of(), List.of("providers"), List.of("accounts"), List.of("accounts", "import"),
            List.of("accounts", "list"), List.of("accounts", "default"),
            List.of("accounts", "remove"), List.of("status"), List.of("sync"),
            List.of("completion"));

    @TempDir
    Path root;

    /** One run of the launcher. */
    private record Run(List<String> arguments, int exitCode, String output) {
    }

    @Nested
    class WhenEveryCommandRunsVerbose {

        @Test
        void noSecretReachesTheOutput() throws Exception {
            Path home = Files.createDirectories(root.resolve("home"));
            Path claude = Files.createDirectories(root.resolve("claude-config"));
            Path codex = Files.createDirectories(root.resolve("codex-home"));
            Path bobClaude = Files.createDirectories(root.resolve("import-claude-bob"));
            Path keyCodex = Files.createDirectories(root.resolve("import-codex-key"));
            Path worktree = Files.createDirectories(root.resolve("worktree"));
            List<String> secrets = new ArrayList<>();
            writeClaudeLogin(claude, "alice", secrets);
            writeClaudeLogin(bobClaude, "bob", secrets);
            writeCodexChatGptLogin(codex, secrets);
            writeCodexApiKeyLogin(keyCodex, secrets);
            Map<String, String> environment = Map.of(
                    "HOME", home.toString(),
                    "LAUNCHER_HOME", root.resolve("store").toString(),
                    "CLAUDE_CONFIG_DIR", claude.toString(),
                    "CODEX_HOME", codex.toString(),
                    "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            List<Run> runs = new ArrayList<>();

            runs.add(expectSuccess(environment, "--version", "--verbose"));
            for (List<String> command : HELP_COMMANDS) {
                List<String> arguments = new ArrayList<>(command);
                arguments.addAll(List.of("--help", "--verbose"));
                runs.add(expectSuccess(environment, arguments.toArray(String[]::new)));
            }
            runs.add(expectSuccess(environment, "providers", "--json", "--verbose"));
            runs.add(expectSuccess(environment, "accounts", "import", "--provider", "claude",
                    "--name", "work", "--verbose"));
            runs.add(expectSuccess(environment, "accounts", "import", "--provider", "claude",
                    "--name", "other", "--from", bobClaude.toString(), "--verbose"));
            runs.add(expectSuccess(environment, "accounts", "import", "--provider", "codex",
                    "--name", "work", "--verbose"));
            runs.add(expectSuccess(environment, "accounts", "import", "--provider", "codex",
                    "--name", "key", "--from", keyCodex.toString(), "--verbose"));
            runs.add(expectSuccess(environment, "accounts", "list", "--json", "--verbose"));
            runs.add(expectSuccess(environment, "accounts", "list", "--verbose"));
            runs.add(expectSuccess(environment, "status", "--json", "--verbose"));
            runs.add(expectSuccess(environment, "status", "--verbose"));
            runs.add(expectSuccess(environment, "sync", "--provider", "claude", "--account",
                    "other", "--dry-run", "--json", "--verbose"));
            runs.add(expectSuccess(environment, "sync", "--provider", "claude", "--account",
                    "other", "--json", "--verbose"));
            runs.add(expectSuccess(environment, "sync", "--provider", "codex", "--account",
                    "key", "--json", "--verbose"));
            runs.add(expectSuccess(environment, "sync", "--provider", "claude", "--account",
                    "work", "--verbose"));
            runs.add(expectSuccess(environment, "sync", "--provider", "claude", "--account",
                    "other", "--force", "--json", "--verbose"));
            runs.add(expectSuccess(environment, "sync", "--provider", "codex", "--account",
                    "work", "--json", "--verbose"));
            runs.add(expectSuccess(environment, "accounts", "default", "--provider", "claude",
                    "--name", "other", "--verbose"));
            runs.add(expectSuccess(environment, "--provider", "claude", "--account", "work",
                    "--executable", "/bin/true", "--worktree", worktree.toString(),
                    "--verbose"));
            runs.add(expectSuccess(environment, "--provider", "codex", "--account", "work",
                    "--executable", "/bin/true", "--worktree", worktree.toString(),
                    "--verbose"));
            runs.add(expectSuccess(environment, "completion", "--verbose"));
            runs.add(expectFailure(environment, "--provider", "claude", "--account", "work",
                    "--executable", root.resolve("missing-cli").toString(), "--worktree",
                    worktree.toString(), "--verbose"));
            runs.add(expectFailure(environment, "sync", "--provider", "claude", "--account",
                    "missing", "--json", "--verbose"));
            runs.add(expectSuccess(environment, "accounts", "remove", "--provider", "codex",
                    "--name", "key", "--verbose"));
            runs.add(expectSuccess(environment, "accounts", "remove", "--provider", "claude",
                    "--name", "work", "--verbose"));

            // A malformed file whose error points right next to a token.
            Files.writeString(claude.resolve(".credentials.json"), "{\"claudeAiOauth\":"
                    + " {\"accessToken\": \"sk-ant-oat01-" + MARKER + "-torn-access\" x}}\n");
            secrets.add("sk-ant-oat01-" + MARKER + "-torn-access");
            runs.add(expectFailure(environment, "sync", "--provider", "claude", "--account",
                    "other", "--json", "--verbose"));
            // status reports a malformed file as a warning and exits 0.
            runs.add(expectSuccess(environment, "status", "--json", "--verbose"));

            List<String> leaks = new ArrayList<>();
            for (Run run : runs) {
                for (String secret : secrets) {
                    String tail = secret.substring(secret.length() - TAIL_LENGTH);
                    if (run.output().contains(tail)) {
                        leaks.add(run.arguments() + " printed (the end of) " + secret);
                    }
                    // A JWT's payload carries the token's claims, and a log that splits the token
                    // would miss the check of its last characters, which are the signature's.
                    String[] segments = secret.split("\\.");
                    for (int index = 0; segments.length == 3 && index < 2; index++) {
                        if (run.output().contains(segments[index])) {
                            leaks.add(run.arguments() + " printed segment " + (index + 1)
                                    + " of the JWT at index " + secrets.indexOf(secret)
                                    + " of the test secrets");
                        }
                    }
                }
                if (run.output().contains(MARKER)) {
                    leaks.add(run.arguments() + " printed the marker " + MARKER);
                }
            }
            assertEquals(List.of(), leaks);
        }
    }

    private Run expectSuccess(Map<String, String> environment, String... arguments)
            throws Exception {
        Run run = launch(environment, arguments);
        assertEquals(0, run.exitCode(), run.arguments() + " failed: " + run.output());
        return run;
    }

    private Run expectFailure(Map<String, String> environment, String... arguments)
            throws Exception {
        Run run = launch(environment, arguments);
        assertNotEquals(0, run.exitCode(), run.arguments() + " succeeded: " + run.output());
        return run;
    }

    /** Runs {@code launcher.app.Main} in a child JVM as the image does, on the module path. */
    private Run launch(Map<String, String> environment, String... arguments) throws Exception {
        String modulePath = modulePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--module-path", modulePath,
                // pty4j is an automatic module here, which does not pull in kotlin.stdlib.
                "--add-modules", "ALL-MODULE-PATH",
                "-m", "launcher.app/launcher.app.Main"));
        command.addAll(List.of(arguments));

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exitCode = process.waitFor();
        return new Run(List.of(arguments), exitCode, output);
    }

    /**
     * Returns the module path of the app as it is built, {@code target/classes}, followed by the
     * runtime dependencies that the build lists in {@code target/runtime-module-path.txt}.
     */
    private static String modulePath() throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path dependencies = classes.resolveSibling("runtime-module-path.txt");
        return classes + java.io.File.pathSeparator
                + Files.readString(dependencies, StandardCharsets.UTF_8).strip();
    }

    /** Writes Claude Code's two files for {@code name} into a configuration folder. */
    private static void writeClaudeLogin(Path folder, String name, List<String> secrets)
            throws IOException {
        String access = "sk-ant-oat01-" + MARKER + "-access-" + name + "-0001";
        String refresh = "sk-ant-ort01-" + MARKER + "-refresh-" + name + "-0001";
        String mcp = MARKER + "-mcp-token-" + name + "-0001";
        secrets.addAll(List.of(access, refresh, mcp));

        Files.writeString(folder.resolve(".credentials.json"), "{\n"
                + "  \"claudeAiOauth\": {\n"
                + "    \"accessToken\": \"" + access + "\",\n"
                + "    \"refreshToken\": \"" + refresh + "\",\n"
                + "    \"expiresAt\": 1893456000000,\n"
                + "    \"scopes\": [\"user:inference\", \"user:profile\"],\n"
                + "    \"subscriptionType\": \"max\",\n"
                + "    \"rateLimitTier\": \"default_claude_max_20x\"\n"
                + "  },\n"
                + "  \"mcpOAuth\": {\n"
                + "    \"linear\": {\"serverName\": \"linear\", \"accessToken\": \"" + mcp + "\"}\n"
                + "  }\n"
                + "}\n");
        Files.writeString(folder.resolve(".claude.json"), "{\n"
                + "  \"numStartups\": 4,\n"
                + "  \"oauthAccount\": {\n"
                + "    \"accountUuid\": \"uuid-" + name + "\",\n"
                + "    \"emailAddress\": \"" + name + "@example.com\",\n"
                + "    \"organizationUuid\": \"org-" + name + "\",\n"
                + "    \"organizationName\": \"Example Org\",\n"
                + "    \"displayName\": \"" + name + "\",\n"
                + "    \"billingType\": \"stripe_subscription\"\n"
                + "  }\n"
                + "}\n");
    }

    /** Writes Codex's {@code auth.json} for a ChatGPT login, with an unsigned made-up JWT. */
    private static void writeCodexChatGptLogin(Path folder, List<String> secrets)
            throws IOException {
        String idToken = jwt("{\"email\":\"carol@example.com\",\"https://api.openai.com/auth\":"
                + "{\"chatgpt_account_id\":\"acct-carol\",\"chatgpt_plan_type\":\"pro\"}}");
        String access = jwt("{\"https://api.openai.com/auth\":{\"chatgpt_account_id\":"
                + "\"acct-carol\"},\"exp\":1893456000}");
        String refresh = "rt_" + MARKER + "_REFRESH_CAROL_0001";
        secrets.addAll(List.of(idToken, access, refresh));

        Files.writeString(folder.resolve("auth.json"), "{\n"
                + "  \"auth_mode\": \"chatgpt\",\n"
                + "  \"OPENAI_API_KEY\": null,\n"
                + "  \"tokens\": {\n"
                + "    \"id_token\": \"" + idToken + "\",\n"
                + "    \"access_token\": \"" + access + "\",\n"
                + "    \"refresh_token\": \"" + refresh + "\",\n"
                + "    \"account_id\": \"acct-carol\"\n"
                + "  },\n"
                + "  \"last_refresh\": \"2026-11-30T08:15:42.123456Z\"\n"
                + "}\n");
    }

    /** Writes Codex's {@code auth.json} for an API key. */
    private static void writeCodexApiKeyLogin(Path folder, List<String> secrets)
            throws IOException {
        String key = "sk-proj-" + MARKER + "-api-key-0001";
        secrets.add(key);
        Files.writeString(folder.resolve("auth.json"), "{\n"
                + "  \"auth_mode\": \"apikey\",\n"
                + "  \"OPENAI_API_KEY\": \"" + key + "\"\n"
                + "}\n");
    }

    /** Returns an unsigned JWT whose signature part is the marker, Base64-encoded. */
    private static String jwt(String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString((MARKER + "-signature").getBytes(StandardCharsets.UTF_8));
    }
}
