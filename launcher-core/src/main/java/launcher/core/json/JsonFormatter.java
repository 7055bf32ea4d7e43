package launcher.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Formats a value the way a pretty printer would in a given layout: one member or element per
 * line, indented by one more unit per level, or all on one line for a compact file.
 *
 * @param newline the line ending, {@code "\n"} or {@code "\r\n"}, or null for a compact layout
 * @param indent the indentation of one level, such as two spaces or a tab
 * @param colon what goes between a member's name and its value, such as {@code ": "}
 * @param separator what follows a comma on a compact line, such as {@code " "} or nothing
 */
record JsonFormatter(String newline, String indent, String colon, String separator) {

    /** Formats a top-level member: its quoted name, the colon and its value at depth 1. */
    String member(String name, JsonNode value) {
        StringBuilder out = new StringBuilder();
        appendString(out, name);
        out.append(colon);
        appendValue(out, value, 1);
        return out.toString();
    }

    /** Formats a value that sits at {@code depth}, where the top-level members are at 1. */
    String value(JsonNode value, int depth) {
        StringBuilder out = new StringBuilder();
        appendValue(out, value, depth);
        return out.toString();
    }

    private void appendValue(StringBuilder out, JsonNode value, int depth) {
        switch (value.getNodeType()) {
            case OBJECT -> appendObject(out, value, depth);
            case ARRAY -> appendArray(out, value, depth);
            case STRING -> appendString(out, value.textValue());
            case NUMBER -> appendNumber(out, value);
            case BOOLEAN -> out.append(value.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException(
                    "Cannot write a JSON node of type " + value.getNodeType());
        }
    }

    private void appendObject(StringBuilder out, JsonNode object, int depth) {
        if (object.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            startItem(out, depth + 1, first);
            appendString(out, member.getKey());
            out.append(colon);
            appendValue(out, member.getValue(), depth + 1);
            first = false;
        }
        endContainer(out, depth);
        out.append('}');
    }

    private void appendArray(StringBuilder out, JsonNode array, int depth) {
        if (array.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        Iterator<JsonNode> elements = array.elements();
        boolean first = true;
        while (elements.hasNext()) {
            startItem(out, depth + 1, first);
            appendValue(out, elements.next(), depth + 1);
            first = false;
        }
        endContainer(out, depth);
        out.append(']');
    }

    private void startItem(StringBuilder out, int depth, boolean first) {
        if (!first) {
            out.append(',');
        }
        if (newline == null) {
            if (!first) {
                out.append(separator);
            }
            return;
        }
        out.append(newline).append(indent.repeat(depth));
    }

    private void endContainer(StringBuilder out, int depth) {
        if (newline != null) {
            out.append(newline).append(indent.repeat(depth));
        }
    }

    private static void appendNumber(StringBuilder out, JsonNode number) {
        if (number.isFloatingPointNumber() && !number.isBigDecimal()
                && !Double.isFinite(number.doubleValue())) {
            throw new IllegalArgumentException("JSON has no spelling for " + number.asText());
        }
        out.append(number.numberValue());
    }

    /** Quotes a string as JavaScript's {@code JSON.stringify} does: non-ASCII stays raw. */
    static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> appendPlain(out, text, i, c);
            }
        }
        out.append('"');
    }

    private static void appendPlain(StringBuilder out, String text, int index, char c) {
        boolean loneSurrogate = Character.isSurrogate(c) && !isPairedSurrogate(text, index);
        if (c < 0x20 || loneSurrogate) {
            out.append(String.format("\\u%04x", (int) c));
        } else {
            out.append(c);
        }
    }

    private static boolean isPairedSurrogate(String text, int index) {
        char c = text.charAt(index);
        if (Character.isHighSurrogate(c)) {
            return index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
        }
        return index > 0 && Character.isHighSurrogate(text.charAt(index - 1));
    }
}
