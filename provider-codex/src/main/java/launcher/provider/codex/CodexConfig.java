package launcher.provider.codex;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Checks Codex's {@code config.toml} for settings that keep the login out of auth.json. */
final class CodexConfig {

    /** The setting that moves the login out of auth.json. */
    private static final String STORE_SETTING = "cli_auth_credentials_store";

    /** The effect of each value of {@code cli_auth_credentials_store} other than {@code file}. */
    private static final Map<String, String> STORE_EFFECTS = Map.of(
            "keyring", "Codex reads its login from the OS keyring and ignores auth.json",
            "auto", "Codex uses the OS keyring when one is available and then ignores auth.json",
            "ephemeral", "Codex keeps its login in memory only and ignores auth.json");

    private CodexConfig() {
    }

    /**
     * Returns one warning when {@code configFile} moves the login out of auth.json or cannot be
     * parsed, and none when the file is missing or keeps the login in auth.json.
     */
    static List<String> warnings(Path configFile) {
        if (!Files.isRegularFile(configFile)) {
            return List.of();
        }

        String text;
        try {
            text = Files.readString(configFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("Cannot read " + configFile + " (" + e.getClass().getSimpleName()
                    + "), so it is unknown whether Codex keeps its login in auth.json; make the "
                    + "file readable.");
        }
        // A file that never spells the setting's name cannot set it, so it is not parsed:
        // building a TomlMapper took about 40 ms of a launch. NOTE: a quoted key that spells
        // the name with a TOML escape sequence is not found.
        if (!text.contains(STORE_SETTING)) {
            return List.of();
        }

        JsonNode config;
        try {
            config = new TomlMapper().readTree(text);
        } catch (StreamReadException e) {
            // The parser's message can quote the file, which may hold secrets: report the line.
            JsonLocation location = e.getLocation();
            String line = location == null || location.getLineNr() < 1
                    ? ""
                    : " at line " + location.getLineNr();
            return List.of(configFile + " is not valid TOML" + line + ", so it is unknown whether "
                    + "Codex keeps its login in auth.json; fix the file.");
        } catch (IOException e) {
            return List.of("Cannot parse " + configFile + " (" + e.getClass().getSimpleName()
                    + "), so it is unknown whether Codex keeps its login in auth.json; fix the "
                    + "file.");
        }

        JsonNode store = config == null ? null : config.get(STORE_SETTING);
        if (store == null || !store.isTextual() || !STORE_EFFECTS.containsKey(store.asText())) {
            return List.of();
        }
        return List.of(configFile + " sets cli_auth_credentials_store = \"" + store.asText()
                + "\", so " + STORE_EFFECTS.get(store.asText()) + "; set it to \"file\" to use "
                + "the synced account.");
    }
}
