package launcher.core.registry;

import java.util.Objects;

/**
 * A provider, module or jar file that could not be loaded. Other providers are unaffected.
 *
 * @param source what failed: a jar file name, a module name or a provider class name
 * @param message one sentence that states what is wrong, naming the values involved
 * @param fix one sentence that states what to do about it
 */
public record LoadProblem(String source, String message, String fix) {

    public LoadProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }
}
