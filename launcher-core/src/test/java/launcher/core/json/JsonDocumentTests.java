package launcher.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import launcher.core.json.JsonScanner.ScannedObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonDocumentTests {

    private static final Path FILE = Path.of("/home/dev/.claude.json");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** A state file in the layout Claude Code writes, with spellings that must survive. */
    private static final String STATE = """
            {
              "numStartups": 87,
              "tipsHistory": {
                "plan-mode": 2
              },
              "projects": {
                "/srv/wörk/プロジェクト": {
                  "lastCost": 0.0310,
                  "lastDuration": 45210
                }
              },
              "oauthAccount": {
                "accountUuid": "11111111-2222-4333-8444-555555555555",
                "emailAddress": "carol@example.net",
                "displayName": "Carol"
              },
              "changelog": "caf\\u00e9 \\/ \\"quoted\\" \\u2028",
              "huge": 98765432109876543210,
              "ratio": 1.10,
              "tiny": 1e-7,
              "whole": 214.0,
              "emptyArray": [],
              "emptyObject": {}
            }""";

    private static JsonDocument parse(String text) {
        return JsonDocument.parse(FILE, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(JsonDocument document) {
        return new String(document.content(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    private static ObjectNode account(String uuid, String email) {
        ObjectNode account = NODES.objectNode();
        account.put("accountUuid", uuid);
        account.put("emailAddress", email);
        return account;
    }

    /** Asserts that every byte before and after the member's value is as it was. */
    private static void assertOnlyValueChanged(byte[] before, byte[] after, String name) {
        Member member = JsonScanner.scan(FILE, before).members().stream()
                .filter(candidate -> candidate.name().equals(name))
                .findFirst()
                .orElseThrow();
        int tail = before.length - member.valueEnd();
        assertArrayEquals(
                Arrays.copyOfRange(before, 0, member.valueStart()),
                Arrays.copyOfRange(after, 0, member.valueStart()),
                "bytes before the value of " + name);
        assertArrayEquals(
                Arrays.copyOfRange(before, member.valueEnd(), before.length),
                Arrays.copyOfRange(after, after.length - tail, after.length),
                "bytes after the value of " + name);
    }

    @Nested
    class Reading {

        @Test
        void namesKeepFileOrder() {
            JsonDocument document = parse(STATE);

            assertEquals(List.of("numStartups", "tipsHistory", "projects", "oauthAccount",
                    "changelog", "huge", "ratio", "tiny", "whole", "emptyArray", "emptyObject"),
                    document.names());
        }

        @Test
        void numbersKeepExactValues() {
            JsonDocument document = parse(STATE);

            JsonNode huge = document.member("huge").orElseThrow();
            JsonNode ratio = document.member("ratio").orElseThrow();
            JsonNode tiny = document.member("tiny").orElseThrow();
            JsonNode whole = document.member("whole").orElseThrow();

            assertEquals(new BigInteger("98765432109876543210"), huge.bigIntegerValue());
            assertTrue(ratio.isBigDecimal());
            assertEquals(new BigDecimal("1.10"), ratio.decimalValue());
            assertEquals(new BigDecimal("1e-7"), tiny.decimalValue());
            assertEquals(new BigDecimal("214.0"), whole.decimalValue());
        }

        @Test
        void escapesDecodeInValues() {
            JsonDocument document = parse(STATE);

            String changelog = document.member("changelog").orElseThrow().textValue();

            assertEquals("café / \"quoted\" \u2028", changelog);
        }

        @Test
        void escapedNameMatchesDecodedName() {
            JsonDocument document = parse("{\"caf\\u00e9\": 1, \"日本\": 2}");

            assertEquals(List.of("café", "日本"), document.names());
            assertEquals(2, document.member("日本").orElseThrow().intValue());
            assertTrue(document.has("café"));
        }

        @Test
        void missingMemberIsEmpty() {
            assertTrue(parse(STATE).member("claudeAiOauth").isEmpty());
        }

        @Test
        void emptyContentHasNoMembers() {
            JsonDocument document = JsonDocument.parse(FILE, new byte[0]);

            assertEquals(List.of(), document.names());
            assertTrue(document.member("oauthAccount").isEmpty());
        }

        @Test
        void toStringOmitsValues() {
            String described = parse(STATE).toString();

            assertTrue(described.contains("oauthAccount"), described);
            assertFalse(described.contains("carol@example.net"), described);
        }
    }

    @Nested
    class ReplacingWithEqualValue {

        @Test
        void sameObjectReturnsSameDocument() throws IOException {
            JsonDocument document = parse(STATE);
            JsonNode same = json("""
                    {"displayName": "Carol", "emailAddress": "carol@example.net",
                     "accountUuid": "11111111-2222-4333-8444-555555555555"}""");

            assertSame(document, document.withMember("oauthAccount", same));
        }

        @Test
        void otherNumberSpellingReturnsSameDocument() {
            JsonDocument document = parse(STATE);

            assertSame(document, document.withMember("ratio", NODES.numberNode(1.1)));
            assertSame(document, document.withMember("whole", NODES.numberNode(214)));
            assertSame(document, document.withMember("tiny",
                    NODES.numberNode(new BigDecimal("0.0000001"))));
            assertSame(document, document.withMember("numStartups", NODES.numberNode(87L)));
            assertSame(document, document.withMember("huge",
                    NODES.numberNode(new BigInteger("98765432109876543210"))));
        }

        @Test
        void nearbyNumberIsNotEqual() {
            JsonDocument document = parse("{\"huge\": 98765432109876543210}");

            JsonDocument edited = document.withMember("huge",
                    NODES.numberNode(new BigInteger("98765432109876543211")));

            assertEquals("{\"huge\": 98765432109876543211}", text(edited));
        }

        @Test
        void escapedStringReturnsSameDocument() {
            JsonDocument document = parse(STATE);

            assertSame(document, document.withMember("changelog",
                    NODES.textNode("café / \"quoted\" \u2028")));
        }
    }

    @Nested
    class Replacing {

        @Test
        void prettyFileGetsPrettyValue() {
            JsonDocument document = parse(STATE);

            JsonDocument edited = document.withMember(
                    "oauthAccount", account("aaaa", "dave@example.org"));

            String expected = STATE.replace("""
                    "oauthAccount": {
                        "accountUuid": "11111111-2222-4333-8444-555555555555",
                        "emailAddress": "carol@example.net",
                        "displayName": "Carol"
                      },""", """
                    "oauthAccount": {
                        "accountUuid": "aaaa",
                        "emailAddress": "dave@example.org"
                      },""");
            assertEquals(expected, text(edited));
        }

        @Test
        void tabsAndCrlfAreKept() throws IOException {
            String before = "{\r\n\t\"a\": 1,\r\n\t\"token\": {\r\n\t\t\"x\": 1\r\n\t},\r\n"
                    + "\t\"z\": [\r\n\t\t1.50\r\n\t]\r\n}\r\n";
            JsonDocument document = parse(before);

            JsonDocument edited = document.withMember("token", json("{\"x\": 2, \"y\": [1, {}]}"));

            String expected = "{\r\n\t\"a\": 1,\r\n\t\"token\": {\r\n\t\t\"x\": 2,\r\n"
                    + "\t\t\"y\": [\r\n\t\t\t1,\r\n\t\t\t{}\r\n\t\t]\r\n\t},\r\n"
                    + "\t\"z\": [\r\n\t\t1.50\r\n\t]\r\n}\r\n";
            assertEquals(expected, text(edited));
        }

        @Test
        void compactFileStaysCompact() throws IOException {
            JsonDocument document = parse("{\"claudeAiOauth\":{\"accessToken\":\"old\"},\"n\":1}");

            JsonNode login = json("{\"accessToken\": \"new\", \"scopes\": [\"a\", \"b\"]}");

            JsonDocument edited = document.withMember("claudeAiOauth", login);

            assertEquals("{\"claudeAiOauth\":{\"accessToken\":\"new\",\"scopes\":[\"a\",\"b\"]},"
                    + "\"n\":1}", text(edited));
        }

        @Test
        void spacedCompactFileKeepsSpacing() throws IOException {
            JsonDocument document = parse("{\"a\": {\"b\": 1}, \"c\": 2}");

            JsonDocument edited = document.withMember("a", json("{\"b\": 1, \"d\": [true, null]}"));

            assertEquals("{\"a\": {\"b\": 1, \"d\": [true, null]}, \"c\": 2}", text(edited));
        }

        @Test
        void byteOrderMarkIsKept() {
            byte[] body = "{\n  \"a\": \"old\",\n  \"b\": 1\n}".getBytes(StandardCharsets.UTF_8);
            byte[] before = concat(BOM, body);
            JsonDocument document = JsonDocument.parse(FILE, before);

            JsonDocument edited = document.withMember("a", NODES.textNode("new"));

            byte[] expected = concat(BOM,
                    "{\n  \"a\": \"new\",\n  \"b\": 1\n}".getBytes(StandardCharsets.UTF_8));
            assertArrayEquals(expected, edited.content());
        }

        @Test
        void specialCharactersAreEscaped() {
            JsonDocument document = parse("{\"a\": 1}");

            JsonDocument edited = document.withMember(
                    "a", NODES.textNode("q\"b\\n\nt\tc\u0001é\u2028\ud800"));

            assertEquals("{\"a\": \"q\\\"b\\\\n\\nt\\tc\\u0001é\u2028\\ud800\"}", text(edited));
            assertEquals("q\"b\\n\nt\tc\u0001é\u2028\ud800",
                    edited.member("a").orElseThrow().textValue());
        }

        @ParameterizedTest
        @ValueSource(strings = {"\n", "\r\n"})
        void otherBytesStayTheSame(String newline) {
            byte[] before = STATE.replace("\n", newline).getBytes(StandardCharsets.UTF_8);
            JsonDocument document = JsonDocument.parse(FILE, before);

            for (String name : document.names()) {
                JsonDocument edited = document.withMember(name, account("id", "e@example.com"));

                assertOnlyValueChanged(before, edited.content(), name);
            }
        }

        @Test
        void nonFiniteNumberIsRejected() {
            JsonDocument document = parse("{\"a\": 1}");

            assertThrows(IllegalArgumentException.class,
                    () -> document.withMember("a", NODES.numberNode(Double.NaN)));
        }
    }

    @Nested
    class Adding {

        @Test
        void newMemberGoesLastWithFileIndent() {
            JsonDocument document = parse("{\r\n    \"a\": 1,\r\n    \"b\": 2\r\n}");

            JsonDocument edited = document.withMember("c", account("u", "e"));

            assertEquals("{\r\n    \"a\": 1,\r\n    \"b\": 2,\r\n    \"c\": {\r\n"
                    + "        \"accountUuid\": \"u\",\r\n        \"emailAddress\": \"e\"\r\n"
                    + "    }\r\n}", text(edited));
        }

        @Test
        void compactFileGetsCompactMember() {
            JsonDocument document = parse("{\"a\":1}\n");

            JsonDocument edited = document.withMember("b", account("u", "e"));

            assertEquals("{\"a\":1,\"b\":{\"accountUuid\":\"u\",\"emailAddress\":\"e\"}}\n",
                    text(edited));
        }

        @Test
        void nonAsciiNameIsWrittenRaw() {
            JsonDocument document = parse("{\n  \"a\": 1\n}");

            JsonDocument edited = document.withMember("ключ", NODES.booleanNode(true));

            assertEquals("{\n  \"a\": 1,\n  \"ключ\": true\n}", text(edited));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{ }", "{\n}"})
        void emptyObjectGetsPrettyMember(String before) {
            JsonDocument document = parse(before);

            JsonDocument edited = document.withMember("a", NODES.arrayNode().add(1).add("x"));

            assertEquals("{\n  \"a\": [\n    1,\n    \"x\"\n  ]\n}", text(edited));
        }

        @Test
        void emptyObjectKeepsCrlfAndSurroundings() {
            byte[] before = concat(BOM, "  {\r\n}\r\n".getBytes(StandardCharsets.UTF_8));
            JsonDocument document = JsonDocument.parse(FILE, before);

            JsonDocument edited = document.withMember("a", NODES.numberNode(1));

            byte[] expected = concat(BOM,
                    "  {\r\n  \"a\": 1\r\n}\r\n".getBytes(StandardCharsets.UTF_8));
            assertArrayEquals(expected, edited.content());
        }

        @Test
        void emptyContentBecomesNewObject() {
            JsonDocument document = JsonDocument.parse(FILE, new byte[0]);

            JsonDocument edited = document.withMember("tokens", account("u", "e"));

            assertEquals("{\n  \"tokens\": {\n    \"accountUuid\": \"u\",\n"
                    + "    \"emailAddress\": \"e\"\n  }\n}\n", text(edited));
        }

        @Test
        void missingTrailingNewlineStaysMissing() {
            JsonDocument document = parse(STATE);

            JsonDocument edited = document.withMember("added", NODES.nullNode());

            assertTrue(text(edited).endsWith("\"emptyObject\": {},\n  \"added\": null\n}"));
        }
    }

    @Nested
    class Removing {

        private static final String THREE = "{\n  \"a\": 1,\n  \"b\": [2],\n  \"c\": \"3\"\n}\n";

        @Test
        void firstMemberTakesItsComma() {
            assertEquals("{\n  \"b\": [2],\n  \"c\": \"3\"\n}\n",
                    text(parse(THREE).withoutMember("a")));
        }

        @Test
        void middleMemberTakesItsComma() {
            assertEquals("{\n  \"a\": 1,\n  \"c\": \"3\"\n}\n",
                    text(parse(THREE).withoutMember("b")));
        }

        @Test
        void lastMemberTakesPrecedingComma() {
            assertEquals("{\n  \"a\": 1,\n  \"b\": [2]\n}\n",
                    text(parse(THREE).withoutMember("c")));
        }

        @Test
        void onlyMemberLeavesEmptyObject() {
            assertEquals("\n{}\n", text(parse("\n{\n  \"a\": 1\n}\n").withoutMember("a")));
        }

        @Test
        void compactMembersLoseTheirComma() {
            JsonDocument document = parse("{\"a\":1 , \"b\":2,\"c\":3}");

            assertEquals("{\"b\":2,\"c\":3}", text(document.withoutMember("a")));
            assertEquals("{\"a\":1,\"c\":3}", text(document.withoutMember("b")));
            assertEquals("{\"a\":1 , \"b\":2}", text(document.withoutMember("c")));
        }

        @Test
        void missingMemberReturnsSameDocument() {
            JsonDocument document = parse(THREE);

            assertSame(document, document.withoutMember("d"));
        }

        @Test
        void removeThenAddRestoresLayout() {
            JsonDocument document = parse(THREE);

            JsonDocument edited = document.withoutMember("c").withMember("c", NODES.textNode("3"));

            assertArrayEquals(document.content(), edited.content());
        }
    }

    @Nested
    class LargeStateFile {

        @Test
        void editTouchesOnlyTheMember(@TempDir Path folder) throws IOException {
            Path file = folder.resolve(".claude.json");
            StringBuilder state = new StringBuilder("{\n  \"projects\": {\n");
            for (int i = 0; i < 20_000; i++) {
                state.append("    \"/home/dev/src/project-").append(i).append("\": {\n")
                        .append("      \"lastCost\": 0.").append(i).append("0,\n")
                        .append("      \"history\": [\"fix \\u00e9 ").append(i).append("\"]\n")
                        .append("    },\n");
            }
            state.append("    \"last\": {}\n  },\n")
                    .append("  \"oauthAccount\": {\n    \"accountUuid\": \"old\"\n  },\n")
                    .append("  \"numStartups\": 3\n}\n");
            Files.writeString(file, state);
            byte[] before = Files.readAllBytes(file);

            JsonDocument document = JsonDocument.parse(file, before);
            JsonDocument edited = document.withMember("oauthAccount", account("new", "e"));

            assertOnlyValueChanged(before, edited.content(), "oauthAccount");
            assertEquals("new",
                    edited.member("oauthAccount").orElseThrow().get("accountUuid").textValue());
            ScannedObject scanned = JsonScanner.scan(file, edited.content());
            assertEquals(3, scanned.members().size());
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
