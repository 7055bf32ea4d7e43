/** The {@code launcher} command line and the pty session. */
module launcher.app {
    requires launcher.core;
    requires jdk.unsupported;
    requires org.slf4j;
    requires pty4j;
    requires com.sun.jna;

    exports launcher.app;
    exports launcher.app.pty;

    uses launcher.core.spi.CredentialProvider;
}
