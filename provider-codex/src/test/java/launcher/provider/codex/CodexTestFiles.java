package launcher.provider.codex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import launcher.core.spi.AccountSnapshot;

/**
 * Reads the test files under {@code src/test/resources} and builds the unsigned JWTs and
 * snapshots that the tests use.
 */
final class CodexTestFiles {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static final String CAROL_ACCOUNT = "acct-test-carol-0001";

    /** The {@code exp} of Carol's access token, in epoch seconds. */
    static final long CAROL_EXPIRY = 1_797_500_000L;

    private CodexTestFiles() {
    }

    /** Returns the text of a test file, such as {@code auth-apikey.json}. */
    static String text(String name) {
        try (InputStream in = CodexTestFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON text into an object. */
    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns an unsigned JWT whose payload is {@code claims}. */
    static String jwt(Map<String, Object> claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"test\"}";
        try {
            byte[] payload = MAPPER.writeValueAsBytes(claims);
            return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + encoder.encodeToString(payload) + "."
                    + encoder.encodeToString("not-a-signature".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns an id token with the usual ChatGPT claims. */
    static String idToken(String email, String accountId, String plan) {
        return jwt(Map.of(
                "email", email,
                "email_verified", true,
                "exp", CAROL_EXPIRY,
                "https://api.openai.com/auth", Map.of(
                        "chatgpt_account_id", accountId,
                        "chatgpt_plan_type", plan,
                        "chatgpt_user_id", "user-test-0001")));
    }

    /** Returns an access token that expires at {@code exp}, in epoch seconds. */
    static String accessToken(long exp, String accountId) {
        return jwt(Map.of(
                "exp", exp,
                "https://api.openai.com/auth", Map.of("chatgpt_account_id", accountId)));
    }

    /** Returns Carol's ChatGPT {@code auth.json} text. */
    static String carolAuthText() {
        return text("auth-chatgpt.json")
                .replace("${ID_TOKEN}", idToken("carol.nguyen@example.com", CAROL_ACCOUNT, "plus"))
                .replace("${ACCESS_TOKEN}", accessToken(CAROL_EXPIRY, CAROL_ACCOUNT));
    }

    /** Returns Carol's ChatGPT {@code auth.json}. */
    static ObjectNode carolAuth() {
        return parse(carolAuthText());
    }

    /** Returns Dave's API-key {@code auth.json}. */
    static ObjectNode daveAuth() {
        return parse(text("auth-apikey.json"));
    }

    /** Returns the account fields of an {@code auth.json}, as the core reads them. */
    static AccountSnapshot snapshot(ObjectNode auth) {
        ObjectNode fields = MAPPER.createObjectNode();
        for (String name : new String[] {"auth_mode", "OPENAI_API_KEY", "tokens", "last_refresh"}) {
            if (auth.has(name)) {
                fields.set(name, auth.get(name));
            }
        }
        return new AccountSnapshot(Map.of(CodexProvider.AUTH_TARGET, fields));
    }

    /** Returns the snapshot of Carol's file after changing a copy of it. */
    static AccountSnapshot carolWith(Consumer<ObjectNode> edit) {
        ObjectNode auth = carolAuth();
        edit.accept(auth);
        return snapshot(auth);
    }

    /** Returns the {@code tokens} object of an {@code auth.json}. */
    static ObjectNode tokens(ObjectNode auth) {
        return (ObjectNode) auth.get("tokens");
    }
}
