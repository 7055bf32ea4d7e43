package launcher.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Markdown table in {@code docs/reliability.md} that a test generates. The table sits between
 * the lines {@code <!-- begin NAME -->} and {@code <!-- end NAME -->}. A test fails when the file
 * differs from what it measured, and {@code -Dlauncher.reliability.updateDocs=true} rewrites the
 * table instead.
 */
final class DocumentedTable {

    /** The document, from the build's {@code launcher.test.docs} property or next to the module. */
    static final Path DOCUMENT =
            Path.of(System.getProperty("launcher.test.docs", "../docs"), "reliability.md");

    private static final boolean UPDATE = Boolean.getBoolean("launcher.reliability.updateDocs");

    private DocumentedTable() {
    }

    /** Renders a table whose first row is the header. */
    static String render(List<List<String>> rows) {
        StringBuilder table = new StringBuilder();
        for (int index = 0; index < rows.size(); index++) {
            table.append("| ").append(String.join(" | ", rows.get(index))).append(" |\n");
            if (index == 0) {
                table.append("|").append(" --- |".repeat(rows.get(0).size())).append('\n');
            }
        }
        return table.toString();
    }

    /** Checks that the document contains {@code table} as the table {@code name}, or updates it. */
    static void check(String name, String table) throws IOException {
        String begin = "<!-- begin " + name + " -->\n";
        String end = "<!-- end " + name + " -->";
        String text = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        int start = text.indexOf(begin);
        int stop = text.indexOf(end);
        String fix = "; add the lines \"" + begin.strip() + "\" and \"" + end
                + "\" where the table belongs";
        assertTrue(start >= 0, DOCUMENT + " has no line \"" + begin.strip() + "\"" + fix);
        assertTrue(stop > start, DOCUMENT + " has no line \"" + end + "\" after the first" + fix);

        String documented = text.substring(start + begin.length(), stop);
        if (UPDATE) {
            String updated = text.substring(0, start + begin.length()) + table
                    + text.substring(stop);
            Files.writeString(DOCUMENT, updated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(table, documented, "The table " + name + " in " + DOCUMENT + " differs from"
                + " what the test measured. Rerun the test with"
                + " -Dlauncher.reliability.updateDocs=true to rewrite it, and review the diff");
    }
}
