package launcher.app.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import launcher.app.App;
import launcher.app.Context;
import launcher.app.ExitCodes;
import launcher.core.registry.LoadProblem;
import launcher.core.registry.LoadedProvider;
import launcher.core.registry.ProviderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code launcher providers}: the providers that loaded, and why others did not. */
@Command(name = "providers", mixinStandardHelpOptions = true, description = {
    "Lists the providers, and the problems with those that failed to load.",
    "Providers are found on the module path, on the class path and in the plugin folders."
            + " Exits with " + ExitCodes.PROVIDER_LOAD_FAILED + " when there are problems.",
})
public final class ProvidersCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = "--json", description = "Prints JSON instead of text.")
    private boolean json;

    /** Binds the command to a context. */
    public ProvidersCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ProviderRegistry registry = context.registry();
        if (json) {
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
