package launcher.core.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict scanner for a UTF-8 document whose top level is a JSON object (RFC 8259, with an
 * optional byte order mark). It validates the whole document and records the byte span of each
 * top-level member. Nested values are validated but not decoded.
 */
final class JsonScanner {

    /** The maximum nesting depth, the default of Jackson's {@code StreamReadConstraints} 2.20. */
    static final int MAX_DEPTH = 1000;

    /** The max length of a member name that an error message quotes. */
    static final int MAX_SHOWN_NAME_CHARS = 40;

    private static final int END = -1;

    /** Reads 8 bytes of a byte array as one {@code long}, for tests of 8 bytes at once. */
    private static final VarHandle WORDS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final byte[] bytes;
    private int position;

    private JsonScanner(Path path, byte[] bytes) {
        this.path = path;
        this.bytes = bytes;
    }

    /** Creates a scanner that reads {@code bytes} from {@code offset} on, for {@link JsonTrees}. */
    static JsonScanner at(Path path, byte[] bytes, int offset) {
        JsonScanner scanner = new JsonScanner(path, bytes);
        scanner.position = offset;
        return scanner;
    }

    /** Returns the offset of the next byte to read. */
    int position() {
        return position;
    }

    /** Moves past the next byte. */
    void advance() {
        position++;
    }

    /**
     * Scans a non-empty document.
     *
     * @throws MalformedJsonException when the bytes are not one JSON object in UTF-8, or when a
     *     top-level name occurs twice
     */
    static ScannedObject scan(Path path, byte[] bytes) {
        return new JsonScanner(path, bytes).scanDocument();
    }

    private ScannedObject scanDocument() {
        if (hasByteOrderMark(bytes)) {
            position = 3;
        }
        skipWhitespace();
        if (peek() != '{') {
            throw failure("expected '{' because the top level must be a JSON object, found "
                    + describe(peek()));
        }
        int open = position++;

        List<Member> members = new ArrayList<>();
        Map<String, Integer> startByName = new HashMap<>();
        int prefixStart = position;
        skipWhitespace();
        if (peek() == '}') {
            return finish(open, members);
        }
        while (true) {
            Member member = scanMember(prefixStart, startByName);
            members.add(member);

            skipWhitespace();
            int next = peek();
            if (next == '}') {
                return finish(open, members);
            }
            if (next != ',') {
                throw failure("expected ',' or '}' after the value of "
                        + quotedName(member.name()) + ", found " + describe(next));
            }
            position++;
            prefixStart = position;
            skipWhitespace();
        }
    }

    private Member scanMember(int prefixStart, Map<String, Integer> startByName) {
        int keyStart = position;
        if (peek() != '"') {
            throw failure("expected a member name in double quotes, found " + describe(peek()));
        }
        String name = decodeString();
        int keyEnd = position;
        Integer earlier = startByName.putIfAbsent(name, keyStart);
        if (earlier != null) {
            String duplicate = isShownName(name)
                    ? "duplicate top-level name " + quotedName(name)
                    : "duplicate top-level name of " + name.length() + " characters";
            throw failureAt(path, bytes, keyStart, duplicate + ", first at line "
                    + lineAt(bytes, earlier) + ", column " + columnAt(bytes, earlier));
        }

        skipWhitespace();
        if (peek() != ':') {
            String after = isShownName(name) ? "the name " + quotedName(name) : quotedName(name);
            throw failure("expected ':' after " + after + ", found " + describe(peek()));
        }
        position++;
        skipWhitespace();

        int valueStart = position;
        scanValue(1);
        return new Member(name, prefixStart, keyStart, keyEnd, valueStart, position);
    }

    private ScannedObject finish(int open, List<Member> members) {
        int close = position++;
        skipWhitespace();
        if (position < bytes.length) {
            throw failure("expected the end of the file after the closing '}', found "
                    + describe(peek()));
        }
        return new ScannedObject(open, close, members);
    }

    private void scanValue(int depth) {
        int next = peek();
        switch (next) {
            case '{' -> scanObject(depth + 1);
            case '[' -> scanArray(depth + 1);
            case '"' -> skipString();
            case 't' -> scanLiteral("true");
            case 'f' -> scanLiteral("false");
            case 'n' -> scanLiteral("null");
            default -> {
                if (next == '-' || isDigit(next)) {
                    scanNumber();
                } else {
                    throw failure("expected a value, found " + describe(next));
                }
            }
        }
    }

    private void scanObject(int depth) {
        checkDepth(depth);
        position++;
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return;
        }
        while (true) {
            if (peek() != '"') {
                throw failure("expected a member name in double quotes, found "
                        + describe(peek()));
            }
            skipString();
            skipWhitespace();
            if (peek() != ':') {
                throw failure("expected ':' after a member name, found " + describe(peek()));
            }
            position++;
            skipWhitespace();
            scanValue(depth);
            skipWhitespace();
            int next = peek();
            position++;
            if (next == '}') {
                return;
            }
            if (next != ',') {
                position--;
                throw failure("expected ',' or '}' in an object, found " + describe(next));
            }
            skipWhitespace();
        }
    }

    private void scanArray(int depth) {
        checkDepth(depth);
        position++;
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return;
        }
        while (true) {
            scanValue(depth);
            skipWhitespace();
            int next = peek();
            position++;
            if (next == ']') {
                return;
            }
            if (next != ',') {
                position--;
                throw failure("expected ',' or ']' in an array, found " + describe(next));
            }
            skipWhitespace();
        }
    }

    void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw failure("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    /**
     * Validates a string at the opening quote without decoding it. Runs of printable ASCII are
     * skipped in a tight loop, and every other byte goes through the same checks as
     * {@link #decodeString}.
     */
    private void skipString() {
        byte[] content = bytes;
        int end = content.length;
        int index = position + 1;
        while (true) {
            index = skipPlainWords(content, index);
            // Signed bytes: ASCII from 0x20 is positive, a byte of a UTF-8 sequence negative.
            while (index < end) {
                byte next = content[index];
                if (next < 0x20 || next == '"' || next == '\\') {
                    break;
                }
                index++;
            }
            position = index;

            int next = peek();
            if (next == '"') {
                position++;
                return;
            }
            if (next == END) {
                throw failure("expected '\"' to end the string, found the end of the file");
            }
            if (next == '\\') {
                scanEscape();
            } else if (next < 0x20) {
                throw failure(String.format(
                        "control character U+%04X must be escaped in a string", next));
            } else {
                scanUtf8Sequence();
            }
            index = position;
        }
    }

    /**
     * Returns the offset of the first 8-byte word from {@code index} on that contains a byte
     * other than printable ASCII without {@code '"'} and {@code '\\'}, or of the last partial
     * word. A byte b below 0x80 is less than n exactly when {@code (b - n) & ~b} has its high bit
     * set, so one subtraction per word flags bytes below 0x20, and after an XOR with the quote or
     * the backslash, bytes equal to it. A byte from 0x80 on has its own high bit set.
     */
    private static int skipPlainWords(byte[] content, int index) {
        while (index + Long.BYTES <= content.length) {
            long word = (long) WORDS.get(content, index);
            long quotes = word ^ 0x2222_2222_2222_2222L;
            long backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5CL;
            long special = (word - 0x2020_2020_2020_2020L) & ~word
                    | (quotes - 0x0101_0101_0101_0101L) & ~quotes
                    | (backslashes - 0x0101_0101_0101_0101L) & ~backslashes
                    | word;
            if ((special & 0x8080_8080_8080_8080L) != 0) {
                return index;
            }
            index += Long.BYTES;
        }
        return index;
    }

    /** Scans a string at the opening quote and returns its decoded text. */
    String decodeString() {
        StringBuilder text = new StringBuilder();
        position++;
        while (true) {
            int next = peek();
            if (next == END) {
                throw failure("expected '\"' to end the string, found the end of the file");
            }
            if (next == '"') {
                position++;
                return text.toString();
            }
            if (next == '\\') {
                text.append(scanEscape());
            } else if (next < 0x20) {
                throw failure(String.format(
                        "control character U+%04X must be escaped in a string", next));
            } else if (next < 0x80) {
                position++;
                text.append((char) next);
            } else {
                text.appendCodePoint(scanUtf8Sequence());
            }
        }
    }

    private char scanEscape() {
        position++;
        int kind = peek();
        position++;
        return switch (kind) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> scanHexEscape();
            default -> {
                position--;
                throw failure("expected one of \" \\ / b f n r t u after '\\' in a string, found "
                        + describe(kind));
            }
        };
    }

    private char scanHexEscape() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int next = peek();
            boolean hex = next >= '0' && next <= '9' || next >= 'a' && next <= 'f'
                    || next >= 'A' && next <= 'F';
            if (!hex) {
                throw failure("expected four hexadecimal digits after '\\u', found "
                        + describe(peek()));
            }
            value = value * 16 + Character.digit(next, 16);
            position++;
        }
        return (char) value;
    }

    /** Decodes one multi-byte UTF-8 sequence, rejecting overlong forms and surrogates. */
    private int scanUtf8Sequence() {
        int lead = peek();
        int length;
        int minimumSecond = 0x80;
        int maximumSecond = 0xBF;
        int codePoint;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            codePoint = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            codePoint = lead & 0x0F;
            minimumSecond = lead == 0xE0 ? 0xA0 : 0x80;
            maximumSecond = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            codePoint = lead & 0x07;
            minimumSecond = lead == 0xF0 ? 0x90 : 0x80;
            maximumSecond = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw failure(String.format("invalid UTF-8 byte 0x%02X", lead));
        }

        int start = position;
        for (int i = 1; i < length; i++) {
            position = start + i;
            int continuation = peek();
            int minimum = i == 1 ? minimumSecond : 0x80;
            int maximum = i == 1 ? maximumSecond : 0xBF;
            if (continuation == END || continuation < minimum || continuation > maximum) {
                position = start;
                throw failure(String.format("invalid UTF-8 sequence starting with byte 0x%02X",
                        lead));
            }
            codePoint = (codePoint << 6) | (continuation & 0x3F);
        }
        position = start + length;
        return codePoint;
    }

    void scanNumber() {
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
            if (isDigit(peek())) {
                throw failure("a number must not have a leading zero");
            }
        } else {
            requireDigits("expected a digit in a number");
        }
        if (peek() == '.') {
            position++;
            requireDigits("expected a digit after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            requireDigits("expected a digit in the exponent");
        }
    }

    private void requireDigits(String problem) {
        if (!isDigit(peek())) {
            throw failure(problem + ", found " + describe(peek()));
        }
        while (isDigit(peek())) {
            position++;
        }
    }

    void scanLiteral(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            if (peek() != literal.charAt(i)) {
                String problem = i == 0 ? "expected a value" : "expected " + literal;
                throw failure(problem + ", found " + describe(peek()));
            }
            position++;
        }
    }

    void skipWhitespace() {
        while (position < bytes.length) {
            byte next = bytes[position];
            if (next != ' ' && next != '\t' && next != '\n' && next != '\r') {
                return;
            }
            position++;
        }
    }

    int peek() {
        return position < bytes.length ? bytes[position] & 0xFF : END;
    }

    static boolean isDigit(int value) {
        return value >= '0' && value <= '9';
    }

    /**
     * Returns a member name in double quotes for an error message, or "a name of N characters"
     * when it is long or has other characters than letters, digits, '_', '-', '.' and '$'.
     * A file with a syntax error may contain a token where a name is expected, and an error never
     * shows a token.
     */
    static String quotedName(String name) {
        return isShownName(name)
                ? "\"" + name + "\""
                : "a name of " + name.length() + " characters";
    }

    private static boolean isShownName(String name) {
        if (name.length() > MAX_SHOWN_NAME_CHARS) {
            return false;
        }
        return name.codePoints().allMatch(c -> Character.isLetterOrDigit(c)
                || c == '_' || c == '-' || c == '.' || c == '$');
    }

    static String describe(int value) {
        if (value == END) {
            return "the end of the file";
        }
        if (value > 0x20 && value < 0x7F) {
            return "'" + (char) value + "'";
        }
        return String.format("byte 0x%02X", value);
    }

    MalformedJsonException failure(String problem) {
        return failureAt(path, bytes, position, problem);
    }

    /** Creates the error for a problem at a byte offset of a document. */
    static MalformedJsonException failureAt(Path path, byte[] bytes, int offset, String problem) {
        return new MalformedJsonException(
                path, lineAt(bytes, offset), columnAt(bytes, offset), problem);
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Counts characters, not bytes, from the start of the line, without a byte order mark. */
    private static int columnAt(byte[] bytes, int offset) {
        int end = Math.min(offset, bytes.length);
        int lineStart = hasByteOrderMark(bytes) ? 3 : 0;
        for (int i = end - 1; i >= lineStart; i--) {
            if (bytes[i] == '\n') {
                lineStart = i + 1;
                break;
            }
        }
        int column = 1;
        for (int i = lineStart; i < end; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return column;
    }

    static boolean hasByteOrderMark(byte[] content) {
        return content.length >= 3
                && (content[0] & 0xFF) == 0xEF
                && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF;
    }

    /**
     * The top-level object of a scanned document.
     *
     * @param open the offset of the opening {@code '{'}
     * @param close the offset of the closing {@code '}'}
     * @param members the members in file order
     */
    record ScannedObject(int open, int close, List<Member> members) {

        ScannedObject {
            members = List.copyOf(members);
        }
    }
}
