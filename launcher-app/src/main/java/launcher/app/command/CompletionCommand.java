package launcher.app.command;

import java.util.concurrent.Callable;
import launcher.app.Context;
import launcher.app.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code launcher completion}: prints a bash completion script. */
@Command(name = "completion", mixinStandardHelpOptions = true, description = {
    "Prints a bash completion script for launcher.",
    "To use it in the current shell: source <(launcher completion)",
})
public final class CompletionCommand implements Callable<Integer> {

    private final Context context;
    private final CommandLine root;

    /** Binds the command to a context and the command tree it completes. */
    public CompletionCommand(Context context, CommandLine root) {
        this.context = context;
        this.root = root;
    }

    @Override
    public Integer call() {
        context.out().print(AutoComplete.bash("launcher", root));
        context.out().flush();
        return ExitCodes.OK;
    }
}
