package launcher.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import launcher.core.json.JsonTrees.Duplicates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTreesTests {

    private static final Path FILE = Path.of("/home/dev/.launcher/accounts/claude.json");

    /** The Jackson configuration whose trees JsonTrees reproduces. */
    private static final ObjectMapper JACKSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode read(String text, Duplicates duplicates) {
        return JsonTrees.readObject(FILE, utf8(text), duplicates);
    }

    /** Asserts equal trees whose nodes also have the same classes, member order included. */
    private static void assertSameTree(JsonNode expected, JsonNode actual) {
        assertEquals(expected.getClass(), actual.getClass(), () -> "node " + expected);
        assertEquals(expected, actual);
        if (expected.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> others = actual.properties().iterator();
            for (Map.Entry<String, JsonNode> member : expected.properties()) {
                Map.Entry<String, JsonNode> other = others.next();
                assertEquals(member.getKey(), other.getKey());
                assertSameTree(member.getValue(), other.getValue());
            }
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertSameTree(expected.get(i), actual.get(i));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"a\": {}, \"b\": [], \"c\": [[]], \"d\": {\"e\": {}}}",
        "{\"z\": 1, \"a\": 2, \"m\": {\"y\": true, \"b\": false, \"n\": null}}",
        "{\"ints\": [0, -0, 1, -1, 2147483647, -2147483648, 2147483648, -2147483649]}",
        "{\"longs\": [9223372036854775807, -9223372036854775808, 999999999999999999,"
                + " -99999999999999999]}",
        "{\"big\": [9223372036854775808, -9223372036854775809,"
                + " 123456789012345678901234567890]}",
        "{\"fractions\": [1.5, 1.50, -0.0, 0.10, 1e5, 1E-5, 2.5e+3, 1.0e0, 123.456e-7]}",
        "{\"expiresAt\": 1893456000000, \"scopes\": [\"user:inference\", \"user:profile\"]}",
        "{\"escapes\": \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9 \\ud83d\\ude00\"}",
        "{\"lone\": \"\\ud800\", \"utf8\": \"é ü 中 😀\", \"empty\": \"\"}",
        "\uFEFF{\"bom\": 1}",
        "{\r\n  \"crlf\" : [ 1 ,\t2 ]\r\n}\r\n",
    })
    void readObjectMatchesJacksonTrees(String text) throws Exception {
        JsonNode expected = JACKSON.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .readTree(text.replace("\uFEFF", ""));

        assertSameTree(expected, read(text, Duplicates.REJECT));
        assertSameTree(expected, read(text, Duplicates.KEEP_LAST));
    }

    @Test
    void keepLastMatchesJacksonForNestedDuplicates() throws Exception {
        String text = "{\"outer\": {\"a\": 1, \"b\": 2, \"a\": {\"c\": 3}}}";

        assertSameTree(JACKSON.readTree(text), read(text, Duplicates.KEEP_LAST));
    }

    @Test
    void rejectNamesNestedDuplicate() {
        MalformedJsonException error = assertThrows(MalformedJsonException.class,
                () -> read("{\"outer\": {\"a\": 1,\n \"a\": 2}}", Duplicates.REJECT));

        assertEquals("duplicate name \"a\" in an object", error.problem());
        assertEquals(2, error.line());
        assertEquals(2, error.column());
    }

    @Test
    void rejectHidesLongDuplicateName() {
        String name = "sk-ant-" + "x".repeat(60);
        String text = "{\"outer\": {\"" + name + "\": 1, \"" + name + "\": 2}}";

        MalformedJsonException error = assertThrows(MalformedJsonException.class,
                () -> read(text, Duplicates.REJECT));

        assertFalse(error.getMessage().contains(name), error.getMessage());
    }

    @Test
    void topLevelDuplicateFailsInBothModes() {
        for (Duplicates duplicates : Duplicates.values()) {
            MalformedJsonException error = assertThrows(MalformedJsonException.class,
                    () -> read("{\"a\": 1, \"a\": 2}", duplicates));

            assertTrue(error.problem().startsWith("duplicate top-level name \"a\""),
                    error.problem());
        }
    }

    @Test
    void numberAtLengthLimitIsRead() {
        String digits = "9".repeat(JsonTrees.MAX_NUMBER_CHARS);

        JsonNode value = read("{\"n\": " + digits + "}", Duplicates.REJECT).get("n");

        assertTrue(value.isBigInteger());
        assertEquals(digits, value.bigIntegerValue().toString());
    }

    @Test
    void numberOverLengthLimitFails() {
        String digits = "9".repeat(JsonTrees.MAX_NUMBER_CHARS + 1);

        MalformedJsonException error = assertThrows(MalformedJsonException.class,
                () -> read("{\"n\": " + digits + "}", Duplicates.REJECT));

        assertEquals("a number of 1001 characters is longer than the limit of 1000",
                error.problem());
        assertEquals(7, error.column());
    }

    @Test
    void exponentOutOfRangeFails() {
        MalformedJsonException error = assertThrows(MalformedJsonException.class,
                () -> read("{\"n\": 1e99999999999}", Duplicates.REJECT));

        assertEquals("the exponent of a number is out of range", error.problem());
    }

    @Test
    void malformedDocumentFailsAsScannerDoes() {
        MalformedJsonException error = assertThrows(MalformedJsonException.class,
                () -> read("{\"a\": [1, 2}", Duplicates.REJECT));

        assertEquals("expected ',' or ']' in an array, found '}'", error.problem());
    }

    @Test
    void deepNestingFailsAtScannerLimit() {
        int depth = JsonScanner.MAX_DEPTH + 1;
        String text = "{\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}";

        MalformedJsonException error = assertThrows(MalformedJsonException.class,
                () -> read(text, Duplicates.REJECT));

        assertEquals("nesting deeper than 1000 levels", error.problem());
    }

    @Test
    void nestingAtScannerLimitIsRead() {
        int depth = JsonScanner.MAX_DEPTH - 1;
        String text = "{\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}";

        JsonNode value = read(text, Duplicates.REJECT).get("a");

        for (int i = 1; i < depth; i++) {
            value = value.get(0);
        }
        assertTrue(value.isArray());
        assertTrue(value.isEmpty());
    }
}
