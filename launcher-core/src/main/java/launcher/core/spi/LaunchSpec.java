package launcher.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a CLI.
 *
 * @param executable the program name to look up on {@code PATH}, or an absolute path
 * @param arguments arguments that come before the user's own
 * @param environment variables to add to the inherited environment
 * @param installHint one sentence on how to install the CLI when it is not found
 */
public record LaunchSpec(
        String executable, List<String> arguments, Map<String, String> environment, String installHint) {

    public LaunchSpec {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(installHint, "installHint");
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }
}
