package launcher.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateTests {

    private static final FileTime MODIFIED = FileTime.fromMillis(1_700_000_000_000L);

    @Nested
    class WhenStatesAreCompared {

        @Test
        void sameComponentsAreEqual() {
            FileState first = new FileState("inode-1", 10, MODIFIED);
            FileState second =
                    new FileState("inode-1", 10, FileTime.fromMillis(1_700_000_000_000L));

            assertEquals(first, second);
            assertEquals(first.hashCode(), second.hashCode());
        }

        @Test
        void missingFileKeysAreEqual() {
            assertEquals(new FileState(null, 10, MODIFIED), new FileState(null, 10, MODIFIED));
        }

        @Test
        void differentFileKeyIsNotEqual() {
            FileState state = new FileState("inode-1", 10, MODIFIED);

            assertNotEquals(state, new FileState("inode-2", 10, MODIFIED));
            assertNotEquals(state, new FileState(null, 10, MODIFIED));
            assertNotEquals(new FileState(null, 10, MODIFIED), state);
        }

        @Test
        void differentSizeIsNotEqual() {
            assertNotEquals(new FileState("inode-1", 10, MODIFIED),
                    new FileState("inode-1", 11, MODIFIED));
        }

        @Test
        void differentModificationIsNotEqual() {
            assertNotEquals(new FileState("inode-1", 10, MODIFIED),
                    new FileState("inode-1", 10, FileTime.fromMillis(1_700_000_000_001L)));
        }

        @Test
        void otherTypeIsNotEqual() {
            assertNotEquals(new FileState("inode-1", 10, MODIFIED), "inode-1");
        }
    }

    @Nested
    class WhenReadFromFileSystem {

        @TempDir
        Path folder;

        @Test
        void untouchedFileKeepsItsState() throws IOException {
            Path file = Files.writeString(folder.resolve("file.json"), "{}");

            FileState before = FileState.of(Files.readAttributes(file, BasicFileAttributes.class));
            FileState after = FileState.of(Files.readAttributes(file, BasicFileAttributes.class));

            assertEquals(before, after);
        }

        @Test
        void rewrittenFileChangesItsState() throws IOException {
            Path file = Files.writeString(folder.resolve("file.json"), "{}");
            FileState before = FileState.of(Files.readAttributes(file, BasicFileAttributes.class));

            Files.writeString(file, "{\"a\": 1}");
            FileState after = FileState.of(Files.readAttributes(file, BasicFileAttributes.class));

            assertNotEquals(before, after);
        }
    }
}
