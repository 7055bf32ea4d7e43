/** The provider for Claude Code. */
module launcher.provider.claude {
    requires launcher.core;

    provides launcher.core.spi.CredentialProvider
            with launcher.provider.claude.ClaudeCodeProvider;
}
