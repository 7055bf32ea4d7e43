package launcher.example.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.Environment;
import launcher.core.spi.Identity;
import launcher.core.spi.InvalidAccountException;
import launcher.core.spi.OperatingSystem;
import launcher.core.spi.ReadBack;
import launcher.core.spi.Target;
import launcher.core.spi.TokenState;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExampleCliProviderTests {

    private static final Path HOME = Path.of("/home/ada");

    private final ExampleCliProvider provider = new ExampleCliProvider();

    private static Environment environment(Map<String, String> variables) {
        return new Environment(HOME, variables, OperatingSystem.LINUX);
    }

    private static AccountSnapshot snapshot(String id, String token, long issuedAt) {
        ObjectNode account = JsonNodeFactory.instance.objectNode();
        account.put("id", id);
        account.put("email", id + "@example.com");
        account.put("token", token);
        account.put("issuedAt", issuedAt);
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.set("account", account);
        return new AccountSnapshot(Map.of("auth", fields));
    }

    @Nested
    class Targets {

        @Test
        void defaultsToFolderInHome() {
            List<Target> targets = provider.targets(environment(Map.of()));

            assertEquals(1, targets.size());
            assertEquals(HOME.resolve(".example-cli/auth.json"), targets.getFirst().path());
            assertEquals(List.of("account"), targets.getFirst().accountFields());
            assertTrue(targets.getFirst().secret());
        }

        @Test
        void followsHomeVariable() {
            Environment moved = environment(Map.of("EXAMPLE_CLI_HOME", "/srv/example"));

            Path path = provider.targets(moved).getFirst().path();

            assertEquals(Path.of("/srv/example/auth.json"), path);
        }

        @Test
        void resolvesInsideImportFolder() {
            Environment inFolder = provider.inFolder(environment(Map.of()), Path.of("/tmp/copy"));

            Path path = provider.targets(inFolder).getFirst().path();

            assertEquals(Path.of("/tmp/copy/auth.json"), path);
        }
    }

    @Nested
    class Identify {

        @Test
        void readsIdAndEmail() {
            Identity identity = provider.identify(snapshot("ada", "token-1", 1));

            assertEquals("ada", identity.accountId());
            assertEquals("ada@example.com", identity.email());
        }

        @Test
        void rejectsSnapshotWithoutAccount() {
            AccountSnapshot empty = new AccountSnapshot(Map.of());

            InvalidAccountException failure =
                    assertThrows(InvalidAccountException.class, () -> provider.identify(empty));

            assertTrue(failure.getMessage().contains("auth.json"), failure.getMessage());
            assertTrue(failure.fix().contains("example-cli login"), failure.fix());
        }
    }

    @Nested
    class ReadBackDecision {

        @ParameterizedTest(name = "disk {0}/{1}/{2} -> {3}")
        @CsvSource({
            "ada, token-2, 20, ADOPT",
            "ada, token-1, 10, KEEP",
            "ada, token-0, 5, KEEP",
            "ada, '', 20, NEEDS_LOGIN",
            "bob, token-9, 99, OTHER_ACCOUNT",
            "'', token-9, 99, OTHER_ACCOUNT",
        })
        void comparesIdentityThenIssuedAt(
                String diskId, String diskToken, long diskIssuedAt, ReadBack.Decision expected) {
            AccountSnapshot stored = snapshot("ada", "token-1", 10);
            AccountSnapshot onDisk = snapshot(diskId, diskToken, diskIssuedAt);

            ReadBack readBack = provider.readBack(stored, onDisk);

            assertEquals(expected, readBack.decision(), readBack.reason());
            AccountSnapshot expectedSnapshot =
                    expected == ReadBack.Decision.ADOPT ? onDisk : stored;
            assertEquals(expectedSnapshot, readBack.snapshot());
        }

        @Test
        void treatsEmptyDiskAsOtherAccount() {
            AccountSnapshot stored = snapshot("ada", "token-1", 10);

            ReadBack readBack = provider.readBack(stored, new AccountSnapshot(Map.of()));

            assertEquals(ReadBack.Decision.OTHER_ACCOUNT, readBack.decision());
        }
    }

    @Nested
    class Tokens {

        @Test
        void reportsBlankTokenAsNeedingLogin() {
            assertTrue(provider.tokenState(snapshot("ada", "", 1)).needsLogin());
        }

        @Test
        void reportsTokenWithoutExpiry() {
            TokenState state = provider.tokenState(snapshot("ada", "token-1", 1));

            assertFalse(state.needsLogin());
            assertTrue(state.optionalExpiresAt().isEmpty());
        }
    }

    @Nested
    class Launch {

        @Test
        void startsProgramFoundOnPath() {
            assertEquals("example-cli", provider.launchSpec(environment(Map.of())).executable());
        }
    }
}
