package launcher.core.json;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Jackson writer for the files that the launcher owns, the account store and the check
 * files. They are read with {@link JsonTrees}, so a launch that writes neither never builds a
 * Jackson mapper.
 */
public final class IndentedJson {

    /** Writes with Jackson's default pretty printer: two-space indents, one member a line. */
    public static final ObjectWriter WRITER =
            JsonMapper.builder().build().writerWithDefaultPrettyPrinter();

    private IndentedJson() {
    }
}
