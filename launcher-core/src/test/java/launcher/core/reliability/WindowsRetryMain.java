package launcher.core.reliability;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import launcher.core.io.FileMover;
import launcher.core.io.RenameRetry;
import launcher.core.io.RetryPolicy;

/**
 * Renames a temp file in {@code FOLDER} under the real {@link RetryPolicy#windows()} with a
 * {@link FileMover} that always fails with {@link AccessDeniedException}, as a rename does on
 * Windows while another process has the file open. {@link RenameRetry} logs each sleep that it requests at
 * debug level. Prints {@code attempts N} at the end.
 */
public final class WindowsRetryMain {

    private WindowsRetryMain() {
    }

    /** Runs the rename until the retry gives up. */
    public static void main(String[] arguments) throws Exception {
        Path folder = Path.of(arguments[0]);
        Path source = Files.writeString(folder.resolve("source.tmp"), "{}\n");
        Path target = folder.resolve("target.json");
        FileMover alwaysDenied = (from, to) -> {
            throw new AccessDeniedException(to.toString());
        };

        try {
            new RenameRetry(RetryPolicy.windows(), alwaysDenied).move(source, target);
            System.out.println("attempts 0 (the rename succeeded)");
        } catch (RenameRetry.RetriesExhaustedException e) {
            System.out.println("attempts " + e.attempts());
        }
    }
}
