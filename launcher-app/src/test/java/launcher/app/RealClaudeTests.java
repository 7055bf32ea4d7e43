package launcher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher with the real Claude Code provider and the real {@code claude} executable, which
 * {@code scripts/install-clis} installs into the folder that the system property
 * {@code launcher.test.clis} names. {@code claude auth status} reads both files that a sync
 * writes, so it shows whether the chosen account is live.
 */
class RealClaudeTests {

    @TempDir
    Path root;

    LauncherRun launcher;
    Path configFolder;
    Path worktree;

    @BeforeEach
    void importTwoAccounts() throws IOException, InterruptedException {
        Path clis = Path.of(System.getProperty("launcher.test.clis", "missing"));
        boolean installed = Files.isExecutable(clis.resolve("claude"));
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("claude is not installed in " + clis + "; run scripts/install-clis");
        }
        assumeTrue(installed, "claude is not installed in " + clis + "; run scripts/install-clis");

        launcher = new LauncherRun(root).realDiscovery();
        configFolder = Files.createDirectories(root.resolve("claude-config"));
        launcher.variable("CLAUDE_CONFIG_DIR", configFolder.toString())
                .variable("PATH", clis + File.pathSeparator + System.getenv("PATH"))
                .variable("DISABLE_TELEMETRY", "1")
                .variable("DISABLE_AUTOUPDATER", "1")
                .variable("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");

        logIn("alice", "alice@example.org", "Alice Org");
        importAccount("alice");
        logIn("bob", "bob@example.org", "Bob Org");
        importAccount("bob");

        Path repository = Git.initRepository(root.resolve("repo"), launcher.home());
        worktree = Git.addWorktree(repository, launcher.home(), root.resolve("wt"), "task");
    }

    private void logIn(String name, String email, String organization) throws IOException {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        Files.writeString(configFolder.resolve(".credentials.json"), """
                {"claudeAiOauth":{"accessToken":"sk-ant-oat01-TEST-%s-ACCESS",\
                "refreshToken":"sk-ant-ort01-TEST-%s-REFRESH","expiresAt":1796500000000,\
                "scopes":["user:inference","user:profile"],"subscriptionType":"pro",\
                "rateLimitTier":"default_claude_pro"},\
                "mcpOAuth":{"docs-server":{"accessToken":"machine-mcp-token"}}}
                """.formatted(upper, upper));
        Files.writeString(configFolder.resolve(".claude.json"), """
                {
                  "numStartups": 12,
                  "hasCompletedOnboarding": true,
                  "projects": {"/src/app": {"allowedTools": []}},
                  "oauthAccount": {
                    "accountUuid": "00000000-0000-4000-8000-%012d",
                    "emailAddress": "%s",
                    "organizationUuid": "00000000-0000-4000-9000-%012d",
                    "organizationName": "%s",
                    "displayName": "%s",
                    "billingType": "stripe_subscription"
                  }
                }
                """.formatted(name.length(), email, name.length(), organization, name));
    }

    private void importAccount(String name) {
        LauncherRun.Result result = launcher.run(
                "accounts", "import", "--provider", "claude", "--name", name);
        assertEquals(0, result.exitCode(), result.both());
    }

    /**
     * Removes terminal escape sequences and white space: in a pty, claude moves the cursor over
     * spaces instead of printing them.
     */
    private static String compact(String output) {
        return output.replaceAll("\u001B\\[[0-9;?<>=]*[@-~]", "").replaceAll("\\s", "");
    }

    @Test
    void authStatusShowsChosenAccount() throws IOException {
        LauncherRun.Result result = launcher.run("--provider", "claude", "--account", "alice",
                "--worktree", worktree.toString(), "--", "auth", "status");

        assertEquals(0, result.exitCode(), result.both());
        String status = compact(result.out());
        assertTrue(status.contains("\"email\":\"alice@example.org\""), result.both());
        assertTrue(status.contains("\"orgName\":\"AliceOrg\""), result.both());
        assertTrue(Files.readString(configFolder.resolve(".credentials.json"))
                .contains("machine-mcp-token"), "the machine's MCP token was lost");
    }

    @Test
    void authStatusFollowsSwitch() {
        launcher.run("--provider", "claude", "--account", "alice",
                "--worktree", worktree.toString(), "--", "auth", "status");

        LauncherRun.Result result = launcher.run("--provider", "claude", "--account", "bob",
                "--worktree", worktree.toString(), "--", "auth", "status");

        assertEquals(0, result.exitCode(), result.both());
        assertTrue(compact(result.out()).contains("\"email\":\"bob@example.org\""), result.both());
    }
}
