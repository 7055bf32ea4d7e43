package launcher.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/**
 * Generates made-up files in the layout of Claude Code's state file ({@code ~/.claude.json}) and
 * credentials file ({@code .credentials.json}). The same seed gives the same bytes.
 */
final class StateFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StateFiles() {
    }

    /**
     * Returns a pretty-printed state file of at least {@code minimumBytes}, with one
     * {@code projects} entry per made-up working folder, an {@code mcpServers} object and an
     * {@code oauthAccount} for {@code email}.
     */
    static byte[] stateFile(int minimumBytes, String email, long seed) {
        Random random = new Random(seed);
        StringBuilder json = new StringBuilder(minimumBytes + 4096);
        json.append("{\n");
        json.append("  \"numStartups\": 1873,\n");
        json.append("  \"installMethod\": \"npm-global\",\n");
        json.append("  \"autoUpdates\": true,\n");
        json.append("  \"userID\": \"").append(hex(random, 64)).append("\",\n");
        json.append("  \"projects\": {");

        for (int project = 0; json.length() < minimumBytes; project++) {
            json.append(project == 0 ? "\n" : ",\n");
            appendProject(json, project, random);
        }

        json.append("\n  },\n");
        json.append("  \"mcpServers\": {\n");
        json.append("    \"files\": {\n      \"type\": \"stdio\",\n");
        json.append("      \"command\": \"npx\",\n      \"args\": [\"-y\", \"files-mcp\"]\n");
        json.append("    }\n  },\n");
        json.append("  \"oauthAccount\": ").append(oauthAccount(email, "  ")).append(",\n");
        json.append("  \"hasCompletedOnboarding\": true\n");
        json.append("}\n");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the {@code oauthAccount} member's value for {@code email}. */
    static ObjectNode oauthAccountNode(String email) {
        ObjectNode account = MAPPER.createObjectNode();
        account.put("accountUuid", uuidFor(email, 1));
        account.put("emailAddress", email);
        account.put("organizationUuid", uuidFor(email, 2));
        account.put("organizationName", "Example Org");
        account.put("displayName", email.substring(0, email.indexOf('@')));
        account.put("billingType", "stripe_subscription");
        return account;
    }

    /** Returns a compact credentials file with made-up tokens numbered {@code generation}. */
    static byte[] credentialsFile(int generation) {
        String json = "{\"claudeAiOauth\":{\"accessToken\":\"sk-ant-oat01-made-up-access-"
                + generation + "\",\"refreshToken\":\"sk-ant-ort01-made-up-refresh-" + generation
                + "\",\"expiresAt\":" + (1_800_000_000_000L + generation)
                + ",\"scopes\":[\"user:inference\",\"user:profile\"],\"subscriptionType\":\"max\""
                + ",\"rateLimitTier\":\"default_claude_max_20x\"},\"mcpOAuth\":{\"linear\":"
                + "{\"serverName\":\"linear\",\"accessToken\":\"made-up-mcp-token\"}}}\n";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String oauthAccount(String email, String indent) {
        try {
            String pretty = MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(oauthAccountNode(email));
            return pretty.replace("\n", "\n" + indent);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Serialising a tree of strings failed", e);
        }
    }

    private static void appendProject(StringBuilder json, int project, Random random) {
        json.append("    \"/home/dev/src/service-").append(project).append("\": {\n");
        json.append("      \"allowedTools\": [\"Bash(git status)\", \"Edit\"],\n");
        json.append("      \"history\": [");
        int entries = 3 + random.nextInt(6);
        for (int entry = 0; entry < entries; entry++) {
            json.append(entry == 0 ? "\n" : ",\n");
            json.append("        {\"display\": \"fix the flaky test in module ")
                    .append(hex(random, 8)).append(" and explain \\\"why\\\"\", ")
                    .append("\"pastedContents\": {}}");
        }
        json.append("\n      ],\n");
        json.append("      \"mcpServers\": {},\n");
        json.append("      \"hasTrustDialogAccepted\": ").append(random.nextBoolean()).append(",\n");
        json.append("      \"lastCost\": ")
                .append(String.format(Locale.ROOT, "%.4f", random.nextDouble() * 3)).append(",\n");
        json.append("      \"lastDuration\": ").append(random.nextInt(5_000_000)).append(",\n");
        json.append("      \"lastSessionId\": \"").append(hex(random, 32)).append("\"\n");
        json.append("    }");
    }

    private static String uuidFor(String email, int salt) {
        Random random = new Random(email.hashCode() * 31L + salt);
        String hex = hex(random, 32);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16)
                + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private static String hex(Random random, int digits) {
        StringBuilder text = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            text.append(Character.forDigit(random.nextInt(16), 16));
        }
        return text.toString();
    }
}
