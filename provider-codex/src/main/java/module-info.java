/** The provider for Codex CLI. */
module launcher.provider.codex {
    requires launcher.core;
    requires com.fasterxml.jackson.dataformat.toml;

    provides launcher.core.spi.CredentialProvider
            with launcher.provider.codex.CodexProvider;
}
