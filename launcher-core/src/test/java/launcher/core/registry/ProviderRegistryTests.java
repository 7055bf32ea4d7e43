package launcher.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.CredentialProvider;
import launcher.core.spi.Environment;
import launcher.core.spi.Identity;
import launcher.core.spi.LaunchSpec;
import launcher.core.spi.ReadBack;
import launcher.core.spi.SpiVersion;
import launcher.core.spi.Target;
import launcher.core.spi.TokenState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderRegistryTests {

    @TempDir
    static Path buildFolder;

    static ProviderModules modules;

    @TempDir
    Path pluginFolder;

    @BeforeAll
    static void buildModules() throws IOException {
        modules = ProviderModules.build(buildFolder, List.of(
                ProviderModules.provider("test.alpha", "alpha"),
                ProviderModules.provider("test.zeta", "zeta"),
                ProviderModules.provider("test.twin.one", "twin"),
                ProviderModules.provider("test.twin.two", "twin"),
                ProviderModules.provider("test.badid", "Bad_Id"),
                ProviderModules.provider("test.ctorfail", "return \"ctorfail\";",
                        "return SpiVersion.CURRENT;",
                        "throw new IllegalStateException(\"no configuration\");"),
                ProviderModules.provider("test.idfail",
                        "throw new IllegalStateException(\"id is not ready\");",
                        "return SpiVersion.CURRENT;", ""),
                ProviderModules.provider("test.newspi", "return \"newspi\";", "return 2;", ""),
                ProviderModules.failingInitializer("test.initfail"),
                ProviderModules.library("test.lib"),
                ProviderModules.requiring("test.needslib", "needslib", "test.lib"),
                ProviderModules.library("test.absent"),
                ProviderModules.requiring("test.needsabsent", "needsabsent", "test.absent")));
    }

    private ProviderRegistry discover(String... moduleNames) throws IOException {
        return ProviderRegistry.discover(List.of(modules.copyInto(pluginFolder, moduleNames)));
    }

    private static String problemText(ProviderRegistry registry) {
        return registry.problems().stream()
                .map(p -> p.source() + ": " + p.message() + " " + p.fix())
                .collect(Collectors.joining("\n"));
    }

    @Nested
    class WhenPluginJarsAreGood {

        @Test
        void loadsProviderWithItsOrigin() throws IOException {
            ProviderRegistry registry = discover("test.alpha");

            LoadedProvider alpha = registry.find("alpha").orElseThrow();
            assertEquals("Display of test.alpha", alpha.displayName());
            assertEquals("test.alpha", alpha.moduleName());
            assertEquals("1.2.0", alpha.version());
            String jar = pluginFolder.resolve("test.alpha.jar").toUri().toString();
            assertEquals(jar, alpha.location());
            assertEquals("alpha", alpha.provider().id());
            assertEquals(List.of(), registry.problems(), problemText(registry));
        }

        @Test
        void ordersProvidersById() throws IOException {
            ProviderRegistry registry = discover("test.zeta", "test.alpha");

            assertEquals(List.of("alpha", "zeta"), registry.ids());
            assertEquals(List.of("alpha", "zeta"),
                    registry.providers().stream().map(LoadedProvider::id).toList());
        }

        @Test
        void resolvesRequiredPluginLibrary() throws IOException {
            ProviderRegistry registry = discover("test.needslib", "test.lib");

            assertEquals(List.of("needslib"), registry.ids());
            assertEquals(List.of(), registry.problems(), problemText(registry));
        }

        @Test
        void skipsMissingPluginFolder() {
            ProviderRegistry registry =
                    ProviderRegistry.discover(List.of(pluginFolder.resolve("absent")));

            assertEquals(List.of(), registry.ids());
            assertEquals(List.of(), registry.problems());
        }

        @Test
        void ignoresFilesThatAreNotJars() throws IOException {
            modules.copyInto(pluginFolder, "test.alpha");
            Files.writeString(pluginFolder.resolve("README.txt"), "not a plugin");

            ProviderRegistry registry = ProviderRegistry.discover(List.of(pluginFolder));

            assertEquals(List.of("alpha"), registry.ids());
            assertEquals(List.of(), registry.problems(), problemText(registry));
        }
    }

    @Nested
    class WhenAPluginJarIsBroken {

        @Test
        void reportsFileThatIsNotJar() throws IOException {
            modules.copyInto(pluginFolder, "test.alpha");
            Path broken = Files.writeString(pluginFolder.resolve("broken.jar"), "plain text");

            ProviderRegistry registry = ProviderRegistry.discover(List.of(pluginFolder));

            assertEquals(List.of("alpha"), registry.ids());
            assertEquals(1, registry.problems().size(), problemText(registry));
            LoadProblem problem = registry.problems().getFirst();
            assertEquals(broken.toString(), problem.source());
            assertTrue(problem.message().startsWith(
                    "Plugin file " + broken + " is not a valid module jar"), problem.message());
        }

        @Test
        void reportsMissingRequirementByFile() throws IOException {
            ProviderRegistry registry = discover("test.alpha", "test.needsabsent");

            assertEquals(List.of("alpha"), registry.ids());
            assertEquals(1, registry.problems().size(), problemText(registry));
            LoadProblem problem = registry.problems().getFirst();
            assertEquals(pluginFolder.resolve("test.needsabsent.jar").toString(), problem.source());
            assertTrue(problem.message().contains("test.absent"), problem.message());
        }

        @Test
        void reportsModuleInTwoJars() throws IOException {
            modules.copyInto(pluginFolder, "test.alpha", "test.zeta");
            Files.copy(modules.jar("test.zeta"), pluginFolder.resolve("zeta-copy.jar"));

            ProviderRegistry registry = ProviderRegistry.discover(List.of(pluginFolder));

            assertEquals(List.of("alpha"), registry.ids());
            assertEquals(1, registry.problems().size(), problemText(registry));
            String message = registry.problems().getFirst().message();
            assertTrue(message.contains(pluginFolder.resolve("test.zeta.jar").toString()), message);
            assertTrue(message.contains(pluginFolder.resolve("zeta-copy.jar").toString()), message);
        }

        @Test
        void reportsPluginFolderThatIsFile() throws IOException {
            Path file = Files.writeString(pluginFolder.resolve("providers"), "");

            ProviderRegistry registry = ProviderRegistry.discover(List.of(file));

            assertEquals(1, registry.problems().size(), problemText(registry));
            assertEquals("Plugin folder " + file + " is not a directory.",
                    registry.problems().getFirst().message());
        }
    }

    @Nested
    class WhenAProviderMisbehaves {

        @Test
        void reportsThrowingConstructor() throws IOException {
            ProviderRegistry registry = discover("test.alpha", "test.ctorfail");

            assertEquals(List.of("alpha"), registry.ids());
            assertEquals(1, registry.problems().size(), problemText(registry));
            String message = registry.problems().getFirst().message();
            assertTrue(message.contains("module test.ctorfail@1.2.0"), message);
            assertTrue(message.contains("IllegalStateException: no configuration"), message);
        }

        @Test
        void reportsThrowingIdMethod() throws IOException {
            ProviderRegistry registry = discover("test.alpha", "test.idfail");

            assertEquals(List.of("alpha"), registry.ids());
            assertEquals(1, registry.problems().size(), problemText(registry));
            String message = registry.problems().getFirst().message();
            assertTrue(message.contains("module test.idfail"), message);
            assertTrue(message.contains("id is not ready"), message);
        }

        @Test
        void reportsFailingStaticInitializer() throws IOException {
            ProviderRegistry registry = discover("test.alpha", "test.initfail");

            assertEquals(List.of("alpha"), registry.ids());
            assertEquals(1, registry.problems().size(), problemText(registry));
            String message = registry.problems().getFirst().message();
            assertTrue(message.contains("module test.initfail"), message);
        }

        @Test
        void reportsInvalidIdFromJar() throws IOException {
            ProviderRegistry registry = discover("test.alpha", "test.badid");

            assertEquals(List.of("alpha"), registry.ids());
            assertEquals(1, registry.problems().size(), problemText(registry));
            String message = registry.problems().getFirst().message();
            assertTrue(message.contains("invalid id 'Bad_Id'"), message);
            assertTrue(message.contains("module test.badid"), message);
        }

        @Test
        void reportsOtherSpiVersion() throws IOException {
            ProviderRegistry registry = discover("test.alpha", "test.newspi");

            assertEquals(List.of("alpha"), registry.ids());
            assertEquals(1, registry.problems().size(), problemText(registry));
            LoadProblem problem = registry.problems().getFirst();
            assertEquals("newspi", problem.source());
            assertTrue(problem.message().contains("built for SPI version 2"), problem.message());
            assertTrue(problem.message().contains(
                    "implements SPI version " + SpiVersion.CURRENT), problem.message());
        }

        @Test
        void reportsDuplicateIdWithBothModules() throws IOException {
            ProviderRegistry registry = discover("test.alpha", "test.twin.one", "test.twin.two");

            assertEquals(List.of("alpha"), registry.ids());
            assertEquals(1, registry.problems().size(), problemText(registry));
            LoadProblem problem = registry.problems().getFirst();
            assertEquals("twin", problem.source());
            assertTrue(problem.message().contains("module test.twin.one@1.2.0"), problem.message());
            assertTrue(problem.message().contains("module test.twin.two@1.2.0"), problem.message());
        }

        @Test
        void keepsParentLayerProviderOnDuplicate() {
            ModuleLayer parent = layerOf(ModuleLayer.boot(), "test.twin.one");
            ModuleLayer child = layerOf(parent, "test.twin.two");

            ProviderRegistry registry = ProviderRegistry.load(List.of(child));

            assertEquals(List.of("twin"), registry.ids());
            assertEquals("test.twin.one", registry.find("twin").orElseThrow().moduleName());
            assertEquals(1, registry.problems().size(), problemText(registry));
            LoadProblem problem = registry.problems().getFirst();
            assertEquals("twin", problem.source());
            assertTrue(problem.message().startsWith(
                    "Provider id 'twin' of module test.twin.two@1.2.0"), problem.message());
            assertTrue(problem.message().contains(
                    "because module test.twin.one@1.2.0"), problem.message());
        }

        @Test
        void keepsGoodProvidersAmongManyBroken() throws IOException {
            ProviderRegistry registry = discover("test.alpha", "test.zeta", "test.ctorfail",
                    "test.idfail", "test.initfail", "test.newspi", "test.badid",
                    "test.twin.one", "test.twin.two", "test.needsabsent");

            assertEquals(List.of("alpha", "zeta"), registry.ids());
            assertEquals(7, registry.problems().size(), problemText(registry));
        }
    }

    @Nested
    class WhenProvidersAreGivenDirectly {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"Claude", "1st", "has space", "under_score", "-dash",
            "abcdefghijklmnopqrstuvwxyz0123456"})
        void rejectsInvalidId(String id) {
            ProviderRegistry registry = ProviderRegistry.of(List.of(new FixedProvider(id, 1)));

            assertEquals(List.of(), registry.ids());
            assertEquals(1, registry.problems().size(), problemText(registry));
            String quoted = id == null ? "null" : "'" + id + "'";
            assertTrue(registry.problems().getFirst().message().contains("invalid id " + quoted),
                    registry.problems().getFirst().message());
        }

        @ParameterizedTest
        @ValueSource(strings = {"a", "codex", "my-cli-2", "abcdefghijklmnopqrstuvwxyz012345"})
        void acceptsValidId(String id) {
            ProviderRegistry registry = ProviderRegistry.of(List.of(new FixedProvider(id, 1)));

            assertEquals(List.of(id), registry.ids());
        }

        @Test
        void reportsModuleOfGivenInstance() {
            ProviderRegistry registry = ProviderRegistry.of(List.of(new FixedProvider("fixed", 1)));

            LoadedProvider fixed = registry.find("fixed").orElseThrow();
            assertEquals("fixed", fixed.displayName());
            assertEquals("launcher.core", fixed.moduleName());
        }

        @Test
        void rejectsDuplicateInstances() {
            ProviderRegistry registry = ProviderRegistry.of(List.of(
                    new FixedProvider("same", 1), new FixedProvider("same", 1),
                    new FixedProvider("other", 1)));

            assertEquals(List.of("other"), registry.ids());
            assertEquals(1, registry.problems().size(), problemText(registry));
        }

        @Test
        void rejectsOldSpiVersion() {
            ProviderRegistry registry = ProviderRegistry.of(List.of(new FixedProvider("old", 0)));

            assertEquals(List.of(), registry.ids());
            assertTrue(registry.problems().getFirst().message().contains("SPI version 0"),
                    problemText(registry));
        }
    }

    /** Defines a layer on top of {@code parent} that contains one of the built modules. */
    private static ModuleLayer layerOf(ModuleLayer parent, String moduleName) {
        Configuration configuration = parent.configuration().resolve(
                ModuleFinder.of(modules.jar(moduleName)), ModuleFinder.of(), Set.of(moduleName));
        return parent.defineModulesWithOneLoader(
                configuration, ClassLoader.getSystemClassLoader());
    }

    /** A provider with a given id and SPI version whose other methods are never called. */
    private record FixedProvider(String id, int spiVersion) implements CredentialProvider {

        @Override
        public String displayName() {
            return "";
        }

        @Override
        public List<Target> targets(Environment environment) {
            throw new UnsupportedOperationException("registry tests never call it");
        }

        @Override
        public Environment inFolder(Environment environment, Path folder) {
            throw new UnsupportedOperationException("registry tests never call it");
        }

        @Override
        public Identity identify(AccountSnapshot snapshot) {
            throw new UnsupportedOperationException("registry tests never call it");
        }

        @Override
        public ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) {
            throw new UnsupportedOperationException("registry tests never call it");
        }

        @Override
        public TokenState tokenState(AccountSnapshot snapshot) {
            throw new UnsupportedOperationException("registry tests never call it");
        }

        @Override
        public LaunchSpec launchSpec(Environment environment) {
            throw new UnsupportedOperationException("registry tests never call it");
        }
    }
}
