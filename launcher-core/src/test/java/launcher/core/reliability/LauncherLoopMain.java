package launcher.core.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import launcher.core.store.AccountStore;
import launcher.core.sync.SyncEngine;

/**
 * Plays one launcher: {@code HOME CONFIG STORE ROUNDS FIRST}. Syncs the accounts {@code a} and
 * {@code b} in turn, starting with {@code FIRST}, then prints {@code synced ROUNDS}.
 */
public final class LauncherLoopMain {

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);

    private LauncherLoopMain() {
    }

    /** Runs the rounds. */
    public static void main(String[] arguments) {
        Environment environment = new Environment(Path.of(arguments[0]),
                Map.of(StandInProvider.FOLDER_VARIABLE, arguments[1]), OperatingSystem.LINUX);
        SyncEngine engine = new SyncEngine(new AccountStore(Path.of(arguments[2])), LOCK_TIMEOUT);
        int rounds = Integer.parseInt(arguments[3]);
        boolean accountA = arguments[4].equals("a");
        StandInProvider provider = new StandInProvider();

        for (int round = 0; round < rounds; round++) {
            engine.sync(provider, environment, accountA ? "a" : "b", false);
            accountA = !accountA;
        }
        System.out.println("synced " + rounds);
    }
}
