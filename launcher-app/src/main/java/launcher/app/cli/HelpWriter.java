package launcher.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes the help of a command: its usage, description, options, subcommands and exit codes. */
public final class HelpWriter {

    /** The width that the help is wrapped at, in characters. */
    static final int WIDTH = 80;

    /** The column where the descriptions of options and operands start. */
    private static final int DESCRIPTION_COLUMN = 30;

    private HelpWriter() {
    }

    /** Returns the help of {@code command}, ending in a line break. */
    public static String help(CommandSpec command) {
        StringBuilder help = new StringBuilder();
        appendUsage(help, command);
        help.append('\n');
        for (String paragraph : command.description()) {
            appendWrapped(help, paragraph, "", "");
        }
        appendOptions(help, command);
        appendSubcommands(help, command);
        appendExitCodes(help, command.exitCodes());
        return help.toString();
    }

    private static void appendUsage(StringBuilder help, CommandSpec command) {
        List<String> items = new ArrayList<>();
        if (command.handler() == null) {
            items.add("COMMAND");
        }
        List<Option<?>> options = command.allOptions();
        for (Option<?> option : options) {
            if (option.isRequired()) {
                items.add(option.synopsis());
            }
        }
        for (Option<?> option : options) {
            if (!option.isRequired()) {
                String shown = option.shortName() != null ? option.shortName() : option.synopsis();
                items.add("[" + shown + "]" + (option.isRepeatable() ? "..." : ""));
            }
        }
        if (command.operandsLabel() != null) {
            items.add("[-- " + command.operandsLabel() + "...]");
        }

        String start = "Usage: " + command.qualifiedName() + " ";
        String indent = " ".repeat(start.length());
        StringBuilder line = new StringBuilder(start);
        boolean lineHasItem = false;
        for (String item : items) {
            if (lineHasItem && line.length() + 1 + item.length() > WIDTH) {
                help.append(line).append('\n');
                line = new StringBuilder(indent);
                lineHasItem = false;
            }
            if (lineHasItem) {
                line.append(' ');
            }
            line.append(item);
            lineHasItem = true;
        }
        help.append(line).append('\n');
        if (command.handler() != null && !command.subcommands().isEmpty()) {
            help.append("   or: ").append(command.qualifiedName()).append(" COMMAND [OPTIONS]\n");
        }
    }

    private static void appendOptions(StringBuilder help, CommandSpec command) {
        help.append("\nOptions:\n");
        for (Option<?> option : command.allOptions()) {
            String names = (option.shortName() == null ? "    " : option.shortName() + ", ")
                    + option.synopsis();
            appendRow(help, "  " + names, option.description(), DESCRIPTION_COLUMN);
        }
        if (command.operandsLabel() != null) {
            help.append("\nArguments:\n");
            appendRow(help, "  " + command.operandsLabel(), command.operandsDescription(),
                    DESCRIPTION_COLUMN);
        }
    }

    private static void appendSubcommands(StringBuilder help, CommandSpec command) {
        List<CommandSpec> subcommands = command.subcommands();
        if (subcommands.isEmpty()) {
            return;
        }
        int longest = 0;
        for (CommandSpec subcommand : subcommands) {
            longest = Math.max(longest, subcommand.name().length());
        }
        help.append("\nCommands:\n");
        for (CommandSpec subcommand : subcommands) {
            String summary = subcommand.description().isEmpty()
                    ? ""
                    : subcommand.description().getFirst();
            appendRow(help, "  " + subcommand.name(), summary, longest + 4);
        }
    }

    private static void appendExitCodes(StringBuilder help, Map<String, String> exitCodes) {
        if (exitCodes.isEmpty()) {
            return;
        }
        int longest = 0;
        for (String code : exitCodes.keySet()) {
            longest = Math.max(longest, code.length());
        }
        help.append("\nExit codes:\n");
        for (Map.Entry<String, String> row : exitCodes.entrySet()) {
            appendRow(help, "  " + row.getKey(), row.getValue(), longest + 5);
        }
    }

    /**
     * Appends {@code term} and its wrapped {@code text} from {@code column} on, on the next line
     * when the term reaches the column.
     */
    private static void appendRow(StringBuilder help, String term, String text, int column) {
        String indent = " ".repeat(column);
        if (term.length() + 2 > column) {
            help.append(term).append('\n');
            appendWrapped(help, text, indent, indent);
        } else {
            String first = term + " ".repeat(column - term.length());
            appendWrapped(help, text, first, indent);
        }
    }

    /**
     * Appends {@code text} wrapped at {@link #WIDTH} at spaces, the first line after
     * {@code first} and the others after {@code indent}. A word longer than a line stays whole.
     */
    static void appendWrapped(StringBuilder help, String text, String first, String indent) {
        StringBuilder line = new StringBuilder(first);
        int lineStart = line.length();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > lineStart && line.length() + 1 + word.length() > WIDTH) {
                help.append(line).append('\n');
                line = new StringBuilder(indent);
                lineStart = line.length();
            }
            if (line.length() > lineStart) {
                line.append(' ');
            }
            line.append(word);
        }
        help.append(line.toString().stripTrailing()).append('\n');
    }
}
