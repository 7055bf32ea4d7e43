package launcher.core.registry;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one child module layer from the jar files in plugin folders. Each jar is checked on its
 * own, so a jar that is not a module or whose requirements are missing is reported by file name
 * and the other jars still load.
 */
final class PluginLayer {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLayer.class);

    private final List<LoadProblem> problems = new ArrayList<>();

    private PluginLayer() {
    }

    /** The layer of the plugins that resolved, if any did, and the problems with the rest. */
    record Result(Optional<ModuleLayer> layer, List<LoadProblem> problems) {

        Result {
            problems = List.copyOf(problems);
        }
    }

    /** Builds a layer whose parent is {@code parent} from the jars in {@code folders}. */
    static Result build(List<Path> folders, ModuleLayer parent) {
        PluginLayer builder = new PluginLayer();

        Map<String, Path> jarsByModule = builder.findModules(builder.listJars(folders));
        builder.dropUnresolvable(jarsByModule, parent);
        Optional<Configuration> configuration = builder.resolveTogether(jarsByModule, parent);

        Optional<ModuleLayer> layer = configuration.flatMap(
                resolved -> builder.defineLayer(resolved, parent, jarsByModule));
        return new Result(layer, builder.problems);
    }

    private List<Path> listJars(List<Path> folders) {
        List<Path> jars = new ArrayList<>();
        for (Path folder : folders) {
            if (Files.notExists(folder)) {
                LOG.debug("Plugin folder {} does not exist", folder);
                continue;
            }
            if (!Files.isDirectory(folder)) {
                problems.add(new LoadProblem(folder.toString(),
                        "Plugin folder " + folder + " is not a directory.",
                        "Point it at a directory of provider jar files."));
                continue;
            }
            List<Path> inFolder = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jar")) {
                entries.forEach(inFolder::add);
            } catch (IOException e) {
                problems.add(new LoadProblem(folder.toString(),
                        "Plugin folder " + folder + " cannot be read: " + e.getMessage() + ".",
                        "Check the folder's permissions."));
                continue;
            }
            inFolder.sort(null);
            LOG.debug("Plugin folder {} contains {} jar files", folder, inFolder.size());
            jars.addAll(inFolder);
        }
        return jars;
    }

    private Map<String, Path> findModules(List<Path> jars) {
        Map<String, Path> jarsByModule = new TreeMap<>();
        Map<String, Path> duplicates = new LinkedHashMap<>();
        for (Path jar : jars) {
            Optional<String> name = moduleName(jar);
            if (name.isEmpty()) {
                continue;
            }
            Path earlier = jarsByModule.putIfAbsent(name.get(), jar);
            if (earlier != null) {
                duplicates.put(name.get(), earlier);
                problems.add(new LoadProblem(jar.toString(),
                        "Module " + name.get() + " is in both " + earlier + " and " + jar + ".",
                        "Remove one of the two jar files."));
            }
        }
        duplicates.keySet().forEach(jarsByModule::remove);
        return jarsByModule;
    }

    private Optional<String> moduleName(Path jar) {
        try {
            Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
            if (found.size() != 1) {
                throw new FindException("it contains " + found.size() + " modules");
            }
            return Optional.of(found.iterator().next().descriptor().name());
        } catch (FindException e) {
            LOG.debug("Plugin jar {} is not a module", jar, e);
            problems.add(new LoadProblem(jar.toString(),
                    "Plugin file " + jar + " is not a valid module jar: " + describe(e) + ".",
                    "Replace it with a provider jar file, or remove it from the plugin folder."));
            return Optional.empty();
        }
    }

    /** Drops, until none is left to drop, every module that does not resolve as the only root. */
    private void dropUnresolvable(Map<String, Path> jarsByModule, ModuleLayer parent) {
        boolean dropped = true;
        while (dropped) {
            dropped = false;
            ModuleFinder finder = ModuleFinder.of(jarsByModule.values().toArray(Path[]::new));
            for (String name : List.copyOf(jarsByModule.keySet())) {
                try {
                    resolve(finder, parent, Set.of(name));
                } catch (FindException | ResolutionException e) {
                    Path jar = jarsByModule.remove(name);
                    LOG.debug("Plugin module {} in {} does not resolve", name, jar, e);
                    problems.add(unresolved(name, jar, e));
                    dropped = true;
                    break;
                }
            }
        }
    }

    /**
     * Resolves every remaining module at once. When that fails, as with two modules that contain
     * the same package, modules are added one at a time in name order and each one that breaks
     * the set is reported.
     */
    private Optional<Configuration> resolveTogether(
            Map<String, Path> jarsByModule, ModuleLayer parent) {
        if (jarsByModule.isEmpty()) {
            return Optional.empty();
        }
        ModuleFinder finder = ModuleFinder.of(jarsByModule.values().toArray(Path[]::new));
        try {
            return Optional.of(resolve(finder, parent, jarsByModule.keySet()));
        } catch (FindException | ResolutionException e) {
            LOG.debug("Plugin modules do not resolve together", e);
        }

        Set<String> accepted = new TreeSet<>();
        Configuration configuration = null;
        for (String name : List.copyOf(jarsByModule.keySet())) {
            Set<String> roots = new TreeSet<>(accepted);
            roots.add(name);
            try {
                configuration = resolve(finder, parent, roots);
                accepted.add(name);
            } catch (FindException | ResolutionException e) {
                problems.add(unresolved(name, jarsByModule.remove(name), e));
            }
        }
        return Optional.ofNullable(configuration);
    }

    private Optional<ModuleLayer> defineLayer(
            Configuration configuration, ModuleLayer parent, Map<String, Path> jarsByModule) {
        try {
            ModuleLayer layer = ModuleLayer.defineModulesWithManyLoaders(
                    configuration, List.of(parent), ClassLoader.getSystemClassLoader()).layer();
            LOG.debug("Plugin layer contains modules {}", jarsByModule.keySet());
            return Optional.of(layer);
        } catch (LayerInstantiationException e) {
            LOG.debug("Plugin layer cannot be defined", e);
            jarsByModule.forEach((name, jar) -> problems.add(new LoadProblem(jar.toString(),
                    "Plugin module " + name + " in " + jar + " cannot be loaded: "
                            + describe(e) + ".",
                    "Remove the plugin jars one by one to find the one at fault.")));
            return Optional.empty();
        }
    }

    private static Configuration resolve(
            ModuleFinder finder, ModuleLayer parent, Set<String> roots) {
        return Configuration.resolve(
                finder, List.of(parent.configuration()), ModuleFinder.of(), roots);
    }

    private static LoadProblem unresolved(String name, Path jar, RuntimeException e) {
        return new LoadProblem(jar.toString(),
                "Plugin module " + name + " in " + jar + " cannot be resolved: "
                        + describe(e) + ".",
                "Add the jar of each missing module to the plugin folder, or use a build of the"
                        + " plugin made for this launcher.");
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.strip().replaceAll("[.]$", "");
    }
}
