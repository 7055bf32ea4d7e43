/** The {@code launcher} command line and the pty session. */
module launcher.app {
    requires launcher.core;
    requires info.picocli;
    requires org.jline.terminal;
    requires org.slf4j;

    uses launcher.core.spi.CredentialProvider;
}
