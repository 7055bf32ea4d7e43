package launcher.core.spi;

/** The version of the provider SPI that this core implements. */
public final class SpiVersion {

    /**
     * The SPI version of this core. A provider that reports another version is not loaded, and
     * the reason names both versions.
     */
    public static final int CURRENT = 1;

    private SpiVersion() {
    }
}
