package launcher.app;

import launcher.core.spi.LauncherException;

/** At least one provider failed to load; {@code launcher providers} lists the problems. */
public class ProviderLoadException extends LauncherException {

    private static final long serialVersionUID = 1L;

    public ProviderLoadException(String message, String fix) {
        super(message, fix);
    }
}
