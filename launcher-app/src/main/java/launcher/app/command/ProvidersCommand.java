package launcher.app.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import launcher.app.App;
import launcher.app.Context;
import launcher.app.ExitCodes;
import launcher.app.cli.CommandHandler;
import launcher.app.cli.CommandSpec;
import launcher.app.cli.Option;
import launcher.app.cli.ParsedCommand;
import launcher.core.registry.LoadProblem;
import launcher.core.registry.LoadedProvider;
import launcher.core.registry.ProviderRegistry;

/** {@code launcher providers}: the providers that loaded, and why others did not. */
public final class ProvidersCommand implements CommandHandler {

    private static final Option<Boolean> JSON =
            Option.flag("--json", "Prints JSON instead of text.");

    private final Context context;

    /** Binds the command to a context. */
    public ProvidersCommand(Context context) {
        this.context = context;
    }

    /** Returns the {@code providers} command. */
    public CommandSpec spec() {
        return new CommandSpec("providers",
                "Lists the providers, and the problems with those that failed to load.",
                "Providers are found on the module path, on the class path and in the plugin"
                        + " folders. Exits with " + ExitCodes.PROVIDER_LOAD_FAILED
                        + " when there are problems.")
                .option(JSON)
                .handler(this);
    }

    @Override
    public int run(ParsedCommand parsed) {
        ProviderRegistry registry = context.registry();
        if (parsed.value(JSON)) {
            Json.print(context.out(), toJson(registry));
        } else {
            printText(registry);
        }
        return registry.problems().isEmpty() ? ExitCodes.OK : ExitCodes.PROVIDER_LOAD_FAILED;
    }

    private void printText(ProviderRegistry registry) {
        if (registry.providers().isEmpty()) {
            context.out().println("No providers found. Searched plugin folders: "
                    + context.pluginFolders());
        }
        for (LoadedProvider provider : registry.providers()) {
            context.out().println(provider.id() + "  " + provider.displayName() + "  "
                    + (provider.moduleName() == null ? "(class path)" : provider.moduleName())
                    + "  " + (provider.version() == null ? "-" : provider.version())
                    + "  " + provider.location());
        }
        for (LoadProblem problem : registry.problems()) {
            context.err().println(App.errorLine(problem.message(), problem.fix()));
        }
    }

    private static ObjectNode toJson(ProviderRegistry registry) {
        ObjectNode node = Json.object();
        ArrayNode providers = node.putArray("providers");
        for (LoadedProvider provider : registry.providers()) {
            ObjectNode row = providers.addObject();
            row.put("id", provider.id());
            row.put("name", provider.displayName());
            row.put("module", provider.moduleName());
            row.put("version", provider.version());
            row.put("location", provider.location());
        }
        ArrayNode problems = node.putArray("problems");
        for (LoadProblem problem : registry.problems()) {
            ObjectNode row = problems.addObject();
            row.put("source", problem.source());
            row.put("message", problem.message());
            row.put("fix", problem.fix());
        }
        return node;
    }
}
