package launcher.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * Real provider modules for the registry tests and the image tests, compiled from source with
 * {@code javac} in one run and packed into modular jar files with {@code jar}.
 */
public final class ProviderModules {

    /** A provider module: its name, its requirements besides the core, and its provider code. */
    public record Module(String name, List<String> requires, String providerClass) {
    }

    private final Path jarFolder;

    private ProviderModules(Path jarFolder) {
        this.jarFolder = jarFolder;
    }

    /**
     * Compiles every module in {@code modules} against the test's own module path and packs each
     * into {@code <name>.jar}.
     */
    static ProviderModules build(Path workFolder, List<Module> modules) throws IOException {
        return build(workFolder, System.getProperty("jdk.module.path"), modules);
    }

    /**
     * Compiles every module in {@code modules} against {@code modulePath}, which must contain
     * {@code launcher.core} and the Jackson modules it requires, and packs each into
     * {@code <name>.jar}.
     */
    public static ProviderModules build(Path workFolder, String modulePath, List<Module> modules)
            throws IOException {
        Path sources = workFolder.resolve("src");
        List<String> arguments = new ArrayList<>(List.of(
                "-d", workFolder.resolve("classes").toString(),
                "--module-source-path", sources.toString(),
                "--module-path", modulePath));
        for (Module module : modules) {
            Path root = sources.resolve(module.name());
            Files.createDirectories(root.resolve("provider"));
            Files.writeString(root.resolve("module-info.java"), moduleInfo(module));
            if (module.providerClass() != null) {
                Path source = root.resolve("provider/TestProvider.java");
                Files.writeString(source, module.providerClass());
                arguments.add(source.toString());
            }
            arguments.add(root.resolve("module-info.java").toString());
        }
        run("javac", arguments);

        Path jars = Files.createDirectories(workFolder.resolve("jars"));
        for (Module module : modules) {
            run("jar", List.of(
                    "--create",
                    "--file", jars.resolve(module.name() + ".jar").toString(),
                    "--module-version", "1.2.0",
                    "-C", workFolder.resolve("classes").resolve(module.name()).toString(), "."));
        }
        return new ProviderModules(jars);
    }

    /** Copies the named modules' jars into {@code folder} and returns the folder. */
    public Path copyInto(Path folder, String... moduleNames) throws IOException {
        Files.createDirectories(folder);
        for (String name : moduleNames) {
            Files.copy(jar(name), folder.resolve(name + ".jar"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return folder;
    }

    /** Returns the jar file of one module. */
    public Path jar(String moduleName) {
        return jarFolder.resolve(moduleName + ".jar");
    }

    /** Returns a module whose provider has the given id and the given method bodies. */
    public static Module provider(
            String name, String idBody, String spiBody, String constructorBody) {
        String source = providerClass(name, idBody, spiBody, constructorBody, "");
        return new Module(name, List.of(), source);
    }

    /** Returns a well-behaved provider module with the given id. */
    public static Module provider(String name, String id) {
        return provider(name, "return \"" + id + "\";", "return SpiVersion.CURRENT;", "");
    }

    /** Returns a module that contains no provider. */
    public static Module library(String name) {
        return new Module(name, List.of(), null);
    }

    /** Returns a well-behaved provider module that also requires other modules. */
    public static Module requiring(String name, String id, String... requires) {
        return new Module(name, List.of(requires), providerClass(
                name, "return \"" + id + "\";", "return SpiVersion.CURRENT;", "", ""));
    }

    /** Returns a provider module whose class fails in its static initializer. */
    public static Module failingInitializer(String name) {
        return new Module(name, List.of(), providerClass(
                name, "return \"never\";", "return SpiVersion.CURRENT;", "",
                "static { if (Boolean.parseBoolean(\"true\")) {"
                        + " throw new IllegalStateException(\"static setup failed\"); } }"));
    }

    private static String moduleInfo(Module module) {
        StringBuilder info = new StringBuilder("module " + module.name() + " {\n");
        info.append("    requires launcher.core;\n");
        module.requires().forEach(r -> info.append("    requires ").append(r).append(";\n"));
        if (module.providerClass() != null) {
            info.append("    provides launcher.core.spi.CredentialProvider with")
                    .append(" provider.TestProvider;\n");
        }
        return info.append("}\n").toString();
    }

    private static String providerClass(
            String module, String idBody, String spiBody, String constructorBody, String extra) {
        String unused =
                "throw new UnsupportedOperationException(\"only the load checks call it\");";
        return """
                package provider;

                import java.nio.file.Path;
                import java.util.List;
                import launcher.core.spi.*;

                public class TestProvider implements CredentialProvider {
                    %s
                    public TestProvider() { %s }
                    public String id() { %s }
                    public String displayName() { return "Display of %s"; }
                    public int spiVersion() { %s }
                    public List<Target> targets(Environment environment) { %s }
                    public Environment inFolder(Environment environment, Path folder) { %s }
                    public Identity identify(AccountSnapshot snapshot) { %s }
                    public ReadBack readBack(AccountSnapshot stored, AccountSnapshot onDisk) { %s }
                    public TokenState tokenState(AccountSnapshot snapshot) { %s }
                    public LaunchSpec launchSpec(Environment environment) { %s }
                }
                """.formatted(extra, constructorBody, idBody, module, spiBody,
                unused, unused, unused, unused, unused, unused);
    }

    private static void run(String toolName, List<String> arguments) {
        ToolProvider tool = ToolProvider.findFirst(toolName).orElseThrow(
                () -> new IllegalStateException("The JDK tool " + toolName + " is missing"));
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output);
        int exitCode = tool.run(writer, writer, arguments.toArray(String[]::new));
        writer.flush();
        assertEquals(0, exitCode, toolName + " failed:\n" + output);
    }
}
