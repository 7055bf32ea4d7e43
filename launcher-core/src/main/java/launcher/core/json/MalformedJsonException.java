package launcher.core.json;

import java.nio.file.Path;
import launcher.core.spi.LauncherException;

/**
 * A file that is not a well-formed JSON object. The message names the file, the line and column
 * (both counted from 1, columns in characters) and what was expected there. It never quotes more
 * than the one character found, so that no secret of the file leaks into it.
 */
public final class MalformedJsonException extends LauncherException {

    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final int line;
    private final int column;
    private final String problem;

    MalformedJsonException(Path path, int line, int column, String problem) {
        super("Invalid JSON in " + path + " at line " + line + ", column " + column + ": "
                        + problem,
                "Correct the file by hand, or move it away so that the CLI writes a new one."
                        + " The launcher never changes a file that it cannot parse.");
        this.path = path;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** Returns the file. */
    public Path path() {
        return path;
    }

    /** Returns the line of the problem, counted from 1. */
    public int line() {
        return line;
    }

    /** Returns the column of the problem in characters, counted from 1. */
    public int column() {
        return column;
    }

    /** Returns what was expected and what was found, without the file name or position. */
    public String problem() {
        return problem;
    }
}
