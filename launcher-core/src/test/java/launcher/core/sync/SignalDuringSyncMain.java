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
 * Switches the test CLI's files to account {@code b} with a mover that prints
 * {@value #WRITING} and pauses before it moves the state file, after the credentials file was
 * written: {@code HOME STORE}. A test sends the process a signal during the pause.
 */
public final class SignalDuringSyncMain {

    /** The line printed when the first target is written and the second is about to be. */
    static final String WRITING = "writing the state file";

    private SignalDuringSyncMain() {
    }

    /** Syncs account b once. */
    public static void main(String[] arguments) {
        Environment environment =
                new Environment(Path.of(arguments[0]), Map.of(), OperatingSystem.LINUX);
        FileMover pausing = (source, target) -> {
            if (target.getFileName().toString().equals("state.json")) {
                System.out.println(WRITING);
                System.out.flush();
                try {
                    Thread.sleep(Duration.ofSeconds(2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            FileMover.atomic().move(source, target);
        };
        SyncEngine engine = new SyncEngine(new AccountStore(Path.of(arguments[1])),
                Duration.ofSeconds(10), new AtomicWriter(RetryPolicy.forSystem(OperatingSystem.LINUX), pausing),
                Clock.systemUTC());

        engine.sync(new TestProvider(), environment, "b", false);
    }
}
