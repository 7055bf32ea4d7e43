package launcher.core.json;

/**
 * The byte span of one top-level member. {@code keyStart} is the opening quote of the name,
 * {@code valueEnd} the first byte after the value. The bytes from {@code prefixStart} to
 * {@code keyStart} are the whitespace that lays the member out.
 *
 * @param name the decoded name
 * @param prefixStart the first byte after the preceding {@code '{'} or {@code ','}
 * @param keyStart the opening quote of the name
 * @param keyEnd the first byte after the closing quote of the name
 * @param valueStart the first byte of the value
 * @param valueEnd the first byte after the value
 */
record Member(
        String name, int prefixStart, int keyStart, int keyEnd, int valueStart, int valueEnd) {
}
