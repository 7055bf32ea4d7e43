package launcher.core.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The two versions that the crash test alternates in each of its targets: a small secret
 * credentials file and a state file of about 300 KB. The versions differ in length, so a file
 * cut short is never mistaken for either.
 */
final class CrashContents {

    /** The target files, relative to the folder under test. */
    static final List<String> TARGETS = List.of(".credentials.json", ".claude.json");

    /**
     * A member of the credentials file that is not an account field, as Claude Code keeps MCP
     * servers' tokens next to its login. A sync keeps its bytes.
     */
    static final String MACHINE_MEMBER = "\"mcpOAuth\":{\"linear\":{\"serverName\":\"linear\","
            + "\"accessToken\":\"made-up-mcp-access\",\"expiresAt\":1800000000000}}";

    private static final int STATE_PROJECTS = 2_500;

    private CrashContents() {
    }

    /** Returns the targets in {@code folder}. */
    static List<Path> targets(Path folder) {
        return TARGETS.stream().map(folder::resolve).toList();
    }

    /** Returns whether target {@code index} is written as a secret. */
    static boolean isSecret(int index) {
        return index == 0;
    }

    /** Returns the bytes of the state file's member {@code projects}, the same in both versions. */
    static String stateProjects() {
        String state = new String(version(1, 0), StandardCharsets.UTF_8);
        int start = state.indexOf("\"projects\"");
        return state.substring(start, state.indexOf(",\n  \"oauthAccount\"", start));
    }

    /** Returns version 0 or 1 of target {@code index}. */
    static byte[] version(int index, int version) {
        String account = version == 0 ? "alice" : "bob-with-a-longer-name";
        if (index == 0) {
            return ("{\"claudeAiOauth\":{\"accessToken\":\"made-up-access-" + account
                    + "\",\"refreshToken\":\"made-up-refresh-" + account
                    + "\",\"expiresAt\":1800000000000}," + MACHINE_MEMBER + "}\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        StringBuilder json = new StringBuilder("{\n  \"projects\": {\n");
        for (int project = 0; project < STATE_PROJECTS; project++) {
            json.append(project == 0 ? "" : ",\n")
                    .append("    \"/home/dev/src/service-").append(project)
                    .append("\": {\"allowedTools\": [], \"lastCost\": 0.25, \"history\": []}");
        }
        json.append("\n  },\n  \"oauthAccount\": {\"emailAddress\": \"")
                .append(account).append("@example.com\"}\n}\n");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
