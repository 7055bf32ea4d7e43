package launcher.core.reliability;

import java.nio.file.Path;
import launcher.core.io.AtomicWriter;
import launcher.core.io.WriteResult;
import launcher.core.spi.LauncherException;

/**
 * Writes {@value #SIZE} bytes over the file named by the first argument with the default
 * {@link AtomicWriter}, and prints {@code written} or {@code error: MESSAGE}. The test runs it
 * under a file size limit ({@code ulimit -f}) smaller than the content, so that writing the
 * temp file fails with {@code EFBIG} the way it fails with {@code ENOSPC} on a full disk.
 */
public final class FullDiskWriteMain {

    /** The size of the content, larger than the limit the test sets. */
    static final int SIZE = 1024 * 1024;

    private FullDiskWriteMain() {
    }

    /** Writes the file and prints the outcome. */
    public static void main(String[] arguments) throws Exception {
        byte[] content = new byte[SIZE];
        content[0] = '{';
        java.util.Arrays.fill(content, 1, SIZE - 2, (byte) ' ');
        content[SIZE - 2] = '}';
        content[SIZE - 1] = '\n';

        try {
            WriteResult result =
                    new AtomicWriter().write(Path.of(arguments[0]), content, true, null);
            System.out.println(result.written() ? "written" : "unchanged");
        } catch (LauncherException e) {
            System.out.println("error: " + e.getMessage() + " | fix: " + e.fix());
        }
    }
}
