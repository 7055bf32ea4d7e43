/** The provider for Claude Code. */
module launcher.provider.claude {
    requires launcher.core;
}
