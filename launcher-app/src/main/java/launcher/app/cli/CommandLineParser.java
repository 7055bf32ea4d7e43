package launcher.app.cli;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the arguments of a command tree by these rules:
 * <ul>
 *   <li>An option's value is the next argument ({@code --name work}) or follows an equals sign
 *       ({@code --name=work}). A value that starts with {@code --} needs the second form.
 *   <li>Any other argument names a subcommand of the command so far, and is an error in a
 *       command without subcommands. A command's own options come after its name, but global
 *       options may also come before it.
 *   <li>Every argument after the first {@code --} is an operand, passed on unchanged to a
 *       command that takes operands.
 * </ul>
 */
public final class CommandLineParser {

    private final String[] args;
    private final Map<Option<?>, List<Object>> values = new IdentityHashMap<>();
    private final List<String> operands = new ArrayList<>();
    private final List<Option<?>> givenAtThisLevel = new ArrayList<>();
    private CommandSpec command;

    private CommandLineParser(CommandSpec root, String[] args) {
        this.command = root;
        this.args = args;
    }

    /**
     * Parses {@code args} against the tree of {@code root}.
     *
     * @throws CommandLineException when the arguments do not match the commands
     */
    public static ParsedCommand parse(CommandSpec root, String... args) {
        CommandLineParser parser = new CommandLineParser(root, args);
        try {
            parser.readArguments();
        } catch (CommandLineException e) {
            if (!parser.helpGiven()) {
                throw e;
            }
            // Help wins over a mistake elsewhere on the line: it shows the command reached.
            Map<Option<?>, List<Object>> help = Map.of(CommandSpec.HELP, List.of(Boolean.TRUE));
            return new ParsedCommand(parser.command, help, List.of());
        }
        return parser.finish();
    }

    /**
     * Returns whether {@code -h} or {@code --help} is among the arguments before {@code --}.
     * The arguments are searched rather than the values read so far, so that help also wins
     * over a mistake before it.
     */
    private boolean helpGiven() {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (CommandSpec.HELP.isNamed(arg)) {
                return true;
            }
        }
        return false;
    }

    private void readArguments() {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                readOperands(i + 1);
                return;
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                i = readOption(i);
            } else {
                enterSubcommand(arg);
            }
        }
    }

    /** Reads the option at {@code index} and its value, and returns the index of the last one. */
    private int readOption(int index) {
        String arg = args[index];
        int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
        String optionName = equals < 0 ? arg : arg.substring(0, equals);
        if (optionName.equals("--")) {
            throw new CommandLineException("invalid argument '" + arg + "': it has no option"
                    + " name before '='.",
                    "Pass an option as --name=VALUE, or '--' alone before the CLI's arguments.",
                    command);
        }
        Option<?> option = command.findOption(optionName);
        if (option == null) {
            throw unknownOption(optionName, index);
        }

        if (option.isFlag()) {
            if (equals >= 0) {
                throw new CommandLineException("option " + option.name() + " takes no value.",
                        "Pass " + option.name() + " alone.", command);
            }
            store(option, Boolean.TRUE);
            return index;
        }

        String text;
        int last = index;
        if (equals >= 0) {
            text = arg.substring(equals + 1);
        } else if (index + 1 < args.length && !args[index + 1].startsWith("--")) {
            last = index + 1;
            text = args[last];
        } else {
            throw new CommandLineException("option " + option.name() + " needs a value ("
                    + option.label() + ").",
                    "Pass " + option.synopsis() + ", or " + option.name() + "=" + option.label()
                            + " for a value that starts with '--'.", command);
        }
        store(option, convert(option, text));
        return last;
    }

    private Object convert(Option<?> option, String text) {
        try {
            return option.convert(text);
        } catch (InvalidValueException e) {
            throw new CommandLineException("invalid value for option " + option.name() + ": "
                    + e.getMessage(), e.fix(), command);
        }
    }

    private void store(Option<?> option, Object value) {
        List<Object> stored = values.get(option);
        if (stored == null) {
            stored = new ArrayList<>();
            values.put(option, stored);
        } else if (!option.isRepeatable() && !option.isFlag()) {
            throw new CommandLineException("option " + option.name() + " is given more than once.",
                    "Pass it once.", command);
        }
        stored.add(value);
        givenAtThisLevel.add(option);
    }

    private void enterSubcommand(String arg) {
        CommandSpec subcommand = command.findSubcommand(arg);
        if (subcommand == null) {
            throw unknownArgument(arg);
        }
        for (Option<?> option : givenAtThisLevel) {
            if (command.ownOptions().contains(option)) {
                throw new CommandLineException("option " + option.name() + " of '"
                        + command.qualifiedName() + "' cannot be used with the command '"
                        + arg + "'.",
                        "Put the options of a command after its name: '"
                                + subcommand.qualifiedName() + " --help' lists them.",
                        command);
            }
        }
        command = subcommand;
        givenAtThisLevel.clear();
    }

    private void readOperands(int start) {
        if (command.operandsLabel() == null) {
            if (start < args.length) {
                throw unexpectedArgument(args[start]);
            }
            return;
        }
        for (int i = start; i < args.length; i++) {
            operands.add(args[i]);
        }
    }

    private ParsedCommand finish() {
        boolean helpOrVersion =
                values.containsKey(CommandSpec.HELP) || values.containsKey(CommandSpec.VERSION);
        if (!helpOrVersion) {
            requireSubcommand();
            requireOptions();
        }
        for (Option<?> option : command.allOptions()) {
            if (option.defaultValue() != null && !values.containsKey(option)) {
                List<Object> defaults = new ArrayList<>();
                defaults.add(convert(option, option.defaultValue()));
                values.put(option, defaults);
            }
        }
        return new ParsedCommand(command, values, operands);
    }

    private void requireSubcommand() {
        if (command.handler() != null) {
            return;
        }
        throw new CommandLineException(
                "a subcommand is required: " + joinWithOr(subcommandNames()) + ".", null, command);
    }

    private void requireOptions() {
        List<String> missing = new ArrayList<>();
        for (Option<?> option : command.allOptions()) {
            if (option.isRequired() && !values.containsKey(option)) {
                missing.add(option.name());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = missing.size() == 1
                ? "the option " + missing.getFirst() + " is required"
                : "the options " + joinWithAnd(missing) + " are required";
        String fix = command.subcommands().isEmpty()
                ? null
                : "Pass " + (missing.size() == 1 ? "it" : "them") + ", or use one of the commands "
                        + String.join(", ", subcommandNames()) + ".";
        throw new CommandLineException(message + ".", fix, command);
    }

    /** Returns the error for the option at {@code index}, which the command does not accept. */
    private CommandLineException unknownOption(String optionName, int index) {
        List<String> names = new ArrayList<>();
        for (Option<?> option : command.allOptions()) {
            names.add(option.name());
        }
        String fix = Suggestions.didYouMean(optionName, names);
        List<CommandSpec> owners = subcommandsWithOption(optionName, index);
        if (!owners.isEmpty()) {
            List<String> quoted = new ArrayList<>();
            for (CommandSpec owner : owners) {
                quoted.add("'" + nameBelowRoot(owner) + "'");
            }
            fix = optionName + " is an option of " + joinWithOr(quoted)
                    + ": put it after the command name.";
        }
        return new CommandLineException("unknown option '" + optionName + "'.", fix, command);
    }

    /**
     * Returns the subcommands below the current command that accept {@code optionName}: the one
     * that the arguments after {@code index} name when it accepts it, else all that do.
     */
    private List<CommandSpec> subcommandsWithOption(String optionName, int index) {
        CommandSpec named = command;
        for (int i = index + 1; i < args.length && !args[i].equals("--"); i++) {
            CommandSpec subcommand = named.findSubcommand(args[i]);
            if (subcommand != null) {
                named = subcommand;
            }
        }
        if (named != command && named.findOption(optionName) != null) {
            return List.of(named);
        }
        List<CommandSpec> owners = new ArrayList<>();
        addSubcommandsWithOption(command, optionName, owners);
        return owners;
    }

    private static void addSubcommandsWithOption(
            CommandSpec parent, String optionName, List<CommandSpec> owners) {
        for (CommandSpec subcommand : parent.subcommands()) {
            if (subcommand.findOption(optionName) != null) {
                owners.add(subcommand);
            }
            addSubcommandsWithOption(subcommand, optionName, owners);
        }
    }

    /** Returns the names from below the root command to {@code spec}: {@code accounts list}. */
    private static String nameBelowRoot(CommandSpec spec) {
        return spec.qualifiedName().substring(spec.root().name().length()).strip();
    }

    /** Returns the error for an argument before {@code --} that is no subcommand's name. */
    private CommandLineException unknownArgument(String arg) {
        if (command.subcommands().isEmpty()) {
            return unexpectedArgument(arg);
        }
        List<String> names = subcommandNames();
        String fix = "Use one of the commands " + String.join(", ", names)
                + (command.operandsLabel() == null
                        ? "."
                        : ", or pass " + command.operandsLabel() + " after '--'.");
        String suggestion = Suggestions.didYouMean(arg, names);
        if (suggestion != null) {
            fix = suggestion + " " + fix;
        }
        return new CommandLineException("unknown command '" + arg + "'.", fix, command);
    }

    private CommandLineException unexpectedArgument(String arg) {
        return new CommandLineException("unexpected argument '" + arg + "': '"
                + command.qualifiedName() + "' takes options only.", null, command);
    }

    private List<String> subcommandNames() {
        List<String> names = new ArrayList<>();
        for (CommandSpec subcommand : command.subcommands()) {
            names.add(subcommand.name());
        }
        return names;
    }

    private static String joinWithAnd(List<String> words) {
        return join(words, " and ");
    }

    private static String joinWithOr(List<String> words) {
        return join(words, " or ");
    }

    /** Joins {@code a, b and c}: commas, and {@code last} before the last word. */
    static String join(List<String> words, String last) {
        if (words.size() == 1) {
            return words.getFirst();
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + last + words.getLast();
    }
}
