package launcher.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import launcher.core.json.JsonScanner.ScannedObject;

/**
 * Reads JSON into Jackson's tree nodes by the rules of {@link JsonScanner}, without Jackson's
 * parser or an {@code ObjectMapper}. In a new JVM the first mapper and its first parse took about
 * 40 ms of a 116 ms launch (Jackson 2.20 on JDK 25, with the image's AOT cache). Part of that is
 * {@code java.math.BigDecimal}, whose static initializer in JDK 25 computes 5^65536, and which
 * Jackson's parser initializes although no number needs it. A launch that finds nothing to change
 * reads only small files, so it reads them with this class.
 *
 * <p>The nodes are those that Jackson's {@code readTree} builds with
 * {@code USE_BIG_DECIMAL_FOR_FLOATS} on and {@code STRIP_TRAILING_BIGDECIMAL_ZEROES} off: a whole
 * number becomes an int, long or BigInteger node by its size, a number with a fraction or an
 * exponent a BigDecimal node that keeps its scale ({@code 1.50} stays {@code 1.50}), and objects
 * keep their members in file order.
 */
public final class JsonTrees {

    /** The maximum length of a number, the default of Jackson's {@code StreamReadConstraints} 2.20. */
    static final int MAX_NUMBER_CHARS = 1000;

    /** The maximum length of a whole number that always fits in a {@code long}: 18 characters. */
    private static final int MAX_LONG_CHARS = 18;

    /** The handling of a name that occurs twice in a nested object. */
    public enum Duplicates {
        /** An error, as Jackson's {@code STRICT_DUPLICATE_DETECTION} gives. */
        REJECT,
        /** The last value, in the place of the first, as Jackson's default {@code readTree} gives. */
        KEEP_LAST
    }

    private final Path path;
    private final byte[] content;
    private final JsonScanner scanner;
    private final Duplicates duplicates;

    private JsonTrees(Path path, byte[] content, int offset, Duplicates duplicates) {
        this.path = path;
        this.content = content;
        this.scanner = JsonScanner.at(path, content, offset);
        this.duplicates = duplicates;
    }

    /**
     * Reads a UTF-8 document whose top level is an object, with an optional byte order mark.
     *
     * @param path the file the content came from, for error messages
     * @throws MalformedJsonException when the content is not one JSON object, when a top-level
     *     name occurs twice, when a nested name occurs twice and {@code duplicates} is
     *     {@link Duplicates#REJECT}, or when a number is longer than 1000 characters or its
     *     exponent is out of range. The message gives the line and column and never a value
     */
    public static ObjectNode readObject(Path path, byte[] content, Duplicates duplicates) {
        ScannedObject scanned = JsonScanner.scan(path, content);
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Member member : scanned.members()) {
            object.set(member.name(), readValue(path, content, member.valueStart(), duplicates));
        }
        return object;
    }

    /**
     * Reads the value that starts at {@code offset}, which {@link JsonScanner} has validated, as
     * the value of a top-level member.
     *
     * @throws MalformedJsonException when a number is longer than 1000 characters or its exponent
     *     is out of range, or when a nested name occurs twice and {@code duplicates} is
     *     {@link Duplicates#REJECT}
     */
    static JsonNode readValue(Path path, byte[] content, int offset, Duplicates duplicates) {
        return new JsonTrees(path, content, offset, duplicates).value();
    }

    private JsonNode value() {
        int next = scanner.peek();
        return switch (next) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> TextNode.valueOf(scanner.decodeString());
            case 't' -> literal("true", BooleanNode.TRUE);
            case 'f' -> literal("false", BooleanNode.FALSE);
            case 'n' -> literal("null", NullNode.getInstance());
            default -> number();
        };
    }

    private ObjectNode object() {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        scanner.advance();
        scanner.skipWhitespace();
        if (scanner.peek() == '}') {
            scanner.advance();
            return object;
        }
        while (true) {
            int nameStart = scanner.position();
            String name = scanner.decodeString();
            scanner.skipWhitespace();
            expect(':');
            scanner.skipWhitespace();
            JsonNode earlier = object.replace(name, value());
            if (earlier != null && duplicates == Duplicates.REJECT) {
                throw JsonScanner.failureAt(path, content, nameStart,
                        "duplicate name " + JsonScanner.quotedName(name) + " in an object");
            }
            scanner.skipWhitespace();
            if (scanner.peek() == '}') {
                scanner.advance();
                return object;
            }
            expect(',');
            scanner.skipWhitespace();
        }
    }

    private ArrayNode array() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        scanner.advance();
        scanner.skipWhitespace();
        if (scanner.peek() == ']') {
            scanner.advance();
            return array;
        }
        while (true) {
            array.add(value());
            scanner.skipWhitespace();
            if (scanner.peek() == ']') {
                scanner.advance();
                return array;
            }
            expect(',');
            scanner.skipWhitespace();
        }
    }

    private JsonNode literal(String text, JsonNode node) {
        scanner.scanLiteral(text);
        return node;
    }

    private JsonNode number() {
        int start = scanner.position();
        scanner.scanNumber();
        int length = scanner.position() - start;
        if (length > MAX_NUMBER_CHARS) {
            throw JsonScanner.failureAt(path, content, start, "a number of " + length
                    + " characters is longer than the limit of " + MAX_NUMBER_CHARS);
        }
        String text = new String(content, start, length, StandardCharsets.ISO_8859_1);
        if (isWholeNumber(text)) {
            return wholeNumber(text);
        }
        try {
            return DecimalNode.valueOf(new BigDecimal(text));
        } catch (NumberFormatException e) {
            throw JsonScanner.failureAt(path, content, start,
                    "the exponent of a number is out of range");
        }
    }

    private static boolean isWholeNumber(String text) {
        for (int i = 0; i < text.length(); i++) {
            char next = text.charAt(i);
            if (next == '.' || next == 'e' || next == 'E') {
                return false;
            }
        }
        return true;
    }

    private static JsonNode wholeNumber(String text) {
        if (text.length() <= MAX_LONG_CHARS) {
            long value = Long.parseLong(text);
            return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
        }
        BigInteger value = new BigInteger(text);
        if (value.bitLength() < Integer.SIZE) {
            return IntNode.valueOf(value.intValue());
        }
        if (value.bitLength() < Long.SIZE) {
            return LongNode.valueOf(value.longValue());
        }
        return BigIntegerNode.valueOf(value);
    }

    /** Moves past {@code expected}, which the scanner has validated to be next. */
    private void expect(char expected) {
        if (scanner.peek() != expected) {
            throw new IllegalStateException("Expected '" + expected + "' at offset "
                    + scanner.position() + " of " + path + ", which the scanner accepted");
        }
        scanner.advance();
    }
}
