package launcher.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The account's part of every target: for each target id, the account fields that the file
 * holds. A field that a target declares but the snapshot lacks is absent from the file.
 *
 * <p>Immutable: the constructor and every accessor copy the JSON trees.
 */
public final class AccountSnapshot {

    private final Map<String, ObjectNode> fieldsByTarget;

    /**
     * Creates a snapshot.
     *
     * @param fieldsByTarget for each target id, an object whose members are the account fields
     */
    public AccountSnapshot(Map<String, ObjectNode> fieldsByTarget) {
        Map<String, ObjectNode> copy = new LinkedHashMap<>();
        fieldsByTarget.forEach((target, fields) -> copy.put(
                Objects.requireNonNull(target, "target id"), fields.deepCopy()));
        this.fieldsByTarget = copy;
    }

    /** Returns the target ids that this snapshot covers, in their declared order. */
    public Set<String> targetIds() {
        return Collections.unmodifiableSet(fieldsByTarget.keySet());
    }

    /** Returns a copy of the account fields for one target, empty when the target is not covered. */
    public ObjectNode fields(String targetId) {
        ObjectNode fields = fieldsByTarget.get(targetId);
        return fields == null
                ? JsonNodeFactory.instance.objectNode()
                : fields.deepCopy();
    }

    /** Returns a copy of one account field, or empty when the file lacks it. */
    public Optional<JsonNode> field(String targetId, String fieldName) {
        ObjectNode fields = fieldsByTarget.get(targetId);
        if (fields == null || !fields.has(fieldName)) {
            return Optional.empty();
        }
        return Optional.of(fields.get(fieldName).deepCopy());
    }

    /** Returns a copy of all fields, keyed by target id. */
    public Map<String, ObjectNode> toMap() {
        Map<String, ObjectNode> copy = new LinkedHashMap<>();
        fieldsByTarget.forEach((target, fields) -> copy.put(target, fields.deepCopy()));
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountSnapshot snapshot
                && fieldsByTarget.equals(snapshot.fieldsByTarget);
    }

    @Override
    public int hashCode() {
        return fieldsByTarget.hashCode();
    }

    /** Returns the target ids and field names only, because a snapshot contains secrets. */
    @Override
    public String toString() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        fieldsByTarget.forEach((target, fields) -> {
            List<String> fieldNames = new ArrayList<>();
            fields.fieldNames().forEachRemaining(fieldNames::add);
            names.put(target, fieldNames);
        });
        return "AccountSnapshot" + names;
    }
}
