package launcher.core.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import launcher.core.spi.OperatingSystem;

/**
 * Writes a secret file with {@link AtomicWriter} and prints the permissions that the temp file
 * had just before the rename. Run in a child JVM under a chosen umask.
 */
public final class SecretWriteMain {

    private SecretWriteMain() {
    }

    /** Writes the file named by the first argument. */
    public static void main(String[] arguments) throws Exception {
        Path target = Path.of(arguments[0]);
        FileMover reportingMover = (source, destination) -> {
            System.out.println(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(source)));
            FileMover.atomic().move(source, destination);
        };

        AtomicWriter writer = new AtomicWriter(RetryPolicy.forSystem(OperatingSystem.LINUX), reportingMover);
        writer.write(target, "{}".getBytes(StandardCharsets.UTF_8), true, null);
    }
}
