package launcher.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonScannerTests {

    private static final Path FILE = Path.of("/home/dev/.claude/.credentials.json");

    private static MalformedJsonException parseFailure(byte[] content) {
        return assertThrows(MalformedJsonException.class, () -> JsonDocument.parse(FILE, content));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String before, int[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(before));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(utf8(after));
        return out.toByteArray();
    }

    static Stream<Arguments> malformedText() {
        return Stream.of(
                Arguments.of("{\"a\": 1", 1, 8,
                        "expected ',' or '}' after the value of \"a\", found the end of the file"),
                Arguments.of("{\"a\": {\"b\": [1, 2", 1, 18,
                        "expected ',' or ']' in an array, found the end of the file"),
                Arguments.of("{\"a\": \"unterminated", 1, 20,
                        "expected '\"' to end the string, found the end of the file"),
                Arguments.of("{\"a\": 1}x", 1, 9,
                        "expected the end of the file after the closing '}', found 'x'"),
                Arguments.of("{\"a\": 1}\n{}", 2, 1,
                        "expected the end of the file after the closing '}', found '{'"),
                Arguments.of("[1, 2]", 1, 1,
                        "expected '{' because the top level must be a JSON object, found '['"),
                Arguments.of("\"text\"", 1, 1,
                        "expected '{' because the top level must be a JSON object, found '\"'"),
                Arguments.of("  \n ", 2, 2, "expected '{' because the top level must be a JSON"
                        + " object, found the end of the file"),
                Arguments.of("{\"a\": 1, \"a\": 2}", 1, 10,
                        "duplicate top-level name \"a\", first at line 1, column 2"),
                Arguments.of("{\"caf\\u00e9\": 1,\n \"café\": 2}", 2, 2,
                        "duplicate top-level name \"café\", first at line 1, column 2"),
                Arguments.of("{\"a\": 1,}", 1, 9,
                        "expected a member name in double quotes, found '}'"),
                Arguments.of("{'a': 1}", 1, 2,
                        "expected a member name in double quotes, found '''"),
                Arguments.of("{\"a\" 1}", 1, 6, "expected ':' after the name \"a\", found '1'"),
                Arguments.of("{\"a\": 01}", 1, 8, "a number must not have a leading zero"),
                Arguments.of("{\"a\": 1.}", 1, 9,
                        "expected a digit after the decimal point, found '}'"),
                Arguments.of("{\"a\": 1e}", 1, 9, "expected a digit in the exponent, found '}'"),
                Arguments.of("{\"a\": -}", 1, 8, "expected a digit in a number, found '}'"),
                Arguments.of("{\"a\": +1}", 1, 7, "expected a value, found '+'"),
                Arguments.of("{\"a\": NaN}", 1, 7, "expected a value, found 'N'"),
                Arguments.of("{\"a\": tru}", 1, 10, "expected true, found '}'"),
                Arguments.of("{\"a\": nul}", 1, 10, "expected null, found '}'"),
                Arguments.of("{\"a\": \"x\ny\"}", 1, 9,
                        "control character U+000A must be escaped in a string"),
                Arguments.of("{\"a\": \"\\x\"}", 1, 9,
                        "expected one of \" \\ / b f n r t u after '\\' in a string, found 'x'"),
                Arguments.of("{\"a\": \"\\u12g4\"}", 1, 12,
                        "expected four hexadecimal digits after '\\u', found 'g'"),
                Arguments.of("{\"a\": 1} // note", 1, 10,
                        "expected the end of the file after the closing '}', found '/'"),
                Arguments.of("{\n  \"a\": 1,\n  \"b\": ]\n}", 3, 8, "expected a value, found ']'"),
                Arguments.of("{\"ключ\": x}", 1, 10, "expected a value, found 'x'"),
                Arguments.of("{\"a\": [1 2]}", 1, 10,
                        "expected ',' or ']' in an array, found '2'"),
                Arguments.of("{\"a\": {\"b\" 2}}", 1, 12,
                        "expected ':' after a member name, found '2'"),
                Arguments.of("{\"a\": {\"b\": 2 \"c\": 3}}", 1, 15,
                        "expected ',' or '}' in an object, found '\"'"));
    }

    @ParameterizedTest
    @MethodSource("malformedText")
    void malformedTextNamesPosition(String content, int line, int column, String problem) {
        MalformedJsonException error = parseFailure(utf8(content));

        assertEquals(problem, error.problem());
        assertEquals(line, error.line(), "line");
        assertEquals(column, error.column(), "column");
        assertEquals(FILE, error.path());
        assertEquals("Invalid JSON in " + FILE + " at line " + line + ", column " + column
                + ": " + problem, error.getMessage());
    }

    /** A name that looks like a token, which an error must never show. */
    private static final String TOKEN_NAME = "sk-ant-oat01-" + "Xy9_".repeat(15);

    static Stream<Arguments> hiddenNames() {
        String forty = "n".repeat(40);
        String fortyOne = "n".repeat(41);
        return Stream.of(
                Arguments.of("{\"" + TOKEN_NAME + "\"}", 1, 77,
                        "expected ':' after a name of 73 characters, found '}'"),
                Arguments.of("{\"" + TOKEN_NAME + "\": 1 x}", 1, 81,
                        "expected ',' or '}' after the value of a name of 73 characters,"
                                + " found 'x'"),
                Arguments.of("{\"" + TOKEN_NAME + "\": 1, \"" + TOKEN_NAME + "\": 2}", 1, 82,
                        "duplicate top-level name of 73 characters, first at line 1, column 2"),
                Arguments.of("{\"a b\" 1}", 1, 8,
                        "expected ':' after a name of 3 characters, found '1'"),
                Arguments.of("{\"a\\\"b\" 1}", 1, 9,
                        "expected ':' after a name of 3 characters, found '1'"),
                Arguments.of("{\"" + fortyOne + "\" 1}", 1, 46,
                        "expected ':' after a name of 41 characters, found '1'"),
                Arguments.of("{\"" + forty + "\" 1}", 1, 45,
                        "expected ':' after the name \"" + forty + "\", found '1'"),
                Arguments.of("{\"$schema.v-1_x\" 1}", 1, 18,
                        "expected ':' after the name \"$schema.v-1_x\", found '1'"));
    }

    @ParameterizedTest
    @MethodSource("hiddenNames")
    void unsafeNameIsNotQuoted(String content, int line, int column, String problem) {
        MalformedJsonException error = parseFailure(utf8(content));

        assertEquals(problem, error.problem());
        assertEquals(line, error.line(), "line");
        assertEquals(column, error.column(), "column");
        assertFalse(error.getMessage().contains("sk-ant"), error.getMessage());
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of(new int[] {0xFF}, "invalid UTF-8 byte 0xFF"),
                Arguments.of(new int[] {0x80}, "invalid UTF-8 byte 0x80"),
                Arguments.of(new int[] {0xC0, 0x80}, "invalid UTF-8 byte 0xC0"),
                Arguments.of(new int[] {0xC3}, "invalid UTF-8 sequence starting with byte 0xC3"),
                Arguments.of(new int[] {0xE0, 0x80, 0x80},
                        "invalid UTF-8 sequence starting with byte 0xE0"),
                Arguments.of(new int[] {0xED, 0xA0, 0x80},
                        "invalid UTF-8 sequence starting with byte 0xED"),
                Arguments.of(new int[] {0xF4, 0x90, 0x80, 0x80},
                        "invalid UTF-8 sequence starting with byte 0xF4"),
                Arguments.of(new int[] {0xF5, 0x80, 0x80, 0x80}, "invalid UTF-8 byte 0xF5"));
    }

    @ParameterizedTest
    @MethodSource("invalidUtf8")
    void invalidUtf8NamesByte(int[] raw, String problem) {
        MalformedJsonException error = parseFailure(bytes("{\n  \"é\": \"ab", raw, "\"}"));

        assertEquals(problem, error.problem());
        assertEquals(2, error.line(), "line");
        assertEquals(11, error.column(), "column");
    }

    @Test
    void byteOrderMarkIsNotAColumn() {
        MalformedJsonException error = parseFailure(bytes("", new int[] {0xEF, 0xBB, 0xBF},
                "{\"a\" 1}"));

        assertEquals(1, error.line());
        assertEquals(6, error.column());
    }

    @Test
    void byteOrderMarkAloneIsMalformed() {
        MalformedJsonException error = parseFailure(bytes("", new int[] {0xEF, 0xBB, 0xBF}, ""));

        assertEquals(1, error.column());
        assertTrue(error.problem().endsWith("found the end of the file"), error.problem());
    }

    @Test
    void deepNestingIsRejected() {
        int depth = JsonScanner.MAX_DEPTH;
        String content = "{\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}";

        MalformedJsonException error = parseFailure(utf8(content));

        assertEquals("nesting deeper than " + depth + " levels", error.problem());
        assertEquals(7 + depth - 1, error.column());
    }

    @Test
    void nestingAtLimitIsAccepted() {
        int depth = JsonScanner.MAX_DEPTH - 1;
        String content = "{\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}";

        JsonDocument document = JsonDocument.parse(FILE, utf8(content));

        assertTrue(document.member("a").orElseThrow().isArray());
    }

    @Test
    void messageNeverQuotesTheValue() {
        MalformedJsonException error = parseFailure(
                utf8("{\"claudeAiOauth\": {\"refreshToken\": \"sk-ant-ort01-SECRET\" x}}"));

        assertFalse(error.getMessage().contains("SECRET"), error.getMessage());
        assertTrue(error.fix().contains("move it away"), error.fix());
    }

    /** Offsets within a string that put a byte at each position of two 8-byte words. */
    static IntStream offsetsInString() {
        return IntStream.rangeClosed(0, 17);
    }

    /** Returns {@code {"k": "aaa...X...aaa"}} with {@code raw} after {@code offset} letters. */
    private static byte[] stringWith(int offset, int[] raw) {
        return bytes("{\"k\": \"" + "a".repeat(offset), raw, "a".repeat(20) + "\"}");
    }

    @ParameterizedTest
    @MethodSource("offsetsInString")
    void controlCharacterAtAnyOffset(int offset) {
        MalformedJsonException error = parseFailure(stringWith(offset, new int[] {0x1F}));

        assertEquals("control character U+001F must be escaped in a string", error.problem());
        assertEquals(1, error.line(), "line");
        assertEquals(8 + offset, error.column(), "column");
    }

    @ParameterizedTest
    @MethodSource("offsetsInString")
    void invalidUtf8AtAnyOffset(int offset) {
        MalformedJsonException error = parseFailure(stringWith(offset, new int[] {0xC3, 0x28}));

        assertEquals("invalid UTF-8 sequence starting with byte 0xC3", error.problem());
        assertEquals(8 + offset, error.column(), "column");
    }

    @ParameterizedTest
    @MethodSource("offsetsInString")
    void quoteAtAnyOffsetEndsString(int offset) {
        MalformedJsonException error = parseFailure(stringWith(offset, new int[] {'"'}));

        assertEquals("expected ',' or '}' after the value of \"k\", found 'a'", error.problem());
        assertEquals(9 + offset, error.column(), "column");
    }

    @ParameterizedTest
    @MethodSource("offsetsInString")
    void escapesAndUtf8AtAnyOffset(int offset) {
        int[] raw = {'\\', '"', 0xC3, 0xA9, 0x7F, '\\', '\\', 0xF0, 0x9F, 0x98, 0x80};

        JsonScanner.ScannedObject scanned = JsonScanner.scan(FILE, stringWith(offset, raw));

        assertEquals(1, scanned.members().size());
        assertEquals("k", scanned.members().getFirst().name());
    }

    @Nested
    class WellFormed {

        @ParameterizedTest
        @ValueSource(strings = {
            "{}",
            " \t\r\n{ \t\r\n} \t\r\n",
            "{\"a\":-0.0e+00,\"b\":1E-7,\"c\":[true,false,null,{},[]]}",
            "{\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\": \"\"}",
            "{\"emoji\": \"😀 ü 日本語 \u2028\"}",
            "{\"a\": {\"a\": 1, \"a\": 2}}"
        })
        void acceptedByScanner(String content) {
            JsonScanner.ScannedObject scanned = JsonScanner.scan(FILE, utf8(content));

            assertTrue(scanned.close() > scanned.open());
        }
    }
}
