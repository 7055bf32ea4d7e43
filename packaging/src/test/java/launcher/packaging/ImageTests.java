package launcher.packaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static launcher.packaging.ImageProcess.IMAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import launcher.packaging.ImageProcess.Result;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the jlink image that the build made, as users will. */
class ImageTests {

    /**
     * The size limit of the image, AOT cache included: 70 MB. The cache, trained on a whole
     * launch, is about 24 MB of it.
     */
    private static final long MAX_IMAGE_BYTES = 70_000_000;

    @Nested
    class Commands {

        @ParameterizedTest
        @ValueSource(strings = {"--version", "--help"})
        void exitsWithZeroAndNoWarnings(String option) throws Exception {
            Result result = ImageProcess.launcher(Map.of(), option);

            assertEquals(0, result.exitCode(), result.describe());
            assertEquals("", result.stderr(), result.describe());
        }

        @Test
        void versionNamesBuiltVersion() throws Exception {
            Result result = ImageProcess.launcher(Map.of(), "--version");

            String expected = "launcher " + System.getProperty("launcher.version");
            assertEquals(expected, result.stdout().lines().findFirst().orElse(""),
                    result.describe());
        }

        @Test
        void helpPrintsUsage() throws Exception {
            Result result = ImageProcess.launcher(Map.of(), "--help");

            assertTrue(result.stdout().startsWith("Usage: launcher "), result.describe());
        }

        @Test
        void passesArgumentsIntact(@TempDir Path temp) throws Exception {
            String provider = "two  spaces 'single' \"double\" $HOME * \\";
            Map<String, String> environment = Map.of(
                    "LAUNCHER_HOME", temp.resolve("store").toString());

            Result result = ImageProcess.launcher(environment, "--provider", provider,
                    "--worktree", temp.toString());

            assertEquals(2, result.exitCode(), result.describe());
            assertTrue(result.stderr().contains("unknown provider '" + provider + "'"),
                    result.describe());
        }
    }

    @Nested
    class StartScript {

        @Test
        void startsThroughSymlinkChain(@TempDir Path temp) throws Exception {
            Path first = Files.createDirectories(temp.resolve("first"));
            Path second = Files.createDirectories(temp.resolve("second"));
            Files.createSymbolicLink(second.resolve("launcher"),
                    IMAGE.resolve("bin/launcher").toAbsolutePath());
            Path link = Files.createSymbolicLink(first.resolve("launcher"),
                    Path.of("../second/launcher"));

            Result result = ImageProcess.run(link, showProperties(), "--version");

            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stderr().contains(ptyFolderProperty(IMAGE)), result.describe());
        }

        @Test
        void startsFromFolderWithSpaces(@TempDir Path temp) throws Exception {
            Path image = copyImage(temp.resolve("launcher image"));

            Result result = ImageProcess.run(image.resolve("bin/launcher"), showProperties(),
                    "--version");

            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stderr().contains(ptyFolderProperty(image)), result.describe());
        }

        @Test
        void startsFromRelativePathWithCdpath() throws Exception {
            Path image = IMAGE.toRealPath();
            String script = "cd \"$1\" && CDPATH=\"$1\" exec bin/launcher --version";

            Result result = ImageProcess.run(Path.of("/bin/sh"), showProperties(), "-c", script,
                    "sh", image.toString());

            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stderr().contains(ptyFolderProperty(image)), result.describe());
        }

        @Test
        void replacesShellWithJvm() throws Exception {
            Map<String, String> environment = Map.of("LAUNCHER_JAVA_OPTS",
                    "-Xlog:gc+init=info:stderr:pid");

            ImageProcess.Started started = ImageProcess.start(IMAGE.resolve("bin/launcher"),
                    environment, "--version");
            Result result = started.await();

            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stderr().startsWith("[" + started.pid() + "]"), "pid "
                    + started.pid() + " expected, " + result.describe());
        }

        @Test
        void passesLauncherJavaOptsToJvm() throws Exception {
            Map<String, String> environment = Map.of("LAUNCHER_JAVA_OPTS",
                    "-XshowSettings:properties -Dlauncher.test.first=1  -Dlauncher.test.second=*");

            Result result = ImageProcess.launcher(environment, "--version");

            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stderr().contains("launcher.test.first = 1"), result.describe());
            assertTrue(result.stderr().contains("launcher.test.second = *"), result.describe());
        }

        @Test
        void loadsMainClassFromAotCache() throws Exception {
            Map<String, String> environment = Map.of("LAUNCHER_JAVA_OPTS",
                    "-Xlog:class+load=info:stderr");

            Result result = ImageProcess.launcher(environment, "--version");

            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stderr().contains("launcher.app.Main source: shared objects file"),
                    result.describe());
        }

        @Test
        void missingAotCacheKeepsStdoutClean(@TempDir Path temp) throws Exception {
            Path image = copyImage(temp.resolve("image"));
            String expected = versionOutput(image);
            Files.delete(image.resolve("lib/launcher.aot"));

            Result result = ImageProcess.run(image.resolve("bin/launcher"), Map.of(),
                    "--version");

            assertEquals(0, result.exitCode(), result.describe());
            assertEquals(expected, result.stdout(), result.describe());
        }

        @Test
        void unusableAotCacheKeepsStdoutClean(@TempDir Path temp) throws Exception {
            Path image = copyImage(temp.resolve("image"));
            String expected = versionOutput(image);
            Files.writeString(image.resolve("lib/launcher.aot"), "not an AOT cache");

            Result result = ImageProcess.run(image.resolve("bin/launcher"), Map.of(),
                    "--version");

            assertEquals(0, result.exitCode(), result.describe());
            assertEquals(expected, result.stdout(), result.describe());
            assertTrue(result.stderr().contains("AOT cache"), result.describe());
        }

        private static Map<String, String> showProperties() {
            return Map.of("LAUNCHER_JAVA_OPTS", "-XshowSettings:properties");
        }

        private static String ptyFolderProperty(Path image) throws IOException {
            Path folder = image.toRealPath().resolve("lib/pty4j");
            return "pty4j.preferred.native.folder = " + folder;
        }
    }

    @Nested
    class PtySession {

        /** A Claude Code login with made-up tokens, in the layout of Claude Code 2.1. */
        private static final String CREDENTIALS = """
                {"claudeAiOauth":{"accessToken":"sk-ant-oat01-IMAGE-TEST-ACCESS",\
                "refreshToken":"sk-ant-ort01-IMAGE-TEST-REFRESH","expiresAt":4102444800000,\
                "scopes":["user:inference","user:profile"],"subscriptionType":"pro",\
                "rateLimitTier":"default_claude_pro"}}
                """;

        private static final String STATE = """
                {"numStartups":3,"oauthAccount":{\
                "accountUuid":"5e1f0c2a-0000-4000-8000-000000000001",\
                "emailAddress":"image-test@example.com",\
                "organizationUuid":"5e1f0c2a-0000-4000-8000-0000000000a1",\
                "organizationName":"Image Test Org","displayName":"Image Test",\
                "billingType":"stripe_subscription"}}
                """;

        @Test
        void runsCliWithoutUnpackingNatives(@TempDir Path temp) throws Exception {
            Path javaTemp = Files.createDirectories(temp.resolve("java-temp"));
            Path worktree = Files.createDirectories(temp.resolve("worktree"));
            Map<String, String> environment = isolatedEnvironment(temp, javaTemp);
            Result imported = ImageProcess.launcher(environment, "accounts", "import",
                    "--provider", "claude", "--name", "work");

            Result result = ImageProcess.launcher(environment, "--provider", "claude",
                    "--worktree", worktree.toString(), "--executable", "/bin/echo",
                    "--", "hello from", "the pty");

            assertEquals(0, imported.exitCode(), imported.describe());
            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stdout().contains("hello from the pty"), result.describe());
            try (Stream<Path> leftovers = Files.list(javaTemp)) {
                assertEquals(List.of(), leftovers.toList(), "files unpacked into java.io.tmpdir");
            }
        }

        @Test
        void passesChildExitCodeThrough(@TempDir Path temp) throws Exception {
            Path javaTemp = Files.createDirectories(temp.resolve("java-temp"));
            Path worktree = Files.createDirectories(temp.resolve("worktree"));
            Map<String, String> environment = isolatedEnvironment(temp, javaTemp);
            Result imported = ImageProcess.launcher(environment, "accounts", "import",
                    "--provider", "claude", "--name", "work");

            Result result = ImageProcess.launcher(environment, "--provider", "claude",
                    "--worktree", worktree.toString(), "--executable", "/bin/false");

            assertEquals(0, imported.exitCode(), imported.describe());
            assertEquals(1, result.exitCode(), result.describe());
        }

        /**
         * Classes whose first use costs a launch milliseconds, and which a launch that changes no
         * file does not need. The static initializers of Jackson's mapper and JDK 25's BigDecimal
         * are slow. The bootstrap of a record's generated equals and FFM generate method handle
         * classes. The start of a child process (ProcessHandleImpl) is how JNA runs ldconfig.
         */
        @ParameterizedTest
        @ValueSource(strings = {
            "com/fasterxml/jackson/databind/ObjectMapper",
            "java/math/BigDecimal",
            "java/lang/runtime/ObjectMethods",
            "jdk/internal/foreign/Utils",
            "java/lang/ProcessHandleImpl",
        })
        void noOpLaunchLeavesClassUninitialized(String className, @TempDir Path temp)
                throws Exception {
            Path javaTemp = Files.createDirectories(temp.resolve("java-temp"));
            Path worktree = Files.createDirectories(temp.resolve("worktree"));
            Map<String, String> environment = isolatedEnvironment(temp, javaTemp);
            Result imported = ImageProcess.launcher(environment, "accounts", "import",
                    "--provider", "claude", "--name", "work");
            List<String> launch = List.of("--provider", "claude", "--worktree",
                    worktree.toString(), "--executable", "/bin/true");
            Result first = ImageProcess.launcher(environment, launch.toArray(String[]::new));
            Path log = temp.resolve("class-init.log");
            Map<String, String> logged = new HashMap<>(environment);
            logged.put("LAUNCHER_JAVA_OPTS", environment.get("LAUNCHER_JAVA_OPTS")
                    + " -Xlog:class+init=info:file=" + log);

            Result noOp = ImageProcess.launcher(logged, launch.toArray(String[]::new));

            assertEquals(0, imported.exitCode(), imported.describe());
            assertEquals(0, first.exitCode(), first.describe());
            assertEquals(0, noOp.exitCode(), noOp.describe());
            String initialized = Files.readString(log);
            assertTrue(initialized.contains("Initializing 'launcher/app/Main'"), initialized);
            assertFalse(initialized.contains("Initializing '" + className + "'"),
                    className + " was initialized by a launch that changed no file");
        }

        /**
         * The same for Codex, whose login names its account in a JWT and whose config.toml the
         * launcher checks. A config.toml that does not mention the credential store setting is
         * not parsed, so no TOML mapper is built either.
         */
        @ParameterizedTest
        @ValueSource(strings = {
            "com/fasterxml/jackson/databind/ObjectMapper",
            "java/math/BigDecimal",
            "com/fasterxml/jackson/dataformat/toml/TomlMapper",
        })
        void noOpCodexLaunchLeavesClassUninitialized(String className, @TempDir Path temp)
                throws Exception {
            Path codexHome = Files.createDirectories(temp.resolve("codex"));
            Files.writeString(codexHome.resolve("auth.json"), codexAuth());
            Files.writeString(codexHome.resolve("config.toml"), "model = \"gpt-5-codex\"\n");
            Path worktree = Files.createDirectories(temp.resolve("worktree"));
            Path log = temp.resolve("class-init.log");
            Map<String, String> environment = Map.of(
                    "HOME", Files.createDirectories(temp.resolve("home")).toString(),
                    "LAUNCHER_HOME", temp.resolve("store").toString(),
                    "CODEX_HOME", codexHome.toString());
            Map<String, String> logged = new HashMap<>(environment);
            logged.put("LAUNCHER_JAVA_OPTS", "-Xlog:class+init=info:file=" + log);
            Result imported = ImageProcess.launcher(environment, "accounts", "import",
                    "--provider", "codex", "--name", "work");

            Result noOp = ImageProcess.launcher(logged, "--provider", "codex", "--worktree",
                    worktree.toString(), "--executable", "/bin/true");

            assertEquals(0, imported.exitCode(), imported.describe());
            assertEquals(0, noOp.exitCode(), noOp.describe());
            String initialized = Files.readString(log);
            assertTrue(initialized.contains("Initializing 'launcher/app/Main'"), initialized);
            assertFalse(initialized.contains("Initializing '" + className + "'"),
                    className + " was initialized by a launch that changed no file");
        }

        /** A Codex ChatGPT login with made-up tokens, in the layout of Codex 0.171. */
        private static String codexAuth() {
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            String header = encoder.encodeToString("{\"alg\":\"none\"}".getBytes(UTF_8));
            String claims = encoder.encodeToString(("{\"email\":\"image-test@example.com\","
                    + "\"exp\":4102444800,\"https://api.openai.com/auth\":{"
                    + "\"chatgpt_account_id\":\"acct-image-test\","
                    + "\"chatgpt_plan_type\":\"plus\"}}").getBytes(UTF_8));
            String token = header + "." + claims + ".made-up-signature";
            return "{\"auth_mode\":\"chatgpt\",\"OPENAI_API_KEY\":null,\"tokens\":{"
                    + "\"id_token\":\"" + token + "\",\"access_token\":\"" + token + "\","
                    + "\"refresh_token\":\"rt_IMAGE_TEST\",\"account_id\":\"acct-image-test\"},"
                    + "\"last_refresh\":\"2026-11-28T19:02:11.654321Z\"}\n";
        }

        @Test
        void switchesLargeStateFileWithDefaultHeap(@TempDir Path temp) throws Exception {
            Map<String, String> environment =
                    isolatedEnvironment(temp, Files.createDirectories(temp.resolve("java-temp")));
            Path other = Files.createDirectories(temp.resolve("other"));
            Files.writeString(other.resolve(".credentials.json"),
                    CREDENTIALS.replace("IMAGE-TEST", "OTHER-TEST"));
            Files.writeString(other.resolve(".claude.json"), STATE
                    .replace("000000000001", "000000000002")
                    .replace("image-test@example.com", "other-test@example.com"));
            Result work = ImageProcess.launcher(environment, "accounts", "import",
                    "--provider", "claude", "--name", "work");
            Result home = ImageProcess.launcher(environment, "accounts", "import",
                    "--provider", "claude", "--name", "home", "--from", other.toString());
            Path state = Path.of(environment.get("CLAUDE_CONFIG_DIR"), ".claude.json");
            Files.writeString(state, largeState(24_000_000));

            Result result = ImageProcess.launcher(environment, "sync", "--provider", "claude",
                    "--account", "home");

            assertEquals(0, work.exitCode(), work.describe());
            assertEquals(0, home.exitCode(), home.describe());
            assertEquals(0, result.exitCode(), result.describe());
            String synced = Files.readString(state);
            assertTrue(synced.contains("other-test@example.com"), "the state file was not switched");
            assertTrue(synced.length() > 24_000_000, "the projects were lost");
        }

        /** Returns {@link #STATE} with projects added until it has at least {@code size} chars. */
        private static String largeState(int size) {
            StringBuilder projects = new StringBuilder("{");
            for (int i = 0; projects.length() < size; i++) {
                projects.append(i == 0 ? "" : ",").append("\"/home/me/src/project-").append(i)
                        .append("\":{\"allowedTools\":[],\"history\":[{\"display\":")
                        .append("\"fix the build\"}],\"lastCost\":0.25}");
            }
            projects.append('}');
            return STATE.strip().replaceFirst("\\}$", ",\"projects\":" + projects + "}");
        }

        @Test
        void runsInTerminalWithoutWarnings(@TempDir Path temp) throws Exception {
            Path script = Path.of("/usr/bin/script");
            boolean ci = "true".equals(System.getenv("CI"));
            assumeTrue(ci || Files.isExecutable(script),
                    "script(1) from util-linux is not installed, so no terminal can be made");
            Path javaTemp = Files.createDirectories(temp.resolve("java-temp"));
            Path worktree = Files.createDirectories(temp.resolve("worktree"));
            Map<String, String> environment = isolatedEnvironment(temp, javaTemp);
            Result imported = ImageProcess.launcher(environment, "accounts", "import",
                    "--provider", "claude", "--name", "work");
            String launch = "'" + IMAGE.toAbsolutePath().resolve("bin/launcher") + "'"
                    + " --provider claude --worktree '" + worktree + "'"
                    + " --executable /bin/sh -- -c 'tty -s && echo child has a terminal'";

            // script(1) gives the launcher a terminal of its own, so it opens it through libc.
            Result result = ImageProcess.run(script, environment, "-qec", launch, "/dev/null");

            assertEquals(0, imported.exitCode(), imported.describe());
            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stdout().contains("child has a terminal"), result.describe());
            assertFalse(result.stdout().contains("WARNING"), result.describe());
            assertEquals("", result.stderr(), result.describe());
            try (Stream<Path> leftovers = Files.list(javaTemp)) {
                assertEquals(List.of(), leftovers.toList(), "files unpacked into java.io.tmpdir");
            }
        }

        /**
         * Writes a Claude Code login into {@code temp} and returns an environment that points
         * the CLI's files, the account store, the home folder and the JVM's temp folder there.
         */
        private static Map<String, String> isolatedEnvironment(Path temp, Path javaTemp)
                throws IOException {
            Path config = Files.createDirectories(temp.resolve("claude"));
            Files.writeString(config.resolve(".credentials.json"), CREDENTIALS);
            Files.writeString(config.resolve(".claude.json"), STATE);

            return Map.of(
                    "HOME", Files.createDirectories(temp.resolve("home")).toString(),
                    "LAUNCHER_HOME", temp.resolve("store").toString(),
                    "CLAUDE_CONFIG_DIR", config.toString(),
                    "LAUNCHER_JAVA_OPTS", "-Djava.io.tmpdir=" + javaTemp);
        }
    }

    @Nested
    class Modules {

        @Test
        void containsProductModules() throws Exception {
            Result result = ImageProcess.java("--list-modules");

            List<String> modules = result.stdout().lines()
                    .map(line -> line.split("@")[0].trim())
                    .toList();
            assertEquals(0, result.exitCode(), result.describe());
            for (String module : List.of("launcher.app", "launcher.core",
                    "launcher.provider.claude", "launcher.provider.codex", "org.slf4j.simple",
                    "pty4j", "com.sun.jna", "com.sun.jna.platform", "jdk.unsupported")) {
                assertTrue(modules.contains(module), module + " missing: " + modules);
            }
            assertFalse(modules.contains("java.desktop"), "java.desktop linked: " + modules);
            assertFalse(modules.contains("launcher.example.provider"),
                    "the example provider is linked: " + modules);
        }

        @ParameterizedTest
        @ValueSource(strings = {"pty4j", "com.sun.jna", "com.sun.jna.platform"})
        void describesAddedDescriptorAsExplicit(String module) throws Exception {
            Result result = ImageProcess.java("--describe-module", module);

            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stdout().startsWith(module + "@"), result.describe());
            assertFalse(result.stdout().contains("automatic"), result.describe());
        }

        @Test
        void pty4jExportsNativePackagesToJna() throws Exception {
            Result result = ImageProcess.java("--describe-module", "pty4j");

            List<String> lines = result.stdout().lines().map(String::trim).toList();
            assertTrue(lines.contains("exports com.pty4j"), result.describe());
            // launcher.app reads the pty's master descriptor from com.pty4j.unix. The targets
            // of a qualified export are printed in no fixed order.
            String unix = "qualified exports com.pty4j.unix to ";
            Set<String> unixTargets = lines.stream()
                    .filter(line -> line.startsWith(unix))
                    .flatMap(line -> Stream.of(line.substring(unix.length()).split(" ")))
                    .collect(Collectors.toSet());
            assertEquals(Set.of("com.sun.jna", "launcher.app"), unixTargets, result.describe());
            assertTrue(lines.contains("qualified exports com.pty4j.unix.linux to com.sun.jna"),
                    result.describe());
            assertTrue(lines.contains("qualified exports com.pty4j.windows.conpty to com.sun.jna"),
                    result.describe());
            assertFalse(lines.contains("exports com.pty4j.unix"), result.describe());
        }

        @Test
        void jnaRequiresDesktopOnlyStatically() throws Exception {
            Result result = ImageProcess.java("--describe-module", "com.sun.jna");

            List<String> lines = result.stdout().lines().map(String::trim).toList();
            assertTrue(lines.contains("requires java.desktop static"), result.describe());
        }

        @Test
        void bindsServiceProvidersAtStart() throws Exception {
            Map<String, String> environment = Map.of("LAUNCHER_JAVA_OPTS",
                    "--show-module-resolution");

            Result result = ImageProcess.launcher(environment, "--version");

            List<String> lines = result.stdout().lines().toList();
            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(
                    "org.slf4j binds org.slf4j.simple ")), result.describe());
            for (String provider : List.of("launcher.provider.claude", "launcher.provider.codex")) {
                assertTrue(lines.stream().anyMatch(line -> line.matches(
                        "[\\w.]+ binds " + Pattern.quote(provider) + " .*")),
                        provider + " not bound\n" + result.describe());
            }
        }
    }

    @Nested
    class NativeLibraries {

        @Test
        void shipsLibrariesAsFiles() {
            for (String library : List.of("lib/pty4j/linux/x86-64/libpty.so",
                    "lib/jna/libjnidispatch.so")) {
                assertTrue(Files.isRegularFile(IMAGE.resolve(library)), library + " missing");
            }
        }

        @Test
        void leavesNoCopyInsideModules() throws Exception {
            URI runtime = URI.create("jrt:/");
            Map<String, String> options = Map.of("java.home", IMAGE.toAbsolutePath().toString());

            try (FileSystem image = FileSystems.newFileSystem(runtime, options);
                    Stream<Path> files = Files.walk(image.getPath("/modules"))) {
                List<String> natives = files.map(Path::toString)
                        .filter(name -> name.endsWith(".so") || name.endsWith(".dll")
                                || name.endsWith(".dylib") || name.endsWith(".jnilib")
                                || name.endsWith(".a") || name.endsWith(".exe"))
                        .filter(name -> name.startsWith("/modules/pty4j/")
                                || name.startsWith("/modules/com.sun.jna/"))
                        .toList();
                assertEquals(List.of(), natives);
            }
        }
    }

    @Nested
    class Distribution {

        @Test
        void imageStaysUnderSizeLimit() throws IOException {
            long bytes;
            try (Stream<Path> files = Files.walk(IMAGE)) {
                bytes = files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                        .mapToLong(ImageTests::sizeOf)
                        .sum();
            }

            assertTrue(bytes < MAX_IMAGE_BYTES, "image is " + bytes + " bytes");
        }

        @Test
        void archiveKeepsExecutableStartScript() throws Exception {
            Path archive = Path.of(System.getProperty("launcher.archive"));
            String top = archive.getFileName().toString().replace(".tar.gz", "");

            Result listing = ImageProcess.run(Path.of("tar"), Map.of(), "-tvzf",
                    archive.toString());

            assertEquals(0, listing.exitCode(), listing.describe());
            String script = listing.stdout().lines()
                    .filter(line -> line.endsWith(" " + top + "/bin/launcher"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no bin/launcher in " + archive));
            assertTrue(script.startsWith("-rwxr-xr-x"), script);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError("failed to read the size of " + file, e);
        }
    }

    /** Copies the built image to {@code target}, keeping file modes. */
    private static Path copyImage(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(IMAGE)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(IMAGE.relativize(source).toString());
                Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(
                target.resolve("bin/launcher"));
        assertTrue(modes.contains(PosixFilePermission.OWNER_EXECUTE), "copy lost file modes");
        return target;
    }

    /** Returns what {@code bin/launcher --version} prints on stdout with the image as built. */
    private static String versionOutput(Path image) throws Exception {
        Result result = ImageProcess.run(image.resolve("bin/launcher"), Map.of(), "--version");
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().contains("launcher"), result.describe());
        return result.stdout();
    }
}
