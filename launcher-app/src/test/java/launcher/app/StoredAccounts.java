package launcher.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.Identity;
import launcher.core.store.AccountStore;
import launcher.core.store.StoredAccount;

/** Puts test CLI accounts straight into a store, for tests of commands that only read it. */
final class StoredAccounts {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoredAccounts() {
    }

    /** Stores an account of the test CLI whose access token is {@code token}. */
    static StoredAccount put(Path storeRoot, String name, String email, String token) {
        return put(storeRoot, "testcli", name, email, token);
    }

    /**
     * Stores an account with the test CLI's fields under {@code providerId}, for commands that
     * list the store without asking the provider about the fields.
     */
    static StoredAccount put(
            Path storeRoot, String providerId, String name, String email, String token) {
        ObjectNode file;
        try {
            file = (ObjectNode) MAPPER.readTree(
                    TestCliProvider.authFile("id-" + name, email, token, 1_000L));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode fields = MAPPER.createObjectNode().set("login", file.get("login"));
        AccountSnapshot snapshot = new AccountSnapshot(Map.of("auth", fields));
        Instant created = Instant.parse("2026-01-02T03:04:05Z");
        StoredAccount account = new StoredAccount(
                name, new Identity("id-" + name, email, null, "test"), snapshot, created, created);
        new AccountStore(storeRoot).putAccount(providerId, account);
        return account;
    }
}
