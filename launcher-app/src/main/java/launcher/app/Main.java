package launcher.app;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.Set;
import launcher.app.pty.HostTerminal;
import launcher.app.pty.PtyPreload;
import launcher.app.pty.SystemTerminal;
import launcher.core.registry.ProviderRegistry;
import launcher.core.spi.Environment;

/** The entry point of {@code launcher}. */
public final class Main {

    /**
     * The names of the subcommands that {@link App#commands()} builds, known here without
     * building them. A test checks that the two agree.
     */
    static final Set<String> SUBCOMMANDS =
            Set.of("accounts", "sync", "status", "providers", "completion");

    private Main() {
    }

    /** Runs the launcher in this process's environment and exits with its exit code. */
    public static void main(String[] args) {
        configureLogging(isVerbose(args));
        if (mayStartCli(args)) {
            // The preload is the longest step before the CLI starts, so it begins here rather
            // than after the command line is parsed and the providers are found.
            PtyPreload.start();
        }

        Context context = new Context(
                Environment.current(), Path.of(""), System.in, System.out, System.err,
                ProviderRegistry::discover,
                ctx -> openTerminal());
        int exitCode = new App(context).run(args);
        System.out.flush();
        System.exit(exitCode);
    }

    /**
     * Opens the host terminal on the file descriptors of the standard streams themselves, so
     * that the relay writes each read with one system call and no buffer or lock of
     * {@link System#out} in between. {@link System#out} is flushed first, so nothing that the
     * launcher printed comes after the CLI's output.
     */
    private static HostTerminal openTerminal() {
        System.out.flush();
        return SystemTerminal.openOrPlain(
                new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out));
    }

    /**
     * Returns whether the arguments may start the CLI: there are some, and before {@code --}
     * none is the name of a subcommand in {@link #SUBCOMMANDS}, {@code -h}, {@code --help} or
     * {@code --version}. An option value that equals a subcommand's name gives a wrong false,
     * and a wrong guess costs only an idle preload or a later one.
     */
    static boolean mayStartCli(String[] args) {
        if (args.length == 0) {
            return false;
        }
        for (String arg : args) {
            if (arg.equals("--")) {
                return true;
            }
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("--version")
                    || SUBCOMMANDS.contains(arg)) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether {@code --verbose} comes before the {@code --} that starts the CLI's own. */
    static boolean isVerbose(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets up slf4j-simple before the first logger exists: warnings only, or debug with
     * {@code --verbose}, always to standard error. A level that the user set with
     * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} is kept unless {@code --verbose} is given.
     */
    static void configureLogging(boolean verbose) {
        String levelProperty = "org.slf4j.simpleLogger.defaultLogLevel";
        if (verbose) {
            System.setProperty(levelProperty, "debug");
        } else if (System.getProperty(levelProperty) == null) {
            System.setProperty(levelProperty, "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    }
}
