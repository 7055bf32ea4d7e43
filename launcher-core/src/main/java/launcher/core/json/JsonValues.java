package launcher.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/** Compares JSON values as JSON defines them, with numbers compared exactly. */
public final class JsonValues {

    private JsonValues() {
    }

    /**
     * Returns whether two values are the same JSON value. Numbers are equal when their exact
     * decimal values are, whatever their spelling or node type ({@code 1.10} equals {@code 1.1},
     * and an int node equals a long node of the same value). Object members are compared by name
     * in any order, and array elements in order.
     */
    public static boolean equivalent(JsonNode first, JsonNode second) {
        if (first.isNumber() && second.isNumber()) {
            return sameNumber(first, second);
        }
        if (first.getNodeType() != second.getNodeType()) {
            return false;
        }
        if (first.isObject()) {
            return sameMembers(first, second);
        }
        if (first.isArray()) {
            return sameElements(first, second);
        }
        return first.equals(second);
    }

    private static boolean sameNumber(JsonNode first, JsonNode second) {
        // Whole numbers are compared without BigDecimal, whose class initialization alone takes
        // several milliseconds in JDK 25, and the numbers of a credentials file are whole.
        if (first.isIntegralNumber() && second.isIntegralNumber()) {
            if (first.canConvertToLong() && second.canConvertToLong()) {
                return first.longValue() == second.longValue();
            }
            return first.bigIntegerValue().equals(second.bigIntegerValue());
        }
        if (!isFinite(first) || !isFinite(second)) {
            return first.equals(second);
        }
        BigDecimal one = first.decimalValue();
        BigDecimal other = second.decimalValue();
        return one.compareTo(other) == 0;
    }

    private static boolean isFinite(JsonNode number) {
        return !number.isFloatingPointNumber()
                || number.isBigDecimal()
                || Double.isFinite(number.doubleValue());
    }

    private static boolean sameMembers(JsonNode first, JsonNode second) {
        if (first.size() != second.size()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> member : first.properties()) {
            JsonNode other = second.get(member.getKey());
            if (other == null || !equivalent(member.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameElements(JsonNode first, JsonNode second) {
        if (first.size() != second.size()) {
            return false;
        }
        Iterator<JsonNode> others = second.elements();
        for (JsonNode element : first) {
            if (!equivalent(element, others.next())) {
                return false;
            }
        }
        return true;
    }
}
