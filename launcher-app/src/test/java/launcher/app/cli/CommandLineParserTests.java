package launcher.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The parser on a small command tree of its own, apart from the launcher's commands. */
class CommandLineParserTests {

    static final Option<Boolean> VERBOSE = Option.flag("--verbose", "Logs more.");
    static final Option<Path> PLUGINS =
            Option.directory("--plugins", "DIR", "A plugin folder.").repeatable();
    static final Option<String> NAME = Option.text("--name", "NAME", "A name.").required();
    static final Option<Integer> COUNT =
            Option.converted("--count", "N", "A count.", new CountConverter()).withDefault("3");
    static final Option<Boolean> FORCE = Option.flag("--force", "Forces it.");
    static final Option<String> FILTER = Option.text("--filter", "TEXT", "A filter.");

    CommandSpec root;
    CommandSpec show;
    CommandSpec items;
    CommandSpec add;

    /** Accepts whole numbers from 0 to 9. */
    static final class CountConverter implements ValueConverter<Integer> {
        @Override
        public Integer convert(String text) {
            if (!text.matches("[0-9]")) {
                throw new InvalidValueException("'" + text + "' is not a digit", "Pass 0 to 9.");
            }
            return Integer.parseInt(text);
        }
    }

    /** A handler that is never run: these tests only parse. */
    static final class NoRun implements CommandHandler {
        @Override
        public int run(ParsedCommand command) {
            throw new AssertionError("not run in these tests");
        }
    }

    @BeforeEach
    void buildTree() {
        show = new CommandSpec("show", "Shows things.").option(FILTER).handler(new NoRun());
        add = new CommandSpec("add", "Adds an item.").option(NAME).option(COUNT)
                .handler(new NoRun());
        items = new CommandSpec("items", "Manages items.").subcommand(add);
        root = new CommandSpec("tool", "A tool.")
                .option(NAME)
                .option(FORCE)
                .globalOption(VERBOSE)
                .globalOption(PLUGINS)
                .operands("ARGS", "Arguments to pass on.")
                .handler(new NoRun())
                .subcommand(show)
                .subcommand(items);
    }

    private CommandLineException rejected(String... args) {
        return assertThrows(CommandLineException.class, () -> CommandLineParser.parse(root, args));
    }

    @Nested
    class WhenArgumentsAreValid {

        @Test
        void readsValueAfterSpaceOrEqualsSign() {
            assertEquals("a", CommandLineParser.parse(root, "--name", "a").value(NAME));
            assertEquals("b", CommandLineParser.parse(root, "--name=b").value(NAME));
            assertEquals("", CommandLineParser.parse(root, "--name=").value(NAME));
            assertEquals("x=y", CommandLineParser.parse(root, "--name=x=y").value(NAME));
        }

        @Test
        void readsValueWithOneDash() {
            assertEquals("-1", CommandLineParser.parse(root, "--name", "-1").value(NAME));
        }

        @Test
        void readsDashedValueAfterEqualsSign() {
            assertEquals("--force", CommandLineParser.parse(root, "--name=--force").value(NAME));
        }

        @Test
        void setsFlags() {
            ParsedCommand parsed = CommandLineParser.parse(root, "--name", "a", "--force");

            assertTrue(parsed.value(FORCE));
            assertFalse(parsed.value(VERBOSE));
        }

        @Test
        void keepsEveryValueOfRepeatableOption() {
            ParsedCommand parsed = CommandLineParser.parse(root,
                    "--plugins", "one", "show", "--plugins=two");

            assertEquals(List.of(Path.of("one"), Path.of("two")), parsed.values(PLUGINS));
            assertSame(show, parsed.command());
        }

        @Test
        void passesArgumentsAfterDoubleDashUnchanged() {
            ParsedCommand parsed = CommandLineParser.parse(root, "--name", "a", "--",
                    "--name", "--", "show", "-h", "");

            assertEquals(List.of("--name", "--", "show", "-h", ""), parsed.operands());
            assertEquals("a", parsed.value(NAME));
            assertFalse(parsed.helpRequested());
        }

        @Test
        void findsNestedSubcommand() {
            ParsedCommand parsed = CommandLineParser.parse(root,
                    "--verbose", "items", "add", "--name", "x", "--count", "7");

            assertSame(add, parsed.command());
            assertEquals("x", parsed.value(NAME));
            assertEquals(7, parsed.value(COUNT));
            assertTrue(parsed.value(VERBOSE));
        }

        @Test
        void takesSubcommandNameAsOptionValue() {
            ParsedCommand parsed = CommandLineParser.parse(root, "--name", "show");

            assertSame(root, parsed.command());
            assertEquals("show", parsed.value(NAME));
        }

        @Test
        void convertsDefaultWhenOptionIsMissing() {
            ParsedCommand parsed = CommandLineParser.parse(root, "items", "add", "--name", "x");

            assertEquals(3, parsed.value(COUNT));
            assertNull(CommandLineParser.parse(root, "show").value(FILTER));
        }

        @Test
        void skipsRequiredOptionsForHelpAndVersion() {
            assertTrue(CommandLineParser.parse(root, "items", "add", "-h").helpRequested());
            assertTrue(CommandLineParser.parse(root, "--version").versionRequested());
            assertSame(items, CommandLineParser.parse(root, "items", "--help").command());
        }
    }

    @Nested
    class WhenArgumentsAreInvalid {

        @Test
        void rejectsUnknownOptionWithSuggestion() {
            CommandLineException failure = rejected("--nmae", "a");

            assertEquals("unknown option '--nmae'.", failure.getMessage());
            assertEquals("Did you mean --name?", failure.fix());
            assertSame(root, failure.command());
        }

        @Test
        void rejectsUnknownOptionWithoutSuggestion() {
            CommandLineException failure = rejected("--zzzzzz");

            assertEquals("unknown option '--zzzzzz'.", failure.getMessage());
            assertNull(failure.fix());
        }

        @Test
        void rejectsOptionOfOtherCommand() {
            CommandLineException failure = rejected("show", "--name", "a");

            assertEquals("unknown option '--name'.", failure.getMessage());
            assertSame(show, failure.command());
        }

        @Test
        void rejectsMissingValue() {
            CommandLineException failure = rejected("--name");

            assertEquals("option --name needs a value (NAME).", failure.getMessage());
            assertEquals("Pass --name NAME, or --name=NAME for a value that starts with '--'.",
                    failure.fix());
        }

        @Test
        void rejectsOptionAsValue() {
            assertEquals("option --name needs a value (NAME).",
                    rejected("--name", "--force").getMessage());
            assertEquals("option --name needs a value (NAME).",
                    rejected("--name", "--").getMessage());
        }

        @Test
        void rejectsInvalidValue() {
            CommandLineException failure = rejected("items", "add", "--name", "x", "--count=12");

            assertEquals("invalid value for option --count: '12' is not a digit",
                    failure.getMessage());
            assertEquals("Pass 0 to 9.", failure.fix());
            assertSame(add, failure.command());
        }

        @Test
        void rejectsMissingRequiredOption() {
            CommandLineException failure = rejected("items", "add", "--count", "1");

            assertEquals("the option --name is required.", failure.getMessage());
            assertSame(add, failure.command());
        }

        @Test
        void rejectsMissingSubcommand() {
            CommandLineException failure = rejected("items");

            assertEquals("a subcommand is required: add.", failure.getMessage());
            assertSame(items, failure.command());
        }

        @Test
        void rejectsUnknownCommandWithSuggestion() {
            CommandLineException failure = rejected("shwo");

            assertEquals("unknown command 'shwo'.", failure.getMessage());
            assertEquals("Did you mean show? Use one of the commands show, items, or pass ARGS"
                    + " after '--'.", failure.fix());
        }

        @Test
        void rejectsArgumentOfCommandWithoutOperands() {
            CommandLineException failure = rejected("show", "--", "x");

            assertEquals("unexpected argument 'x': 'tool show' takes options only.",
                    failure.getMessage());
        }

        @Test
        void rejectsOwnOptionBeforeSubcommand() {
            CommandLineException failure = rejected("--force", "show");

            assertEquals("option --force of 'tool' cannot be used with the command 'show'.",
                    failure.getMessage());
        }

        @Test
        void rejectsRepeatedOption() {
            CommandLineException failure = rejected("--name", "a", "--name", "b");

            assertEquals("option --name is given more than once.", failure.getMessage());
        }
    }

    @Nested
    class WhenSuggesting {

        @Test
        void ordersByDistance() {
            assertEquals(List.of("--provider"),
                    Suggestions.closest("--provder", List.of("--provider-path", "--provider")));
            assertEquals(List.of("list", "lists"),
                    Suggestions.closest("lsit", List.of("lists", "list")));
            assertEquals(List.of("--provider", "--provider-path"),
                    Suggestions.closest("--prov", List.of("--provider", "--provider-path")));
        }

        @Test
        void countsSwapAsOneEdit() {
            assertEquals(1, Suggestions.distance("stauts", "status"));
            assertEquals(3, Suggestions.distance("kitten", "sitting"));
        }

        @Test
        void skipsDistantNames() {
            assertEquals(List.of(), Suggestions.closest("frobnicate", List.of("status", "sync")));
            assertEquals(List.of(), Suggestions.closest("ab", List.of("sync")));
        }
    }

    @Nested
    class WhenHelpIsWritten {

        @Test
        void listsUsageOptionsCommandsAndExitCodes() {
            root.exitCodes(java.util.Map.of("0", "Success"));

            String help = HelpWriter.help(root);

            assertEquals("""
                    Usage: tool --name NAME [--force] [--verbose] [--plugins DIR]... [-h] [-V]
                                [-- ARGS...]
                       or: tool COMMAND [OPTIONS]

                    A tool.

                    Options:
                          --name NAME             A name.
                          --force                 Forces it.
                          --verbose               Logs more.
                          --plugins DIR           A plugin folder.
                      -h, --help                  Prints this help and exits.
                      -V, --version               Prints the version and exits.

                    Arguments:
                      ARGS                        Arguments to pass on.

                    Commands:
                      show   Shows things.
                      items  Manages items.

                    Exit codes:
                      0   Success
                    """, help);
        }

        @Test
        void wrapsLongDescriptions() {
            String long80 = "word ".repeat(40).strip();
            CommandSpec wordy = new CommandSpec("wordy", long80)
                    .option(Option.flag("--long", long80)).handler(new NoRun());

            String help = HelpWriter.help(wordy);

            for (String line : help.split("\n")) {
                assertTrue(line.length() <= HelpWriter.WIDTH, "too long: " + line);
            }
            assertTrue(help.contains("\n                              word word"), help);
        }
    }
}
