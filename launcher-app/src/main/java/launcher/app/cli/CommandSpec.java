package launcher.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command of the command line: its name, help text, options and subcommands, and the
 * handler that runs it. A command is built once, with the methods that return it, before the
 * parser reads the arguments.
 */
public final class CommandSpec {

    /** {@code -h} and {@code --help}, which every command accepts. */
    public static final Option<Boolean> HELP =
            Option.flag("--help", "Prints this help and exits.").withShortName("-h");

    /** {@code -V} and {@code --version}, which every command accepts. */
    public static final Option<Boolean> VERSION =
            Option.flag("--version", "Prints the version and exits.").withShortName("-V");

    private final String name;
    private final List<String> description;
    private final List<Option<?>> options = new ArrayList<>();
    private final List<Option<?>> globalOptions = new ArrayList<>();
    private final List<CommandSpec> subcommands = new ArrayList<>();
    private CommandSpec parent;
    private CommandHandler handler;
    private String operandsLabel;
    private String operandsDescription;
    private Map<String, String> exitCodes = Map.of();

    /**
     * Creates a command.
     *
     * @param description the paragraphs of its help; the first is its summary in the list of
     *        commands of its parent
     */
    public CommandSpec(String name, String... description) {
        this.name = name;
        this.description = List.of(description);
    }

    /** Adds an option of this command only. */
    public CommandSpec option(Option<?> option) {
        requireNewName(option);
        options.add(option);
        return this;
    }

    /** Adds an option of this command and of all its subcommands, before or after their names. */
    public CommandSpec globalOption(Option<?> option) {
        requireNewName(option);
        globalOptions.add(option);
        return this;
    }

    /** Adds a subcommand. */
    public CommandSpec subcommand(CommandSpec subcommand) {
        if (subcommand.parent != null) {
            throw new IllegalArgumentException(subcommand.name + " is a subcommand already");
        }
        subcommand.parent = this;
        subcommands.add(subcommand);
        return this;
    }

    /** Sets what runs the command. A command without a handler needs a subcommand. */
    public CommandSpec handler(CommandHandler runner) {
        this.handler = runner;
        return this;
    }

    /**
     * Lets the command take arguments after {@code --}, which are passed on unchanged.
     *
     * @param label their placeholder in the help, such as {@code CLI-ARGS}
     */
    public CommandSpec operands(String label, String operandDescription) {
        this.operandsLabel = label;
        this.operandsDescription = operandDescription;
        return this;
    }

    /**
     * Sets the rows of the "Exit codes" section of the help of every command in the tree. Only
     * the root command's rows are printed, so this is called on the root.
     */
    public CommandSpec exitCodes(Map<String, String> rows) {
        this.exitCodes = new LinkedHashMap<>(rows);
        return this;
    }

    public String name() {
        return name;
    }

    /** Returns the names from the root command to this one: {@code launcher accounts list}. */
    public String qualifiedName() {
        return parent == null ? name : parent.qualifiedName() + " " + name;
    }

    public List<String> description() {
        return description;
    }

    /** Returns the root command of the tree that contains this command. */
    public CommandSpec root() {
        return parent == null ? this : parent.root();
    }

    public List<CommandSpec> subcommands() {
        return List.copyOf(subcommands);
    }

    /** Returns the handler, or null when the command only groups subcommands. */
    public CommandHandler handler() {
        return handler;
    }

    /** Returns the placeholder of the arguments after {@code --}, or null when there are none. */
    public String operandsLabel() {
        return operandsLabel;
    }

    String operandsDescription() {
        return operandsDescription;
    }

    /** Returns the exit codes that the root command set. */
    Map<String, String> exitCodes() {
        return root().exitCodes;
    }

    /**
     * Returns every option that this command accepts, in the order that its help lists them:
     * its own, then the global ones of its ancestors and itself, then help and version.
     */
    public List<Option<?>> allOptions() {
        List<Option<?>> all = new ArrayList<>(options);
        all.addAll(inheritedOptions());
        all.add(HELP);
        all.add(VERSION);
        return all;
    }

    /** Returns the global options of this command and its ancestors, the root's first. */
    List<Option<?>> inheritedOptions() {
        List<Option<?>> inherited = parent == null ? new ArrayList<>() : parent.inheritedOptions();
        inherited.addAll(globalOptions);
        return inherited;
    }

    /** Returns the options of this command that its subcommands do not accept. */
    List<Option<?>> ownOptions() {
        return List.copyOf(options);
    }

    /** Returns the option that {@code argument} names, or null. */
    Option<?> findOption(String argument) {
        for (Option<?> option : allOptions()) {
            if (option.isNamed(argument)) {
                return option;
            }
        }
        return null;
    }

    /** Returns the subcommand of that name, or null. */
    CommandSpec findSubcommand(String subcommandName) {
        for (CommandSpec subcommand : subcommands) {
            if (subcommand.name.equals(subcommandName)) {
                return subcommand;
            }
        }
        return null;
    }

    private void requireNewName(Option<?> option) {
        for (Option<?> known : allOptions()) {
            if (known.isNamed(option.name())
                    || option.shortName() != null && known.isNamed(option.shortName())) {
                throw new IllegalArgumentException(
                        name + " has an option " + option.name() + " already");
            }
        }
    }
}
