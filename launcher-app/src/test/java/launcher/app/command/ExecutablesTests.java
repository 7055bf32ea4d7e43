package launcher.app.command;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import launcher.app.CliNotFoundException;
import launcher.core.spi.Environment;
import launcher.core.spi.OperatingSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check of a script's {@code #!} line before the launcher syncs and starts it. */
class ExecutablesTests {

    @TempDir
    Path root;

    Path bin;
    Environment child;

    @BeforeEach
    void createPath() throws IOException {
        bin = Files.createDirectories(root.resolve("bin"));
        child = new Environment(root, Map.of("PATH", bin.toString()), OperatingSystem.LINUX);
    }

    private Path script(String name, String content) throws IOException {
        Path file = Files.write(root.resolve(name), content.getBytes(StandardCharsets.UTF_8));
        assertTrue(file.toFile().setExecutable(true));
        return file;
    }

    private CliNotFoundException rejected(Path script) {
        return assertThrows(CliNotFoundException.class,
                () -> Executables.requireInterpreter(script, child, root));
    }

    @Test
    void missingInterpreterIsNamed() throws IOException {
        Path script = script("cli.sh", "#!/no/such/interpreter -e\necho hi\n");

        CliNotFoundException error = rejected(script);

        assertEquals("the script " + script + " cannot be started: the interpreter"
                + " /no/such/interpreter on its #! line does not exist.", error.getMessage());
        assertEquals("Change the #! line of " + script + " to an interpreter that exists, or"
                + " install it.", error.fix());
    }

    @Test
    void interpreterThatIsNotExecutableIsNamed() throws IOException {
        Path interpreter = Files.writeString(root.resolve("interpreter"), "");
        Path script = script("cli.sh", "#!" + interpreter + "\n");

        CliNotFoundException error = rejected(script);

        assertEquals("the script " + script + " cannot be started: the interpreter "
                + interpreter + " on its #! line is not an executable file.", error.getMessage());
    }

    @Test
    void envCommandIsLookedUpOnChildPath() throws IOException {
        Path script = script("cli.sh", "#!/usr/bin/env tool-of-cli\n");

        CliNotFoundException error = rejected(script);
        script("bin/tool-of-cli", "#!/bin/sh\n");

        assertEquals("the script " + script + " cannot be started: the command 'tool-of-cli'"
                + " that its #! line runs with env was not found on the PATH that the CLI"
                + " gets.", error.getMessage());
        assertEquals("Install tool-of-cli or add its folder to PATH, or change the #! line of "
                + script + ".", error.fix());
        assertDoesNotThrow(() -> Executables.requireInterpreter(script, child, root));
    }

    @Test
    void envArgumentsWithoutSplitAreNamed() throws IOException {
        script("bin/sh", "#!/bin/sh\n");
        Path script = script("cli.sh", "#!/usr/bin/env sh -e\n");

        CliNotFoundException error = rejected(script);

        assertTrue(error.getMessage().contains("the command 'sh -e' that its #! line runs with"
                + " env was not found"), error.getMessage());
        assertTrue(error.getMessage().contains("use '#!/usr/bin/env -S sh -e' to split it"),
                error.getMessage());
    }

    @Test
    void envSplitArgumentsAreChecked() throws IOException {
        Path script = script("cli.sh", "#!/usr/bin/env -S tool-of-cli --quiet\n");

        CliNotFoundException error = rejected(script);
        script("bin/tool-of-cli", "#!/bin/sh\n");

        assertTrue(error.getMessage().contains("the command 'tool-of-cli' that its #! line"),
                error.getMessage());
        assertDoesNotThrow(() -> Executables.requireInterpreter(script, child, root));
    }

    @Test
    void carriageReturnIsNamed() throws IOException {
        Path script = script("cli.sh", "#!/bin/sh\r\necho hi\r\n");

        CliNotFoundException error = rejected(script);

        assertEquals("the script " + script + " cannot be started: its #! line ends with a"
                + " carriage return (CR LF line ends), which the system takes as part of the"
                + " interpreter's name or argument.", error.getMessage());
        assertEquals("Convert " + script + " to LF line ends, for example with"
                + " sed -i 's/\\r$//' " + script + ".", error.fix());
    }

    @Test
    void emptyShebangIsNamed() throws IOException {
        Path script = script("cli.sh", "#!\n");

        assertEquals("the script " + script + " cannot be started: its #! line names no"
                + " interpreter.", rejected(script).getMessage());
    }

    @Test
    void interpreterScriptIsCheckedToo() throws IOException {
        Path interpreter = script("interpreter", "#!/no/such/shell\n");
        Path script = script("cli.sh", "#!" + interpreter + "\n");

        CliNotFoundException error = rejected(script);

        assertEquals("the script " + interpreter + " cannot be started: the interpreter"
                + " /no/such/shell on its #! line does not exist.", error.getMessage());
    }

    @Test
    void runnableScriptsPass() throws IOException {
        Path withArgument = script("with-argument.sh", "#!/bin/sh -e\necho hi\n");
        Path withSpaces = script("with-spaces.sh", "#!  /bin/sh  \necho hi\n");
        Path withoutShebang = script("plain.sh", "echo hi\n");
        Path binary = script("binary", "\u007fELF");

        for (Path script : new Path[] {withArgument, withSpaces, withoutShebang, binary}) {
            assertDoesNotThrow(() -> Executables.requireInterpreter(script, child, root),
                    script.toString());
        }
    }
}
