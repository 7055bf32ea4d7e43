package launcher.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import launcher.core.io.ContentCheck;
import launcher.core.io.TargetFile;
import launcher.core.json.JsonDocument;
import launcher.core.json.JsonValues;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.Target;

/**
 * A target as a sync found it: either read and parsed, or recognised by the size and checksums
 * that the store recorded for the same bytes, in which case only its account fields are known.
 */
final class TargetContent {

    private final Target target;
    private final TargetFile file;
    private final JsonDocument document;
    private final ContentCheck check;
    private final ObjectNode accountFields;

    private TargetContent(
            Target target, TargetFile file, JsonDocument document, ContentCheck check,
            ObjectNode accountFields) {
        this.target = target;
        this.file = file;
        this.document = document;
        this.check = check;
        this.accountFields = accountFields;
    }

    /**
     * Returns a target that was read and parsed.
     *
     * @param file the bytes and state that the writer read, used as the precondition of a write
     * @param document the parsed content
     * @param check the check of the file's bytes, or null when the file does not exist
     */
    static TargetContent read(
            Target target, TargetFile file, JsonDocument document, ContentCheck check) {
        return new TargetContent(target, file, document, check, fieldsOf(target, document));
    }

    /**
     * Returns a target whose bytes matched {@code check}, with the account fields that the
     * store recorded for those bytes, but without the bytes.
     */
    static TargetContent checked(Target target, ContentCheck check, ObjectNode accountFields) {
        return new TargetContent(target, null, null, check, accountFields);
    }

    /** Returns a target known by the check of {@code written}, the bytes of {@code document}. */
    static TargetContent written(Target target, JsonDocument document, byte[] written) {
        return checked(target, ContentCheck.of(written), fieldsOf(target, document));
    }

    private static ObjectNode fieldsOf(Target target, JsonDocument document) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (String name : target.accountFields()) {
            Optional<JsonNode> value = document.member(name);
            value.ifPresent(node -> fields.set(name, node));
        }
        return fields;
    }

    Target target() {
        return target;
    }

    /** Returns whether only the check is known, so that {@link #file()} and a merge fail. */
    boolean isChecked() {
        return file == null;
    }

    /** Returns whether the file exists; a checked file does. */
    boolean exists() {
        return file == null || file.exists();
    }

    /** Returns the file as read, the precondition of a write. */
    TargetFile file() {
        if (file == null) {
            throw new IllegalStateException(target.path() + " was checked, not read");
        }
        return file;
    }

    /** Returns the parsed content. */
    JsonDocument document() {
        if (document == null) {
            throw new IllegalStateException(target.path() + " was checked, not read");
        }
        return document;
    }

    /** Returns the check of the bytes, or null for a missing file. */
    ContentCheck check() {
        return check;
    }

    /** Returns the account fields that the file contains, in declared order. */
    ObjectNode accountFields() {
        return accountFields.deepCopy();
    }

    /**
     * Returns whether the file already contains {@code fields}: every declared account field is
     * in both with the same JSON value, or in neither.
     */
    boolean containsFields(ObjectNode fields) {
        for (String name : target.accountFields()) {
            JsonNode expected = fields.get(name);
            JsonNode present = accountFields.get(name);
            boolean same = expected == null || present == null
                    ? expected == present
                    : JsonValues.equivalent(expected, present);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the document with {@code fields} set and every other declared account field
     * removed. Fields that the target does not declare are ignored.
     */
    JsonDocument merge(ObjectNode fields) {
        JsonDocument merged = document();
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
            fields.put(content.target().id(), content.accountFields);
        }
        return new AccountSnapshot(fields);
    }

    /** Returns the target of each content, in order. */
    static List<Target> targetsOf(List<TargetContent> contents) {
        return contents.stream().map(TargetContent::target).toList();
    }

    /** Returns the target's path, existence and kind only, because the content may be secret. */
    @Override
    public String toString() {
        return "TargetContent[" + target.path() + (isChecked() ? ", checked" : ", read")
                + ", exists=" + exists() + "]";
    }
}
