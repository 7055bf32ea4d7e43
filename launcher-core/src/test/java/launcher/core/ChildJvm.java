package launcher.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a child JVM that runs a test class's {@code main} with this JVM's class path. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** Returns the command line that runs {@code mainClass} with {@code arguments}. */
    public static List<String> command(Class<?> mainClass, String... arguments) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Starts {@code mainClass} with stderr merged into stdout. */
    public static Process start(Class<?> mainClass, String... arguments) throws IOException {
        return new ProcessBuilder(command(mainClass, arguments))
                .redirectErrorStream(true)
                .start();
    }
}
