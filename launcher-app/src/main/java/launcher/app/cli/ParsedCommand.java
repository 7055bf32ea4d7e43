package launcher.app.cli;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of parsing: the command to run, its options' values and its operands. */
public final class ParsedCommand {

    private final CommandSpec command;
    private final Map<Option<?>, List<Object>> values;
    private final List<String> operands;

    ParsedCommand(CommandSpec command, Map<Option<?>, List<Object>> values,
            List<String> operands) {
        this.command = command;
        this.values = new IdentityHashMap<>(values);
        this.operands = List.copyOf(operands);
    }

    /** Returns the command that the arguments named, the deepest subcommand given. */
    public CommandSpec command() {
        return command;
    }

    /**
     * Returns the option's converted value: the last one given, else its default, else null. A
     * flag's value is {@link Boolean#TRUE} when it was given and {@link Boolean#FALSE} when not.
     */
    public <T> T value(Option<T> option) {
        List<T> all = values(option);
        if (!all.isEmpty()) {
            return all.getLast();
        }
        if (option.isFlag()) {
            @SuppressWarnings("unchecked") // Option.flag creates every flag as Option<Boolean>.
            T absent = (T) Boolean.FALSE;
            return absent;
        }
        return null;
    }

    /** Returns every converted value of the option in the order given, else its default. */
    public <T> List<T> values(Option<T> option) {
        List<Object> stored = values.get(option);
        if (stored == null) {
            return List.of();
        }
        List<T> typed = new ArrayList<>(stored.size());
        for (Object value : stored) {
            @SuppressWarnings("unchecked") // The parser stores what option.convert returned.
            T cast = (T) value;
            typed.add(cast);
        }
        return typed;
    }

    /** Returns whether {@code -h} or {@code --help} was given. */
    public boolean helpRequested() {
        return values.containsKey(CommandSpec.HELP);
    }

    /** Returns whether {@code -V} or {@code --version} was given. */
    public boolean versionRequested() {
        return values.containsKey(CommandSpec.VERSION);
    }

    /** Returns the arguments after {@code --}, unchanged. */
    public List<String> operands() {
        return operands;
    }
}
