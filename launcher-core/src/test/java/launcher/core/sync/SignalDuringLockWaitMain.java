package launcher.core.sync;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import launcher.core.io.AtomicWriter;
import launcher.core.io.FileMover;
import launcher.core.io.RetryPolicy;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import launcher.core.store.AccountStore;

/**
 * Switches the test CLI's files to account {@code b} with a lock timeout of an hour, and prints
 * {@value #WROTE_CREDENTIALS} once the credentials file is written: {@code HOME STORE}. A test
 * holds the state file's lock folder, so the sync then waits for it, and sends a signal.
 */
public final class SignalDuringLockWaitMain {

    /** The line printed when the credentials file has been renamed into place. */
    static final String WROTE_CREDENTIALS = "wrote the credentials file";

    private SignalDuringLockWaitMain() {
    }

    /** Syncs account b once. */
    public static void main(String[] arguments) {
        Environment environment =
                new Environment(Path.of(arguments[0]), Map.of(), OperatingSystem.LINUX);
        FileMover reporting = (source, target) -> {
            FileMover.atomic().move(source, target);
            if (target.getFileName().toString().equals("credentials.json")) {
                System.out.println(WROTE_CREDENTIALS);
                System.out.flush();
            }
        };
        SyncEngine engine = new SyncEngine(new AccountStore(Path.of(arguments[1])),
                Duration.ofHours(1),
                new AtomicWriter(RetryPolicy.forSystem(OperatingSystem.LINUX), reporting),
                Clock.systemUTC());

        engine.sync(new TestProvider(), environment, "b", false);
        System.out.println("the sync ended without the signal");
    }
}
