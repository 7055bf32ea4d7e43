package launcher.core.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import launcher.core.json.JsonDocument;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.Environment;
import launcher.core.spi.LauncherException;
import launcher.core.spi.OperatingSystem;
import launcher.core.store.AccountStore;
import launcher.core.store.StoreLock;
import launcher.core.store.StoredAccount;
import launcher.core.sync.SyncEngine;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Syncs a stored account with the {@link SyncEngine} into targets that are malformed, oddly
 * encoded, or not a writable regular file at all. Each case either gives the right result, or
 * fails with an error that names the file and gives a fix. A failed case leaves every path, byte,
 * permission, modification time and inode of the target's folder tree and of the store as it
 * was.
 * The file cases are in {@code src/test/resources/bad-input/}, one per case.
 *
 * <p>The sync runs with {@code force}, so that a profile that a case's file contains and that no
 * account stores is replaced rather than stopping the sync before the merge.
 */
class BadInputTests {

    private static final String MEMBER = SingleTargetProvider.PROFILE_FIELD;
    private static final String ACCOUNT_NAME = "bob";
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectNode ACCOUNT = account("bob@example.com");

    /** A string longer than the 20,000,000 characters that Jackson 2.20 reads by default. */
    private static final int HUGE_STRING_CHARS = 21_000_000;
    private static final int HUGE_FILE_PROJECTS = 400_000;

    @TempDir
    Path folder;

    /** Creates the situation of a case in a folder and returns the target to sync into. */
    @FunctionalInterface
    interface Setup {
        Path create(Path folder) throws Exception;
    }

    /** Checks the content that a successful sync left, given the content before it. */
    @FunctionalInterface
    interface ResultCheck {
        void verify(Path target, byte[] before, byte[] after) throws Exception;
    }

    /**
     * One bad input: either {@code errorFragments} (the error must contain each of them) or a
     * {@code resultCheck} for a sync that succeeds.
     */
    record BadInput(String name, Setup setup, List<String> errorFragments,
            ResultCheck resultCheck) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadInput> cases() {
        return Stream.of(
                fromFile("malformed.json", "Invalid JSON", "line 2, column"),
                fromFile("truncated.json", "Invalid JSON", "line 3"),
                fromFile("duplicate-keys.json", "duplicate top-level name \"oauthAccount\""),
                mergedFromFile("nested-duplicate-keys.json", BadInputTests::onlyTheMemberChanged),
                fromFile("top-level-array.json", "the top level must be a JSON object"),
                fromFile("top-level-string.json", "the top level must be a JSON object"),
                fromFile("not-utf8.json", "invalid UTF-8"),
                fromFile("utf16.json", "Invalid JSON", "line 1, column 1"),
                fromFile("trailing-content.json", "Invalid JSON", "line 2, column 1"),
                fromFile("deep-nesting.json", "nesting deeper than 1000 levels"),
                fromFile("whitespace-only.json", "the top level must be a JSON object"),
                fromFile("comment.json", "Invalid JSON", "line 1, column 1"),
                fromFile("not-a-number.json", "Invalid JSON", "line 1"),
                mergedFromFile("byte-order-mark.json", BadInputTests::keepsByteOrderMark),
                mergedFromFile("crlf.json", BadInputTests::keepsCrlfLineEndings),
                mergedFromFile("empty.json", BadInputTests::hasOnlyTheMember),
                rejected("directory as target", folder -> {
                    Path target = folder.resolve(".claude.json");
                    Files.createDirectory(target);
                    return target;
                }, "is a directory"),
                rejected("file as folder", folder -> {
                    Path file = Files.writeString(folder.resolve("config"), "");
                    return file.resolve(".claude.json");
                }, "/config is a file, not a folder"),
                rejected("dangling symbolic link", folder -> {
                    Path target = folder.resolve(".claude.json");
                    Files.createSymbolicLink(target, folder.resolve("missing.json"));
                    return target;
                }, "symbolic link to a file that does not exist"),
                rejected("symbolic link loop", folder -> {
                    Path target = folder.resolve(".claude.json");
                    Files.createSymbolicLink(target, folder.resolve("other.json"));
                    Files.createSymbolicLink(folder.resolve("other.json"), target);
                    return target;
                }, "Could not read", "/.claude.json leads back to itself through a loop of links"),
                rejected("symbolic link loop in folder", folder -> {
                    Path loop = folder.resolve("config");
                    Files.createSymbolicLink(loop, folder.resolve("config-link"));
                    Files.createSymbolicLink(folder.resolve("config-link"), loop);
                    return loop.resolve(".claude.json");
                }, "/config leads back to itself through a loop of links"),
                merged("symbolic link chain", folder -> {
                    Path real = folder.resolve("real.json");
                    Files.writeString(real, "{\"theme\": \"dark\"}\n");
                    Files.createSymbolicLink(folder.resolve("middle.json"), real);
                    Path target = folder.resolve(".claude.json");
                    Files.createSymbolicLink(target, folder.resolve("middle.json"));
                    return target;
                }, BadInputTests::keepsTheLinks),
                rejected("read-only file", folder -> {
                    Path target = folder.resolve(".claude.json");
                    Files.writeString(target, "{\"theme\": \"dark\"}\n");
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
                    return target;
                }, "read-only"),
                rejected("read-only folder", folder -> {
                    assumeFalse(isRoot(), "root may write into a read-only folder, so this case"
                            + " runs only as another user");
                    Path subfolder = Files.createDirectory(folder.resolve("config"));
                    Path target = subfolder.resolve(".claude.json");
                    Files.writeString(target, "{\"theme\": \"dark\"}\n");
                    Files.setPosixFilePermissions(subfolder, PosixFilePermissions.fromString("r-xr-xr-x"));
                    return target;
                }, "permission denied"),
                merged("member with a huge string", folder -> {
                    Path target = folder.resolve(".claude.json");
                    String huge = "x".repeat(HUGE_STRING_CHARS);
                    Files.writeString(target, "{\"oauthAccount\": {\"displayName\": \"" + huge
                            + "\"}}\n");
                    return target;
                }, BadInputTests::hasOnlyTheMember),
                merged("huge file", folder -> {
                    Path target = folder.resolve(".claude.json");
                    Files.write(target, hugeStateFile());
                    return target;
                }, BadInputTests::onlyTheMemberChanged));
    }

    @Nested
    class WhenInputIsBad {

        @ParameterizedTest(name = "{0}")
        @MethodSource("launcher.core.reliability.BadInputTests#cases")
        void syncRejectsOrMergesCorrectly(BadInput input) throws Exception {
            Path config = Files.createDirectory(folder.resolve("config"));
            Path target = input.setup().create(config);
            AccountStore store = new AccountStore(folder.resolve("store"));
            Instant now = Instant.now();
            SingleTargetProvider provider = new SingleTargetProvider(target);
            AccountSnapshot snapshot = SingleTargetProvider.account(ACCOUNT);
            StoredAccount account = new StoredAccount(
                    ACCOUNT_NAME, provider.identify(snapshot), snapshot, now, now);
            store.putAccount(SingleTargetProvider.ID, account);
            // Taking the lock once creates the lock file, which a sync never removes, so that
            // the tree before the sync already contains it.
            try (StoreLock _ = store.lock(SingleTargetProvider.ID, LOCK_TIMEOUT)) {
                assertTrue(Files.exists(store.lockFile(SingleTargetProvider.ID)));
            }
            Environment environment = new Environment(
                    Files.createDirectory(folder.resolve("home")), Map.of(), OperatingSystem.LINUX);
            SyncEngine engine = new SyncEngine(store, LOCK_TIMEOUT);
            String treeBefore = TreeSnapshot.of(config);
            String storeBefore = TreeSnapshot.of(store.root());
            byte[] before = Files.isRegularFile(target) ? Files.readAllBytes(target) : null;

            if (input.resultCheck() == null) {
                LauncherException error = assertThrows(LauncherException.class,
                        () -> engine.sync(provider, environment, ACCOUNT_NAME, false, true),
                        "the sync of " + input + " succeeded");

                assertTrue(error.getMessage().contains(target.getFileName().toString()),
                        error.getMessage());
                for (String fragment : input.errorFragments()) {
                    assertTrue(error.getMessage().contains(fragment), error.getMessage());
                }
                assertFalse(error.fix() == null || error.fix().isBlank(), "no fix given");
                assertEquals(treeBefore, TreeSnapshot.of(config), "the tree changed");
                assertEquals(storeBefore, TreeSnapshot.of(store.root()), "the store changed");
            } else {
                engine.sync(provider, environment, ACCOUNT_NAME, false, true);

                byte[] after = Files.readAllBytes(target);
                assertEquals(ACCOUNT, JsonDocument.parse(target, after).member(MEMBER).get());
                input.resultCheck().verify(target, before, after);
            }
        }
    }

    @Nested
    class WhenCorpusChanges {

        @Test
        void everyFileHasACase() throws Exception {
            List<String> covered = cases().map(BadInput::name).toList();
            List<String> missing = new ArrayList<>();
            try (Stream<Path> files = Files.list(corpus())) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (!name.startsWith(".") && !covered.contains(name)) {
                        missing.add(name);
                    }
                }
            }

            assertEquals(List.of(), missing, "corpus files without a case in cases()");
        }
    }

    private static BadInput fromFile(String file, String... errorFragments) {
        return new BadInput(file, folder -> copyFromCorpus(file, folder),
                List.of(errorFragments), null);
    }

    private static BadInput mergedFromFile(String file, ResultCheck check) {
        return new BadInput(file, folder -> copyFromCorpus(file, folder), List.of(), check);
    }

    private static BadInput rejected(String name, Setup setup, String... errorFragments) {
        return new BadInput(name, setup, List.of(errorFragments), null);
    }

    private static BadInput merged(String name, Setup setup, ResultCheck check) {
        return new BadInput(name, setup, List.of(), check);
    }

    private static Path copyFromCorpus(String file, Path folder) throws IOException {
        Path target = folder.resolve(".claude.json");
        Files.copy(corpus().resolve(file), target);
        return target;
    }

    private static Path corpus() {
        try {
            return Path.of(Objects.requireNonNull(
                    BadInputTests.class.getResource("/bad-input"), "bad-input on the class path")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The class path gave an invalid URI", e);
        }
    }

    private static void keepsByteOrderMark(Path target, byte[] before, byte[] after) {
        assertArrayEquals(Arrays.copyOf(before, 3), Arrays.copyOf(after, 3));
        String text = new String(after, 3, after.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\n  \"theme\": \"dark\","), text);
    }

    private static void keepsCrlfLineEndings(Path target, byte[] before, byte[] after) {
        String text = new String(after, StandardCharsets.UTF_8);
        assertEquals(text.split("\n", -1).length, text.split("\r\n", -1).length,
                "a line ends with LF alone: " + text);
        assertTrue(text.startsWith(new String(before, StandardCharsets.UTF_8)
                .substring(0, "{\r\n  \"theme\": \"dark\",\r\n  \"numStartups\": 3".length())));
    }

    private static void hasOnlyTheMember(Path target, byte[] before, byte[] after) {
        assertEquals(List.of(MEMBER), JsonDocument.parse(target, after).names());
    }

    private static void keepsTheLinks(Path target, byte[] before, byte[] after) {
        assertTrue(Files.isSymbolicLink(target));
        assertTrue(Files.isSymbolicLink(target.resolveSibling("middle.json")));
        assertTrue(JsonDocument.parse(target, after).has("theme"));
    }

    /** Checks that only the member changed, and that switching back and forth is stable. */
    private static void onlyTheMemberChanged(Path target, byte[] before, byte[] after) {
        int memberStart = indexOf(before, "\"" + MEMBER + "\"");
        assertArrayEquals(Arrays.copyOf(before, memberStart), Arrays.copyOf(after, memberStart),
                "bytes before the member changed");

        JsonNode original = JsonDocument.parse(target, before).member(MEMBER).get();
        JsonDocument back = JsonDocument.parse(target, after).withMember(MEMBER, original);
        JsonDocument again = back.withMember(MEMBER, ACCOUNT);
        assertTrue(again.contentEquals(after), "switching back and forth changed other bytes");
    }

    private static int indexOf(byte[] content, String text) {
        String decoded = new String(content, StandardCharsets.ISO_8859_1);
        int index = decoded.indexOf(text);
        assertTrue(index >= 0, text + " not found");
        return index;
    }

    private static byte[] hugeStateFile() {
        StringBuilder json = new StringBuilder("{\n  \"projects\": {\n");
        for (int project = 0; project < HUGE_FILE_PROJECTS; project++) {
            json.append(project == 0 ? "" : ",\n")
                    .append("    \"/home/dev/src/service-").append(project)
                    .append("\": {\"allowedTools\": [], \"lastCost\": 0.25, \"history\": []}");
        }
        json.append("\n  },\n  \"oauthAccount\": ").append(account("alice@example.com"))
                .append("\n}\n");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode account(String email) {
        ObjectNode account = MAPPER.createObjectNode();
        account.put("emailAddress", email);
        account.put("displayName", email.substring(0, email.indexOf('@')));
        return account;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
