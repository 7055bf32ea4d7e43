package launcher.core.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import launcher.core.store.AccountStore;
import launcher.core.sync.SyncEngine;

/**
 * Syncs the accounts {@code a} and {@code b} in turn with one {@link SyncEngine} until the
 * process is killed: {@code HOME CONFIG STORE}. Prints {@value CrashWriterMain#READY} once it
 * has synced each account once.
 */
public final class SyncCrashMain {

    private SyncCrashMain() {
    }

    /** Syncs until killed. */
    public static void main(String[] arguments) {
        Environment environment = new Environment(Path.of(arguments[0]),
                Map.of(StandInProvider.FOLDER_VARIABLE, arguments[1]), OperatingSystem.LINUX);
        SyncEngine engine =
                new SyncEngine(new AccountStore(Path.of(arguments[2])), Duration.ofSeconds(60));
        StandInProvider provider = new StandInProvider(false);

        for (int round = 1; ; round++) {
            engine.sync(provider, environment, round % 2 == 0 ? "a" : "b", false);

            // The first two syncs load and compile the sync path, which can take longer than
            // the kill delay on a loaded machine, so the kill clock starts after them.
            if (round == 2) {
                System.out.println(CrashWriterMain.READY);
                System.out.flush();
            }
        }
    }
}
