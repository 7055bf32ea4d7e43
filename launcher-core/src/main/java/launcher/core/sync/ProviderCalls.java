package launcher.core.sync;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.CredentialProvider;
import launcher.core.spi.Environment;
import launcher.core.spi.Identity;
import launcher.core.spi.InvalidAccountException;
import launcher.core.spi.LauncherException;
import launcher.core.spi.ReadBack;
import launcher.core.spi.Target;
import launcher.core.spi.TokenState;

/**
 * Calls into one provider, turning every exception and every null result into a
 * {@link SyncException} that names the provider. A provider's own {@link LauncherException}
 * keeps its message and fix. Other exceptions are reported by class only, because their messages
 * may quote a credential file.
 */
final class ProviderCalls {

    private final CredentialProvider provider;
    private final String id;

    private ProviderCalls(CredentialProvider provider, String id) {
        this.provider = provider;
        this.id = id;
    }

    /** Wraps a provider, asking it for its id once. */
    static ProviderCalls of(CredentialProvider provider) {
        String className = provider.getClass().getName();
        String id = call(provider, "Provider " + className, "return its id", provider::id);
        return new ProviderCalls(provider, id);
    }

    /** Returns the provider's id. */
    String id() {
        return id;
    }

    /** Returns the provider's targets, checked to be a non-empty list with unique ids and paths. */
    List<Target> targets(Environment environment) {
        List<Target> targets =
                call("resolve its files", () -> copyOf(provider.targets(environment)));
        if (targets.isEmpty()) {
            throw new SyncException("Provider " + id + " declares no files to sync",
                    "Report this to the authors of the " + id + " provider.");
        }
        Set<String> ids = new HashSet<>();
        Set<Path> paths = new HashSet<>();
        for (Target target : targets) {
            if (!ids.add(target.id()) || !paths.add(target.path().normalize())) {
                throw new SyncException("Provider " + id + " declares the file id "
                        + target.id() + " or the path " + target.path() + " twice",
                        "Report this to the authors of the " + id + " provider.");
            }
        }
        return targets;
    }

    Environment inFolder(Environment environment, Path folder) {
        return call("resolve its files in " + folder, () -> provider.inFolder(environment, folder));
    }

    Identity identify(AccountSnapshot snapshot) {
        return call("identify the login", () -> provider.identify(snapshot));
    }

    ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) {
        return call("compare the login on disk with the stored one",
                () -> provider.readBack(stored, onDisk));
    }

    TokenState tokenState(AccountSnapshot snapshot) {
        return call("describe the tokens", () -> provider.tokenState(snapshot));
    }

    List<String> warnings(Environment environment) {
        return call("check the environment", () -> copyOf(provider.warnings(environment)));
    }

    /** Copies a provider's list, so that a null list or element fails inside the guard. */
    private static <T> List<T> copyOf(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    private <T> T call(String action, Supplier<T> body) {
        return call(provider, "Provider " + id, action, body);
    }

    private static <T> T call(
            CredentialProvider provider, String name, String action, Supplier<T> body) {
        T result;
        try {
            result = body.get();
        } catch (InvalidAccountException e) {
            // The provider's own description of a missing or unusable login, meant for users.
            throw new SyncException(e.getMessage(), e.fix(), e);
        } catch (LauncherException e) {
            throw new SyncException(name + " failed to " + action + ": " + e.getMessage(),
                    e.fix(), e);
        } catch (RuntimeException | LinkageError e) {
            throw new SyncException(name + " failed to " + action + " with "
                    + e.getClass().getName(), "Report this to the authors of "
                    + provider.getClass().getName() + ", with the stack trace of --verbose.", e);
        }
        if (result == null) {
            throw new SyncException(name + " returned null when asked to " + action,
                    "Report this to the authors of " + provider.getClass().getName() + ".");
        }
        return result;
    }
}
