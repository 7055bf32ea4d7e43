package launcher.core.registry;

import java.util.Objects;
import launcher.core.spi.CredentialProvider;

/**
 * A provider that passed every load check, with where it came from.
 *
 * @param id the provider's id, as typed after {@code --provider}
 * @param displayName the name shown to people
 * @param moduleName the name of the provider's module, or null when it was loaded from the
 *     class path
 * @param version the module's version from its descriptor, or null when the module has none
 * @param location the jar file or folder that contains the provider, a {@code jrt:} address for a
 *     module linked into the runtime image, or {@code unknown}
 * @param provider the provider itself
 */
public record LoadedProvider(
        String id, String displayName, String moduleName, String version, String location,
        CredentialProvider provider) {

    public LoadedProvider {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(provider, "provider");
    }

    /** Describes the origin for messages: the module and version, or the class path location. */
    public String origin() {
        if (moduleName == null) {
            return "class path " + location;
        }
        String named = version == null ? moduleName : moduleName + "@" + version;
        return "module " + named + " (" + location + ")";
    }
}
