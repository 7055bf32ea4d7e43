package launcher.app.pty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PtySessionTests {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private int run(String script, Map<String, String> environment, String input)
            throws IOException {
        PtySession session = new PtySession(
                List.of("/bin/sh", "-c", script), directory, environment, () -> { });
        RecordingTerminal terminal = new RecordingTerminal(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), output);
        return session.run(terminal);
    }

    private int run(String script) throws IOException {
        return run(script, Map.of("PATH", System.getenv("PATH")), "");
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class WhenCommandRuns {

        @Test
        void seesTerminalOnStandardStreams() throws IOException {
            run("test -t 0 && echo in-tty; test -t 1 && echo out-tty");

            assertTrue(output().contains("in-tty"), output());
            assertTrue(output().contains("out-tty"), output());
        }

        @Test
        void startsInGivenDirectory() throws IOException {
            run("pwd -P");

            assertTrue(output().contains(directory.toRealPath().toString()), output());
        }

        @Test
        void getsDefaultSizeWithoutTerminal() throws IOException {
            // pty4j applies the size just after the child starts (see the NOTE in PtySession),
            // so the child waits a moment before it reads the size.
            run("sleep 0.5; stty size");

            assertTrue(output().contains("24 80"), output());
        }

        @Test
        void getsDefaultTermWhenUnset() throws IOException {
            run("echo \"term=$TERM\"");

            assertTrue(output().contains("term=" + PtySession.DEFAULT_TERM), output());
        }

        @Test
        void keepsTermThatIsSet() throws IOException {
            run("echo \"term=$TERM\"", Map.of("TERM", "vt100"), "");

            assertTrue(output().contains("term=vt100"), output());
        }

        @Test
        void getsGivenEnvironment() throws IOException {
            Map<String, String> environment = new HashMap<>();
            environment.put("LAUNCHER_TEST_VALUE", "from-launcher");

            run("echo \"value=$LAUNCHER_TEST_VALUE\"", environment, "");

            assertTrue(output().contains("value=from-launcher"), output());
        }

        @Test
        void receivesTypedInput() throws IOException {
            run("read line; echo \"got:$line\"", Map.of(), "typed text\n");

            assertTrue(output().contains("got:typed text"), output());
        }

        @Test
        void relaysLargeOutputCompletely() throws IOException {
            int exitCode = run("i=0; while [ $i -lt 20000 ]; do"
                    + " echo \"line $i of the output of the command\"; i=$((i+1)); done;"
                    + " echo END-OF-OUTPUT");

            assertEquals(0, exitCode);
            assertTrue(output().contains("line 19999 of the output"), "output was cut short");
            assertTrue(output().strip().endsWith("END-OF-OUTPUT"), "output was cut short");
        }
    }

    @Nested
    class WhenCommandEnds {

        @Test
        void returnsItsExitCode() throws IOException {
            assertEquals(7, run("exit 7"));
        }

        @Test
        void returnsZeroOnSuccess() throws IOException {
            assertEquals(0, run("true"));
        }

        @Test
        void returnsSignalAsExitCode() throws IOException {
            assertEquals(128 + 15, run("kill -TERM $$"));
        }

        @Test
        void keepsOutputWrittenJustBeforeExit() throws IOException {
            run("printf 'last words'; exit 3");

            assertTrue(output().contains("last words"), output());
        }

        @Test
        void restoresTerminalAfterExit() throws IOException {
            RecordingTerminal terminal =
                    new RecordingTerminal(InputStream.nullInputStream(), output);
            PtySession session = new PtySession(
                    List.of("/bin/sh", "-c", "exit 0"), directory, Map.of(), () -> { });

            session.run(terminal);

            assertEquals(List.of("raw", "restore"), terminal.events);
        }
    }

    /** Without the EOF that the launcher sends, {@code cat} would wait for input forever. */
    @Nested
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    class WhenPipedInputEnds {

        private int runCat(String input) throws IOException {
            PtySession session =
                    new PtySession(List.of("/bin/cat"), directory, Map.of(), () -> { });
            RecordingTerminal terminal = new RecordingTerminal(
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), output);
            return session.run(terminal);
        }

        @Test
        void catExitsAfterLastLine() throws IOException {
            int exitCode = runCat("piped line\n");

            assertEquals(0, exitCode, output());
            assertTrue(output().contains("piped line"), output());
        }

        @Test
        void catExitsWithoutFinalNewline() throws IOException {
            int exitCode = runCat("no newline");

            assertEquals(0, exitCode, output());
            assertTrue(output().contains("no newline"), output());
        }

        @Test
        void catExitsOnEmptyInput() throws IOException {
            assertEquals(0, runCat(""), output());
        }
    }

    @Nested
    class WhenCommandCannotStart {

        @Test
        void raisesForMissingExecutable() {
            List<String> command = List.of(directory.resolve("missing").toString());
            PtySession session = new PtySession(command, directory, Map.of(), () -> { });
            RecordingTerminal terminal =
                    new RecordingTerminal(InputStream.nullInputStream(), output);

            assertThrows(IOException.class, () -> session.run(terminal));
            assertEquals(List.of("raw", "restore"), terminal.events);
        }
    }

    /** Plain streams that record when raw mode is entered and left. */
    private static final class RecordingTerminal implements HostTerminal {

        private final PlainStreams streams;
        final List<String> events = new ArrayList<>();

        RecordingTerminal(InputStream input, OutputStream output) {
            this.streams = new PlainStreams(input, output);
        }

        @Override
        public boolean isTerminal() {
            return false;
        }

        @Override
        public InputStream input() {
            return streams.input();
        }

        @Override
        public OutputStream output() {
            return streams.output();
        }

        @Override
        public WindowSize size() {
            return streams.size();
        }

        @Override
        public void enterRawMode() {
            events.add("raw");
        }

        @Override
        public void restore() {
            events.add("restore");
        }

        @Override
        public void onResize(Consumer<WindowSize> listener) {
        }

        @Override
        public void close() {
        }
    }
}
