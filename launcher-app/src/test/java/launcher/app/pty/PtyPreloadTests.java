package launcher.app.pty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PtyPreloadTests {

    @TempDir
    Path folder;

    @Test
    void libcFolderOfThisProcess() {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "needs Linux's /proc");

        Optional<String> libc = PtyPreload.loadedLibcFolder(maps.toString());

        assertTrue(libc.isPresent(), "no libc.so.6 in " + maps);
        assertTrue(Files.isRegularFile(Path.of(libc.get(), "libc.so.6")), libc.get());
    }

    @Test
    void libcFolderFromMapLines() throws Exception {
        Path maps = folder.resolve("maps");
        Files.writeString(maps, String.join("\n",
                "55d0c0a00000-55d0c0a02000 r--p 00000000 fe:00 1 /usr/bin/cat",
                "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 ",
                "7f263ec0e000-7f263ec34000 r--p 00000000 fe:00 339380    /opt/glibc 2/lib/libc.so.6",
                "7f263ec34000-7f263ed8a000 r-xp 00026000 fe:00 339380    /usr/lib/libc.so.6",
                "7ffd1a5e0000-7ffd1a601000 rw-p 00000000 00:00 0          [stack]",
                ""));

        assertEquals(Optional.of("/opt/glibc 2/lib"), PtyPreload.loadedLibcFolder(maps.toString()));
    }

    @Test
    void noLibcFolderWithMusl() throws Exception {
        Path maps = folder.resolve("maps");
        Files.writeString(maps, "7f0000000000-7f0000001000 r-xp 00000000 fe:00 7    "
                + "/lib/ld-musl-x86_64.so.1\n");

        assertEquals(Optional.empty(), PtyPreload.loadedLibcFolder(maps.toString()));
    }

    @Test
    void noLibcFolderWithoutMapFile() {
        assertEquals(Optional.empty(),
                PtyPreload.loadedLibcFolder(folder.resolve("missing").toString()));
    }
}
