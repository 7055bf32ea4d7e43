package launcher.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a bash completion script for a command tree. It completes subcommand names, the
 * options of the command that the words so far name, file or folder names for options whose
 * value is a path, and fixed words for options given them, such as the provider ids for
 * {@code --provider}. Arguments after {@code --} are completed as file names.
 *
 * <p>Account names are not known when the script is printed, so the script runs the program
 * itself at completion time to list them, passing on the {@code --provider} value of the line.
 */
public final class BashCompletion {

    private BashCompletion() {
    }

    /** The option whose value on the line selects the provider of the completed account names. */
    private static final String PROVIDER_OPTION = "--provider";

    /**
     * Returns the script for the tree of {@code root}, whose name is the program's name. The
     * values of an option named in {@code valueWords} are completed from its words, which must
     * be plain words such as provider ids.
     *
     * @param accountNamesCommand the arguments after the program's name that print the stored
     *        account names, one a line, to which {@code --provider ID} is added when the line
     *        gives it
     */
    public static String script(CommandSpec root, Map<String, List<String>> valueWords,
            List<String> accountNamesCommand) {
        String program = root.name();
        String function = "_" + program.replaceAll("[^A-Za-z0-9_]", "_");
        StringBuilder script = new StringBuilder();
        script.append("# bash completion for ").append(program).append(", written by '")
                .append(program).append(" completion'.\n")
                .append("# To use it in the current shell: source <(").append(program)
                .append(" completion)\n\n");

        script.append("# Sets subcommands, options, value_options, file_options, dir_options and\n")
                .append("# account_options for the command that \"$1\" names, such as '")
                .append(program)
                .append(" accounts'.\n")
                .append(function).append("_command() {\n")
                .append("    subcommands= options= value_options= file_options= dir_options="
                        + " account_options=\n")
                .append("    case $1 in\n");
        appendCommands(script, root);
        script.append("    esac\n")
                .append("}\n\n");

        script.append(function).append("() {\n")
                .append("    local cur=${COMP_WORDS[COMP_CWORD]} command=").append(program)
                .append(" word i provider\n")
                .append("    local subcommands options value_options file_options dir_options"
                        + " account_options\n")
                .append("    COMPREPLY=()\n")
                .append("    ").append(function).append("_command \"$command\"\n")
                .append("    for ((i = 1; i < COMP_CWORD; i++)); do\n")
                .append("        word=${COMP_WORDS[i]}\n")
                .append("        if [[ $word == -- ]]; then\n")
                .append("            compopt -o filenames 2>/dev/null\n")
                .append("            mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n")
                .append("            return 0\n")
                .append("        elif [[ \" $value_options \" == *\" $word \"* ]]; then\n")
                .append("            # bash splits --name=value into three words at the =.\n")
                .append("            if [[ ${COMP_WORDS[i + 1]} == = ]]; then\n")
                .append("                ((i++))\n")
                .append("            fi\n")
                .append("            if [[ $word == ").append(PROVIDER_OPTION).append(" ]]; then\n")
                .append("                provider=${COMP_WORDS[i + 1]}\n")
                .append("            fi\n")
                .append("            if ((i + 1 == COMP_CWORD)); then\n")
                .append("                ").append(function).append("_value \"$word\"\n")
                .append("                return 0\n")
                .append("            fi\n")
                .append("            ((i++))\n")
                .append("        elif [[ \" $subcommands \" == *\" $word \"* ]]; then\n")
                .append("            command=\"$command $word\"\n")
                .append("            ").append(function).append("_command \"$command\"\n")
                .append("        fi\n")
                .append("    done\n")
                .append("    if [[ $cur == -* ]]; then\n")
                .append("        mapfile -t COMPREPLY < <(compgen -W \"$options\" -- \"$cur\")\n")
                .append("    else\n")
                .append("        mapfile -t COMPREPLY < <(compgen -W \"$subcommands\""
                        + " -- \"$cur\")\n")
                .append("    fi\n")
                .append("}\n\n");

        script.append("# Completes the value of option \"$1\": file or folder names for a path,\n")
                .append("# account names, or the option's own words.\n")
                .append(function).append("_value() {\n")
                .append("    case $1 in\n");
        valueWords.forEach((option, words) -> script.append("        ").append(option)
                .append(")\n")
                .append("            mapfile -t COMPREPLY < <(compgen -W '")
                .append(String.join(" ", words)).append("' -- \"$cur\")\n")
                .append("            return 0\n")
                .append("            ;;\n"));
        script.append("    esac\n")
                .append("    if [[ \" $account_options \" == *\" $1 \"* ]]; then\n")
                .append("        ").append(function).append("_account_names\n")
                .append("    elif [[ \" $file_options \" == *\" $1 \"* ]]; then\n")
                .append("        compopt -o filenames 2>/dev/null\n")
                .append("        mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n")
                .append("    elif [[ \" $dir_options \" == *\" $1 \"* ]]; then\n")
                .append("        compopt -o filenames 2>/dev/null\n")
                .append("        mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")\n")
                .append("    fi\n")
                .append("}\n\n");

        script.append("# Completes the names of the stored accounts, of $provider when the line\n")
                .append("# gives one, by running the program that is being completed. Its\n")
                .append("# errors, such as an unreadable store, are dropped to keep the prompt\n")
                .append("# clean, and then nothing is completed.\n")
                .append(function).append("_account_names() {\n")
                .append("    local program=${COMP_WORDS[0]} names\n")
                .append("    if [[ $program == \"~/\"* ]]; then\n")
                .append("        program=$HOME/${program#\"~/\"}\n")
                .append("    fi\n")
                .append("    local arguments=(").append(String.join(" ", accountNamesCommand))
                .append(")\n")
                .append("    if [[ -n $provider ]]; then\n")
                .append("        arguments+=(").append(PROVIDER_OPTION)
                .append(" \"$provider\")\n")
                .append("    fi\n")
                .append("    names=$(\"$program\" \"${arguments[@]}\" 2>/dev/null </dev/null)\n")
                .append("    mapfile -t COMPREPLY < <(compgen -W \"$names\" -- \"$cur\")\n")
                .append("}\n\n");

        script.append("complete -F ").append(function).append(' ').append(program).append('\n');
        return script.toString();
    }

    private static void appendCommands(StringBuilder script, CommandSpec command) {
        List<String> subcommands = new ArrayList<>();
        for (CommandSpec subcommand : command.subcommands()) {
            subcommands.add(subcommand.name());
        }
        List<String> options = new ArrayList<>();
        List<String> valueOptions = new ArrayList<>();
        List<String> fileOptions = new ArrayList<>();
        List<String> directoryOptions = new ArrayList<>();
        List<String> accountOptions = new ArrayList<>();
        for (Option<?> option : command.allOptions()) {
            List<String> names = new ArrayList<>();
            names.add(option.name());
            if (option.shortName() != null) {
                names.add(option.shortName());
            }
            options.addAll(names);
            if (!option.isFlag()) {
                valueOptions.addAll(names);
            }
            if (option.completion() == Option.Completion.FILES) {
                fileOptions.addAll(names);
            } else if (option.completion() == Option.Completion.DIRECTORIES) {
                directoryOptions.addAll(names);
            } else if (option.completion() == Option.Completion.ACCOUNT_NAMES) {
                accountOptions.addAll(names);
            }
        }

        script.append("        '").append(command.qualifiedName()).append("')\n");
        appendVariable(script, "subcommands", subcommands);
        appendVariable(script, "options", options);
        appendVariable(script, "value_options", valueOptions);
        appendVariable(script, "file_options", fileOptions);
        appendVariable(script, "dir_options", directoryOptions);
        appendVariable(script, "account_options", accountOptions);
        script.append("            ;;\n");
        for (CommandSpec subcommand : command.subcommands()) {
            appendCommands(script, subcommand);
        }
    }

    private static void appendVariable(StringBuilder script, String name, List<String> words) {
        if (!words.isEmpty()) {
            script.append("            ").append(name).append("='")
                    .append(String.join(" ", words)).append("'\n");
        }
    }
}
