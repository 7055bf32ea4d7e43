package launcher.core.reliability;

import java.nio.file.Path;
import java.util.List;
import launcher.core.io.AtomicWriter;

/**
 * Alternates the two {@link CrashContents} versions in every target, with one shared
 * {@link AtomicWriter}, until the process is killed. Prints {@value #READY} once every
 * target has been written once.
 */
public final class CrashWriterMain {

    /** The line printed after the first write of every target. */
    static final String READY = "ready";

    private CrashWriterMain() {
    }

    /** Writes into the folder named by the first argument until killed. */
    public static void main(String[] arguments) throws Exception {
        Path folder = Path.of(arguments[0]);
        List<Path> targets = CrashContents.targets(folder);
        AtomicWriter writer = new AtomicWriter();
        byte[][][] versions = new byte[targets.size()][][];
        for (int index = 0; index < targets.size(); index++) {
            versions[index] = new byte[][] {
                CrashContents.version(index, 0), CrashContents.version(index, 1)};
        }

        for (int generation = 1; ; generation++) {
            for (int index = 0; index < targets.size(); index++) {
                byte[] content = versions[index][generation % 2];
                writer.write(targets.get(index), content, CrashContents.isSecret(index), null);
            }
            // The first generation loads and compiles the write path, which can take longer
            // than the kill delay on a loaded machine, so the kill clock starts after it.
            if (generation == 1) {
                System.out.println(READY);
                System.out.flush();
            }
        }
    }
}
