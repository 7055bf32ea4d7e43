package launcher.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import launcher.core.json.IndentedJson;
import launcher.core.json.JsonTrees;
import launcher.core.json.JsonValues;
import launcher.core.json.MalformedJsonException;

/**
 * The content of one provider's check file, {@code checks/PROVIDER.json} under the store folder,
 * and its JSON form:
 *
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "targets": {
 *     "state": {
 *       "path": "...", "size": 5243750, "crc32c": -90211, "crc32": 5521,
 *       "accountFields": { "oauthAccount": { ... } }
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>The file only saves work, so it is written without a flush to disk, and a file that is
 * damaged or has another schema version reads as one without checks.
 */
final class CheckFile {

    /** The version of the layout above; a file with another version is ignored. */
    static final int SCHEMA_VERSION = 1;

    private CheckFile() {
    }

    /**
     * Parses a check file, or returns empty when it is not valid JSON in the layout above,
     * because a sync without checks only parses the targets again.
     */
    static Optional<Map<String, TargetCheck>> parse(Path file, byte[] content) {
        JsonNode root;
        try {
            root = JsonTrees.readObject(file, content, JsonTrees.Duplicates.KEEP_LAST);
        } catch (MalformedJsonException e) {
            return Optional.empty();
        }
        if (!root.path("schemaVersion").isInt()
                || root.path("schemaVersion").intValue() != SCHEMA_VERSION
                || !root.path("targets").isObject()) {
            return Optional.empty();
        }

        Map<String, TargetCheck> checks = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("targets").properties()) {
            JsonNode node = entry.getValue();
            JsonNode size = node.path("size");
            JsonNode crc32c = node.path("crc32c");
            JsonNode crc32 = node.path("crc32");
            if (!node.path("path").isTextual() || !size.canConvertToLong()
                    || !size.isIntegralNumber() || !crc32c.isInt() || !crc32.isInt()
                    || !(node.path("accountFields") instanceof ObjectNode fields)) {
                return Optional.empty();
            }
            checks.put(entry.getKey(), new TargetCheck(Path.of(node.path("path").textValue()),
                    size.longValue(), crc32c.intValue(), crc32.intValue(), fields));
        }
        return Optional.of(checks);
    }

    /** Returns the file's bytes: indented JSON, targets ordered by id, ending in a newline. */
    static byte[] toBytes(Map<String, TargetCheck> checks) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode targets = root.putObject("targets");
        new TreeMap<>(checks).forEach((targetId, check) -> {
            ObjectNode node = targets.putObject(targetId);
            node.put("path", check.path().toString());
            node.put("size", check.size());
            node.put("crc32c", check.crc32c());
            node.put("crc32", check.crc32());
            node.set("accountFields", check.accountFields());
        });
        try {
            String json = IndentedJson.WRITER.writeValueAsString(root) + "\n";
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of JSON nodes always serialises", e);
        }
    }

    /** Returns whether two checks are equal, with account fields compared as JSON values. */
    static boolean same(TargetCheck first, TargetCheck second) {
        if (first == null || second == null) {
            return first == second;
        }
        return first.path().equals(second.path())
                && first.size() == second.size()
                && first.crc32c() == second.crc32c()
                && first.crc32() == second.crc32()
                && JsonValues.equivalent(first.accountFields(), second.accountFields());
    }
}
