/**
 * An example provider for {@code example-cli}, a made-up CLI. Its package is not exported: the
 * {@code provides} clause is all that the launcher needs to find the provider.
 */
module launcher.example.provider {
    requires launcher.core;

    provides launcher.core.spi.CredentialProvider
            with launcher.example.provider.ExampleCliProvider;
}
