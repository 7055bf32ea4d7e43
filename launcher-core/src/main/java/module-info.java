/**
 * The launcher's core: the {@link launcher.core.spi.CredentialProvider} SPI, the account store
 * and the sync engine that puts an account's credentials into a CLI's own files.
 */
module launcher.core {
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports launcher.core.json to launcher.provider.codex;
    exports launcher.core.registry;
    exports launcher.core.spi;
    exports launcher.core.store;
    exports launcher.core.sync;

    uses launcher.core.spi.CredentialProvider;
}
