package launcher.app.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import launcher.app.Context;
import launcher.app.ExitCodes;
import launcher.app.cli.BashCompletion;
import launcher.app.cli.CommandHandler;
import launcher.app.cli.CommandSpec;
import launcher.app.cli.ParsedCommand;
import launcher.core.registry.LoadedProvider;

/** {@code launcher completion}: prints a bash completion script. */
public final class CompletionCommand implements CommandHandler {

    private final Context context;

    /** Binds the command to a context. */
    public CompletionCommand(Context context) {
        this.context = context;
    }

    /** Returns the {@code completion} command. */
    public CommandSpec spec() {
        return new CommandSpec("completion",
                "Prints a bash completion script for launcher.",
                "To use it in the current shell: source <(launcher completion)")
                .handler(this);
    }

    /** Prints the script for the whole tree that this command belongs to. */
    @Override
    public int run(ParsedCommand parsed) {
        List<String> providerIds = new ArrayList<>();
        for (LoadedProvider provider : context.registry().providers()) {
            providerIds.add(provider.id());
        }
        context.out().print(BashCompletion.script(parsed.command().root(),
                Map.of("--provider", providerIds), List.of("accounts", "list", "--names")));
        context.out().flush();
        return ExitCodes.OK;
    }
}
