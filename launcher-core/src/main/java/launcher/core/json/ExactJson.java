package launcher.core.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The core's one Jackson mapper, which keeps every number exactly as written, and the reader and
 * writer derived from it. Building the first mapper took about 13 ms of a traced launch, and a
 * launch needs one for the account store, the target checks and the state file alike.
 */
public final class ExactJson {

    /** Reads fractions as {@code BigDecimal} and keeps their trailing zeros. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Reads as {@link #MAPPER} does, and rejects an object that repeats a member name. */
    public static final ObjectReader STRICT_READER =
            MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** Writes with Jackson's default pretty printer: two-space indents, one member a line. */
    public static final ObjectWriter INDENTED = MAPPER.writerWithDefaultPrettyPrinter();

    private ExactJson() {
    }
}
