/** The provider for Codex CLI. */
module launcher.provider.codex {
    requires launcher.core;
}
