package launcher.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import launcher.core.io.TargetFile;
import launcher.core.json.JsonDocument;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.Target;

/**
 * A target as it was read: the file and its parsed JSON.
 *
 * @param target the provider's description of the file
 * @param file the bytes and state that the writer read, used as the precondition of a write
 * @param document the parsed content
 */
record TargetContent(Target target, TargetFile file, JsonDocument document) {

    /** Returns the account fields that the file contains, in declared order. */
    ObjectNode accountFields() {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (String name : target.accountFields()) {
            Optional<JsonNode> value = document.member(name);
            value.ifPresent(node -> fields.set(name, node));
        }
        return fields;
    }

    /**
     * Returns the document with {@code fields} set and every other declared account field
     * removed. Fields that the target does not declare are ignored.
     */
    JsonDocument merge(ObjectNode fields) {
        JsonDocument merged = document;
        for (String name : target.accountFields()) {
            JsonNode value = fields.get(name);
            merged = value == null ? merged.withoutMember(name) : merged.withMember(name, value);
        }
        return merged;
    }

    /** Returns the account fields of every target, keyed by target id. */
    static AccountSnapshot snapshotOf(List<TargetContent> contents) {
        Map<String, ObjectNode> fields = new LinkedHashMap<>();
        for (TargetContent content : contents) {
            fields.put(content.target().id(), content.accountFields());
        }
        return new AccountSnapshot(fields);
    }
}
