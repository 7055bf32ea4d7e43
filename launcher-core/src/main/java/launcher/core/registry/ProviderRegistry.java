package launcher.core.registry;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ResolvedModule;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import launcher.core.spi.CredentialProvider;
import launcher.core.spi.SpiVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential providers that loaded, ordered by id, and the problems with those that did not.
 *
 * <p>Every step of discovery is guarded: a {@link ServiceLoader} step that fails, a provider
 * whose constructor, {@code id()}, {@code displayName()} or {@code spiVersion()} throws, an
 * invalid id, an SPI version other than {@link SpiVersion#CURRENT}, and two providers with the
 * same id each become a {@link LoadProblem} that names the provider. The other providers keep
 * working. Only errors of the virtual machine itself, such as {@link OutOfMemoryError}, escape.
 *
 * <p>When providers in different module layers claim one id, the one in the layer nearest the
 * boot layer keeps it and the others are reported, so that a plugin cannot displace a provider
 * that ships with the launcher. When several nearest ones claim it, none of them is loaded.
 */
public final class ProviderRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private static final Pattern ID = Pattern.compile(CredentialProvider.ID_PATTERN);

    /** The number of consecutive failed {@link ServiceLoader} steps after which loading stops. */
    private static final int MAX_CONSECUTIVE_LOADER_ERRORS = 100;

    private final Map<String, LoadedProvider> providersById;
    private final List<LoadProblem> problems;

    private ProviderRegistry(
            Map<String, LoadedProvider> providersById, List<LoadProblem> problems) {
        this.providersById = providersById;
        this.problems = List.copyOf(problems);
    }

    /**
     * Loads the providers of the boot layer and the class path, and of the jar files in
     * {@code pluginFolders}, which may be empty. A folder that does not exist is skipped.
     */
    public static ProviderRegistry discover(List<Path> pluginFolders) {
        ModuleLayer boot = ModuleLayer.boot();
        PluginLayer.Result plugins = PluginLayer.build(pluginFolders, boot);

        ModuleLayer leaf = plugins.layer().orElse(boot);
        List<Supplier<ServiceLoader<CredentialProvider>>> loaders = List.of(
                () -> ServiceLoader.load(leaf, CredentialProvider.class),
                () -> ServiceLoader.load(
                        CredentialProvider.class, ClassLoader.getSystemClassLoader()));
        return load(loaders, plugins.problems());
    }

    /** Loads the providers of the given module layers, including their parent layers. */
    public static ProviderRegistry load(List<ModuleLayer> layers) {
        List<Supplier<ServiceLoader<CredentialProvider>>> loaders = new ArrayList<>();
        for (ModuleLayer layer : layers) {
            loaders.add(() -> ServiceLoader.load(layer, CredentialProvider.class));
        }
        return load(loaders, List.of());
    }

    /**
     * Checks providers that the caller created itself, such as an embedding application's own,
     * exactly as loaded providers are checked.
     */
    public static ProviderRegistry of(List<? extends CredentialProvider> providers) {
        Builder builder = new Builder(List.of());
        providers.forEach(provider -> builder.add(provider.getClass(), () -> provider));
        return builder.build();
    }

    private static ProviderRegistry load(
            List<Supplier<ServiceLoader<CredentialProvider>>> loaders, List<LoadProblem> earlier) {
        Builder builder = new Builder(earlier);
        Set<Class<?>> seen = new HashSet<>();
        for (Supplier<ServiceLoader<CredentialProvider>> loader : loaders) {
            builder.addAll(loader, seen);
        }
        return builder.build();
    }

    /** Returns the providers that loaded, ordered by id. */
    public List<LoadedProvider> providers() {
        return List.copyOf(providersById.values());
    }

    /** Returns the ids of the providers that loaded, in order. */
    public List<String> ids() {
        return List.copyOf(providersById.keySet());
    }

    /** Returns the provider with the given id, if it loaded. */
    public Optional<LoadedProvider> find(String id) {
        return Optional.ofNullable(providersById.get(id));
    }

    /** Returns the problems with providers, modules and jar files that did not load. */
    public List<LoadProblem> problems() {
        return problems;
    }

    /** Collects candidates, checks each one and settles every id that more than one claims. */
    private static final class Builder {

        private final List<LoadedProvider> loaded = new ArrayList<>();
        private final List<LoadProblem> problems;

        Builder(List<LoadProblem> earlier) {
            this.problems = new ArrayList<>(earlier);
        }

        void addAll(
                Supplier<ServiceLoader<CredentialProvider>> loaderSupplier, Set<Class<?>> seen) {
            Iterator<ServiceLoader.Provider<CredentialProvider>> iterator;
            try {
                iterator = loaderSupplier.get().stream().iterator();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                loaderFailed(e);
                return;
            }

            int consecutiveErrors = 0;
            while (consecutiveErrors < MAX_CONSECUTIVE_LOADER_ERRORS) {
                ServiceLoader.Provider<CredentialProvider> next;
                try {
                    if (!iterator.hasNext()) {
                        return;
                    }
                    next = iterator.next();
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    loaderFailed(e);
                    consecutiveErrors++;
                    continue;
                }
                consecutiveErrors = 0;
                if (seen.add(next.type())) {
                    add(next.type(), next::get);
                }
            }
            LOG.debug("Stopped a service loader after {} consecutive errors", consecutiveErrors);
        }

        void add(Class<?> type, Supplier<? extends CredentialProvider> constructor) {
            String source = describeType(type);
            try {
                CredentialProvider provider = constructor.get();
                check(type, source, provider).ifPresent(loaded::add);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                LOG.debug("Provider {} failed to load", source, e);
                Throwable cause = e instanceof ServiceConfigurationError && e.getCause() != null
                        ? e.getCause()
                        : e;
                problems.add(new LoadProblem(source,
                        "Provider " + source + " failed to load: " + describe(cause) + ".",
                        "Report it to the provider's authors, or remove its jar file."));
            }
        }

        private Optional<LoadedProvider> check(
                Class<?> type, String source, CredentialProvider provider) {
            String id = provider.id();
            if (id == null || !ID.matcher(id).matches()) {
                problems.add(new LoadProblem(source,
                        "Provider " + source + " has the invalid id " + quote(id) + ".",
                        "Provider ids must match " + CredentialProvider.ID_PATTERN
                                + "; report it to the provider's authors."));
                return Optional.empty();
            }

            int version = provider.spiVersion();
            if (version != SpiVersion.CURRENT) {
                problems.add(new LoadProblem(id,
                        "Provider '" + id + "' from " + source + " was built for SPI version "
                                + version + ", but this launcher implements SPI version "
                                + SpiVersion.CURRENT + ".",
                        "Use a version of the provider built for SPI version " + SpiVersion.CURRENT
                                + ", or a launcher that implements SPI version " + version + "."));
                return Optional.empty();
            }

            String displayName = provider.displayName();
            if (displayName == null || displayName.isBlank()) {
                displayName = id;
            }

            Module module = type.getModule();
            String moduleName = module.isNamed() ? module.getName() : null;
            String moduleVersion = module.isNamed()
                    ? module.getDescriptor().rawVersion().orElse(null)
                    : null;
            return Optional.of(new LoadedProvider(
                    id, displayName, moduleName, moduleVersion, location(type), provider));
        }

        ProviderRegistry build() {
            Map<String, List<LoadedProvider>> byId = new LinkedHashMap<>();
            loaded.stream()
                    // A lambda of this class, which the AOT cache holds, unlike the one that
                    // Comparator.comparing makes.
                    .sorted((first, second) -> first.id().compareTo(second.id()))
                    .forEach(p -> byId.computeIfAbsent(p.id(), id -> new ArrayList<>()).add(p));

            Map<String, LoadedProvider> unique = new LinkedHashMap<>();
            byId.forEach((id, claimants) -> {
                if (claimants.size() == 1) {
                    unique.put(id, claimants.getFirst());
                    return;
                }

                int nearest = claimants.stream()
                        .mapToInt(Builder::layerDepth)
                        .min()
                        .orElseThrow();
                List<LoadedProvider> winners = claimants.stream()
                        .filter(p -> layerDepth(p) == nearest)
                        .toList();
                if (winners.size() == 1) {
                    LoadedProvider winner = winners.getFirst();
                    unique.put(id, winner);
                    claimants.stream().filter(p -> p != winner).forEach(p -> problems.add(
                            new LoadProblem(id,
                                    "Provider id '" + id + "' of " + p.origin() + " is ignored,"
                                            + " because " + winner.origin() + " provides it.",
                                    "Remove the plugin's jar file, or ask its authors to give"
                                            + " the provider another id.")));
                    return;
                }

                List<String> origins = claimants.stream().map(LoadedProvider::origin).toList();
                problems.add(new LoadProblem(id,
                        "Provider id '" + id + "' is claimed by " + claimants.size()
                                + " providers: " + String.join(" and ", origins) + ".",
                        "Remove all but one of them from the module path and plugin folders."));
            });

            for (LoadedProvider provider : unique.values()) {
                LOG.debug("Loaded provider {} from {}", provider.id(), provider.origin());
            }
            problems.forEach(p -> LOG.debug("Provider load problem: {}", p.message()));
            return new ProviderRegistry(unique, problems);
        }

        /**
         * Returns how many layers separate the provider's module layer from the empty layer: 1
         * for the boot layer and the class path, more for a plugin layer built on top of it.
         */
        private static int layerDepth(LoadedProvider loaded) {
            ModuleLayer layer = loaded.provider().getClass().getModule().getLayer();
            return layer == null ? 1 : depth(layer);
        }

        private static int depth(ModuleLayer layer) {
            int deepestParent = 0;
            for (ModuleLayer parent : layer.parents()) {
                deepestParent = Math.max(deepestParent, depth(parent));
            }
            return layer.parents().isEmpty() ? 0 : deepestParent + 1;
        }

        private void loaderFailed(Throwable e) {
            LOG.debug("Service loader step failed", e);
            problems.add(new LoadProblem("service loader",
                    "A provider could not be loaded: " + describe(e) + ".",
                    "Remove or replace the jar file named in the message."));
        }
    }

    private static String describeType(Class<?> type) {
        Module module = type.getModule();
        if (!module.isNamed()) {
            return type.getName();
        }
        ModuleDescriptor descriptor = module.getDescriptor();
        String version = descriptor.rawVersion().map(v -> "@" + v).orElse("");
        return type.getName() + " in module " + module.getName() + version;
    }

    /** Returns the jar file or folder of a type, or its {@code jrt:} address in a runtime image. */
    private static String location(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed() && module.getLayer() != null) {
            Optional<ResolvedModule> resolved =
                    module.getLayer().configuration().findModule(module.getName());
            Optional<String> uri = resolved
                    .flatMap(m -> m.reference().location())
                    .map(Object::toString);
            if (uri.isPresent()) {
                return uri.get();
            }
        }
        CodeSource codeSource = type.getProtectionDomain().getCodeSource();
        URL url = codeSource == null ? null : codeSource.getLocation();
        return url == null ? "unknown" : url.toString();
    }

    private static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String name = e.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return name;
        }
        return name + ": " + message.strip().replaceAll("[.]$", "");
    }
}
