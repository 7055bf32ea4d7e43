package launcher.provider.claude;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import launcher.core.spi.AccountSnapshot;

/** Reads the test files under {@code src/test/resources} and builds snapshots from them. */
final class ClaudeTestFiles {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ClaudeTestFiles() {
    }

    /** Returns the text of a test file, such as {@code alice/claude.json}. */
    static String text(String name) {
        try (InputStream in = ClaudeTestFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a test file into a JSON object. */
    static ObjectNode json(String name) {
        try {
            return (ObjectNode) MAPPER.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the snapshot of a person's two files, such as {@code alice}. */
    static AccountSnapshot snapshot(String person) {
        return snapshot(json(person + "/credentials.json"), json(person + "/claude.json"));
    }

    /** Returns the account fields of a credentials file and a state file, as the core does. */
    static AccountSnapshot snapshot(ObjectNode credentials, ObjectNode state) {
        Map<String, ObjectNode> fields = new LinkedHashMap<>();
        fields.put(ClaudeFiles.CREDENTIALS_TARGET, accountFields(credentials, "claudeAiOauth"));
        fields.put(ClaudeFiles.STATE_TARGET, accountFields(state, "oauthAccount"));
        return new AccountSnapshot(fields);
    }

    /** Returns a person's snapshot after changing copies of the two account fields. */
    static AccountSnapshot edited(
            String person, Consumer<ObjectNode> editOauth, Consumer<ObjectNode> editAccount) {
        ObjectNode credentials = json(person + "/credentials.json");
        ObjectNode state = json(person + "/claude.json");
        editOauth.accept((ObjectNode) credentials.get("claudeAiOauth"));
        editAccount.accept((ObjectNode) state.get("oauthAccount"));
        return snapshot(credentials, state);
    }

    private static ObjectNode accountFields(ObjectNode file, String field) {
        ObjectNode fields = MAPPER.createObjectNode();
        if (file.has(field)) {
            fields.set(field, file.get(field));
        }
        return fields;
    }
}
