package launcher.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import launcher.core.json.JsonTrees;
import launcher.core.json.MalformedJsonException;
import launcher.core.spi.AccountSnapshot;

/**
 * The parts of a Codex {@code auth.json} snapshot that identity and read-back look at. Every
 * accessor tolerates missing fields, values of the wrong JSON type and tokens that are not JWTs,
 * because Codex rewrites the file in place and newer versions change its shape.
 *
 * <p>Contains tokens, so {@link #toString()} leaves them out.
 */
final class CodexLogin {

    /** The claims that ChatGPT logins carry about the account, in the id token. */
    private static final String AUTH_CLAIMS = "https://api.openai.com/auth";

    /** The name that an error about a JWT's payload would give, which is never shown. */
    private static final Path JWT_PAYLOAD = Path.of("JWT payload");

    private final JsonNode fields;

    private CodexLogin(JsonNode fields) {
        this.fields = fields;
    }

    /** Reads the login fields out of a snapshot. */
    static CodexLogin of(AccountSnapshot snapshot) {
        return new CodexLogin(snapshot.fields(CodexProvider.AUTH_TARGET));
    }

    /** The kinds of login that {@code auth.json} can hold. */
    enum Kind {
        /** An API key in {@code OPENAI_API_KEY}. */
        API_KEY,
        /** ChatGPT tokens in {@code tokens}. */
        CHATGPT,
        /** Neither an API key nor tokens. */
        NONE
    }

    /**
     * Returns the kind of login. {@code auth_mode} decides when it is present; files written
     * without it count as a ChatGPT login when they have {@code tokens}.
     */
    Kind kind() {
        String mode = text(fields.get("auth_mode"));
        if ("apikey".equals(mode)) {
            return apiKey() == null ? Kind.NONE : Kind.API_KEY;
        }
        if ("chatgpt".equals(mode) || tokens().isObject()) {
            return Kind.CHATGPT;
        }
        return apiKey() == null ? Kind.NONE : Kind.API_KEY;
    }

    /**
     * Tells whether a ChatGPT login has lost its tokens: {@code tokens} is missing, or its access
     * or refresh token is missing or blank.
     */
    boolean emptied() {
        return kind() == Kind.CHATGPT
                && (tokenText("access_token") == null || tokenText("refresh_token") == null);
    }

    /**
     * Returns the stable account id: {@code apikey-} and 12 hex digits of the key's SHA-256 for
     * an API key, else {@code tokens.account_id}, else the {@code chatgpt_account_id} claim of the
     * id token. Returns null when none is known.
     */
    String accountId() {
        return switch (kind()) {
            case API_KEY -> "apikey-" + sha256Hex(apiKey()).substring(0, 12);
            case CHATGPT -> {
                String accountId = tokenText("account_id");
                yield accountId != null ? accountId : text(authClaims().get("chatgpt_account_id"));
            }
            case NONE -> null;
        };
    }

    String email() {
        return text(idTokenClaims().get("email"));
    }

    /** Returns the ChatGPT plan, or {@code api-key} for an API-key login. */
    String plan() {
        if (kind() == Kind.API_KEY) {
            return "api-key";
        }
        return text(authClaims().get("chatgpt_plan_type"));
    }

    /** Returns {@code last_refresh}, or null when it is missing or not an RFC 3339 time. */
    Instant lastRefresh() {
        String value = text(fields.get("last_refresh"));
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Returns the {@code exp} claim of the access token, or null when it has none. */
    Instant accessTokenExpiry() {
        JsonNode exp = jwtClaims(tokenText("access_token")).get("exp");
        if (exp == null || !exp.isNumber() || !exp.canConvertToLong()) {
            return null;
        }
        return Instant.ofEpochSecond(exp.asLong());
    }

    /** Tells whether both logins hold the same access token, refresh token and API key. */
    boolean sameSecrets(CodexLogin other) {
        return Objects.equals(tokenText("access_token"), other.tokenText("access_token"))
                && Objects.equals(tokenText("refresh_token"), other.tokenText("refresh_token"))
                && Objects.equals(apiKey(), other.apiKey());
    }

    private String apiKey() {
        return text(fields.get("OPENAI_API_KEY"));
    }

    private JsonNode tokens() {
        return fields.path("tokens");
    }

    private String tokenText(String name) {
        return text(tokens().get(name));
    }

    private JsonNode idTokenClaims() {
        return jwtClaims(tokenText("id_token"));
    }

    private JsonNode authClaims() {
        return idTokenClaims().path(AUTH_CLAIMS);
    }

    /**
     * Decodes the payload of a JWT without checking its signature, because the claims only name
     * the account. Returns a missing node when the token is not a JWT with a JSON object payload.
     */
    private static JsonNode jwtClaims(String token) {
        if (token == null) {
            return MissingNode.getInstance();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return MissingNode.getInstance();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            return JsonTrees.readObject(JWT_PAYLOAD, payload, JsonTrees.Duplicates.KEEP_LAST);
        } catch (IllegalArgumentException | MalformedJsonException e) {
            return MissingNode.getInstance();
        }
    }

    private static String text(JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        return value.asText();
    }

    private static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "CodexLogin[kind=" + kind() + ", accountId=" + accountId() + ", lastRefresh="
                + lastRefresh() + "]";
    }
}
