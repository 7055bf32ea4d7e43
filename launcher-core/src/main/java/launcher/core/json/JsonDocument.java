package launcher.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import launcher.core.json.JsonScanner.ScannedObject;

/**
 * The bytes of a file that contains a JSON object, with edits of one top-level member that keep
 * every other byte as it was: member order, whitespace, line endings, a byte order mark, number
 * spellings and string escapes.
 *
 * <p>Immutable. An edit returns a new document, or this one when the edit changes nothing, so
 * that {@code edited == original} tells a caller that no write is needed.
 */
public final class JsonDocument {

    private static final JsonFormatter NEW_FILE = new JsonFormatter("\n", "  ", ": ", " ");

    private final Path path;
    private final byte[] content;
    private final ScannedObject scanned;

    private JsonDocument(Path path, byte[] content, ScannedObject scanned) {
        this.path = path;
        this.content = content;
        this.scanned = scanned;
    }

    /**
     * Parses a file's content. Empty content, as from a missing or empty file, is an object with
     * no members.
     *
     * @param path the file, named in errors
     * @param content the file's bytes, which the document copies
     * @throws MalformedJsonException when the content is not one JSON object in UTF-8, or
     *     contains a top-level name twice
     */
    public static JsonDocument parse(Path path, byte[] content) {
        Objects.requireNonNull(path, "path");
        byte[] copy = content.clone();
        if (copy.length == 0) {
            return new JsonDocument(path, copy, null);
        }
        return new JsonDocument(path, copy, JsonScanner.scan(path, copy));
    }

    /** Returns the file that this document was read from, or will be written to. */
    public Path path() {
        return path;
    }

    /** Returns a copy of the bytes, which are empty for a missing or empty file. */
    public byte[] content() {
        return content.clone();
    }

    /** Returns whether the document's bytes are exactly {@code other}. */
    public boolean contentEquals(byte[] other) {
        return Arrays.equals(content, other);
    }

    /** Returns whether both documents have exactly the same bytes, without copying either. */
    public boolean sameContentAs(JsonDocument other) {
        return Arrays.equals(content, other.content);
    }

    /** Returns the names of the top-level members, in file order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Member member : members()) {
            names.add(member.name());
        }
        return names;
    }

    /** Returns whether the object has a top-level member of that name. */
    public boolean has(String name) {
        return find(name) != null;
    }

    /**
     * Parses the value of one top-level member. Numbers keep their exact value: integers of any
     * size and decimals as {@code BigDecimal} with their scale, so {@code 1.10} is not
     * {@code 1.1}.
     */
    public Optional<JsonNode> member(String name) {
        Member member = find(name);
        if (member == null) {
            return Optional.empty();
        }
        return Optional.of(parseValue(member));
    }

    /**
     * Sets a top-level member. A present member keeps its place and its name's bytes and gets
     * the new value. When the new value equals the present one as JSON (see
     * {@link JsonValues#equivalent}), this document is returned unchanged. A new member goes
     * after the last one. New values are laid out as the file lays out its members.
     *
     * @throws IllegalArgumentException when the value contains a node that JSON cannot spell,
     *     such as a binary node or a non-finite double
     */
    public JsonDocument withMember(String name, JsonNode value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (scanned == null) {
            String text = "{\n  " + NEW_FILE.member(name, value) + "\n}\n";
            return reparse(text.getBytes(StandardCharsets.UTF_8));
        }

        Member present = find(name);
        if (present != null) {
            if (JsonValues.equivalent(parseValue(present), value)) {
                return this;
            }
            String formatted = layoutAround(present).value(value, 1);
            return splice(present.valueStart(), present.valueEnd(), formatted);
        }

        List<Member> members = scanned.members();
        if (members.isEmpty()) {
            JsonFormatter layout = layoutOfEmptyObject();
            String text = layout.newline() + layout.indent() + layout.member(name, value)
                    + layout.newline();
            return splice(scanned.open() + 1, scanned.close(), text);
        }
        Member last = members.getLast();
        JsonFormatter layout = layoutAround(last);
        String prefix = layout.newline() == null
                ? layout.separator()
                : text(last.prefixStart(), last.keyStart());
        return splice(last.valueEnd(), last.valueEnd(), "," + prefix + layout.member(name, value));
    }

    /**
     * Removes a top-level member together with the comma that separates it from a neighbour.
     * Returns this document when there is no such member.
     */
    public JsonDocument withoutMember(String name) {
        Member member = find(name);
        if (member == null) {
            return this;
        }

        List<Member> members = scanned.members();
        int index = members.indexOf(member);
        if (members.size() == 1) {
            return splice(scanned.open() + 1, scanned.close(), "");
        }
        if (index == 0) {
            return splice(member.keyStart(), members.get(1).keyStart(), "");
        }
        return splice(members.get(index - 1).valueEnd(), member.valueEnd(), "");
    }

    /** Returns the file name and member names only, because the values may be secrets. */
    @Override
    public String toString() {
        return "JsonDocument[" + path + ", " + names() + "]";
    }

    private List<Member> members() {
        return scanned == null ? List.of() : scanned.members();
    }

    private Member find(String name) {
        for (Member member : members()) {
            if (member.name().equals(name)) {
                return member;
            }
        }
        return null;
    }

    private JsonNode parseValue(Member member) {
        return JsonTrees.readValue(
                path, content, member.valueStart(), JsonTrees.Duplicates.KEEP_LAST);
    }

    /**
     * Derives the layout from one member: the line ending of the file, the member's own
     * indentation as the unit per level, and the spelling of its colon.
     */
    private JsonFormatter layoutAround(Member member) {
        String prefix = text(member.prefixStart(), member.keyStart());
        String colon = text(member.keyEnd(), member.valueStart());
        if (colon.indexOf('\n') >= 0) {
            colon = ": ";
        }

        int lineBreak = prefix.lastIndexOf('\n');
        if (lineBreak >= 0) {
            return new JsonFormatter(newline(), prefix.substring(lineBreak + 1), colon, " ");
        }
        return new JsonFormatter(null, "", colon, compactSeparator(colon));
    }

    /** Returns the whitespace after the commas of a compact object, guessed from its colon. */
    private String compactSeparator(String colon) {
        List<Member> members = scanned.members();
        if (members.size() > 1) {
            Member second = members.get(1);
            return text(second.prefixStart(), second.keyStart());
        }
        return colon.endsWith(" ") ? " " : "";
    }

    private JsonFormatter layoutOfEmptyObject() {
        return new JsonFormatter(newline(), NEW_FILE.indent(), NEW_FILE.colon(), " ");
    }

    /** Returns the file's first line ending, or LF when it has none. */
    private String newline() {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                return i > 0 && content[i - 1] == '\r' ? "\r\n" : "\n";
            }
        }
        return "\n";
    }

    private String text(int start, int end) {
        return new String(content, start, end - start, StandardCharsets.UTF_8);
    }

    private JsonDocument splice(int start, int end, String replacement) {
        byte[] inserted = replacement.getBytes(StandardCharsets.UTF_8);
        byte[] edited = new byte[content.length - (end - start) + inserted.length];
        System.arraycopy(content, 0, edited, 0, start);
        System.arraycopy(inserted, 0, edited, start, inserted.length);
        System.arraycopy(content, end, edited, start + inserted.length, content.length - end);
        return reparse(edited);
    }

    private JsonDocument reparse(byte[] edited) {
        try {
            return new JsonDocument(path, edited, JsonScanner.scan(path, edited));
        } catch (MalformedJsonException e) {
            throw new IllegalStateException("An edit of " + path + " produced invalid JSON", e);
        }
    }
}
