package launcher.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import launcher.core.json.IndentedJson;
import launcher.core.json.JsonTrees;
import launcher.core.json.MalformedJsonException;
import launcher.core.spi.AccountSnapshot;
import launcher.core.spi.Identity;

/**
 * The content of one provider's store file, and its JSON form.
 *
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "provider": "claude",
 *   "defaultAccount": "work",
 *   "liveFiles": { "/home/me/.claude/.credentials.json": "work" },
 *   "pendingFiles": { "/home/me/.claude/.credentials.json": "personal" },
 *   "accounts": {
 *     "work": {
 *       "identity": { "accountId": "...", "email": "...", "organization": "...", "plan": "..." },
 *       "createdAt": "2026-01-02T03:04:05Z",
 *       "updatedAt": "2026-01-02T03:04:05Z",
 *       "snapshot": { "credentials": { "claudeAiOauth": { ... } } }
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>The keys of {@code liveFiles} and {@code pendingFiles} are paths of the CLI's files, as
 * {@link AccountStore} derives them. Version 1 of the layout kept one record per target id
 * instead, {@code "liveAccounts": { "credentials": "work" }} and {@code "pendingSwitch":
 * "personal"}, whichever folder the target was in. Such records are still read, for files that
 * have no record of their own, and written back until a sync replaces them.
 */
final class StoreFile {

    /** The version of the layout above; files with a higher version are rejected, not rewritten. */
    static final int SCHEMA_VERSION = 2;

    final String providerId;
    final Map<String, StoredAccount> accounts = new TreeMap<>();
    String defaultAccount;

    /** The account last synced into each file, by the file's key. */
    final Map<String, String> liveFiles = new TreeMap<>();

    /**
     * The account that a sync began to write into each file without recording it as live, by the
     * file's key. While a file has one, it may mix the fields of two accounts.
     */
    final Map<String, String> pendingFiles = new TreeMap<>();

    /** The version 1 record of the account last synced into each target, by target id. */
    final Map<String, String> liveByTargetId = new TreeMap<>();

    /**
     * The version 1 record of an unfinished switch, which applies to every file of the provider,
     * or null.
     */
    String pendingForAllFiles;

    StoreFile(String providerId) {
        this.providerId = providerId;
    }

    /** Returns a copy whose maps can be changed without changing this file's. */
    StoreFile copy() {
        StoreFile copy = new StoreFile(providerId);
        copy.accounts.putAll(accounts);
        copy.defaultAccount = defaultAccount;
        copy.liveFiles.putAll(liveFiles);
        copy.pendingFiles.putAll(pendingFiles);
        copy.liveByTargetId.putAll(liveByTargetId);
        copy.pendingForAllFiles = pendingForAllFiles;
        return copy;
    }

    /**
     * Parses a store file.
     *
     * @throws StoreException when the file is not valid JSON, does not have the layout above, or
     *     was written by a newer launcher. The message names the file and the member, never a
     *     value
     */
    static StoreFile parse(Path file, String providerId, byte[] content) {
        ObjectNode root;
        try {
            root = JsonTrees.readObject(file, content, JsonTrees.Duplicates.REJECT);
        } catch (MalformedJsonException e) {
            throw invalid(file, "it is not a valid JSON object (" + e.problem() + " at line "
                    + e.line() + ", column " + e.column() + ")", null);
        }

        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
            throw invalid(file, "schemaVersion is missing or not a whole number", null);
        }
        if (version.intValue() > SCHEMA_VERSION) {
            throw new StoreException(
                    "The account store file " + file + " has schema version " + version.intValue()
                            + ", newer than version " + SCHEMA_VERSION
                            + " that this launcher reads, so it was left unchanged",
                    "Use the newer launcher that wrote it, or upgrade this one.");
        }
        if (version.intValue() < 1) {
            throw invalid(file, "schemaVersion must be at least 1", null);
        }

        String owner = optionalText(file, root, "provider", "provider");
        if (owner != null && !owner.equals(providerId)) {
            throw invalid(file, "its provider member names another provider than " + providerId,
                    null);
        }

        StoreFile store = new StoreFile(providerId);
        store.defaultAccount = optionalText(file, root, "defaultAccount", "defaultAccount");
        readStrings(file, root, "liveFiles", store.liveFiles);
        readStrings(file, root, "pendingFiles", store.pendingFiles);
        readStrings(file, root, "liveAccounts", store.liveByTargetId);
        store.pendingForAllFiles = optionalText(file, root, "pendingSwitch", "pendingSwitch");
        JsonNode accounts = objectOrEmpty(file, root, "accounts");
        accounts.properties().forEach(entry -> store.accounts.put(
                entry.getKey(), parseAccount(file, entry.getKey(), entry.getValue())));

        if (store.defaultAccount != null && !store.accounts.containsKey(store.defaultAccount)) {
            throw invalid(file, "defaultAccount names no stored account", null);
        }
        return store;
    }

    /** Puts the members of the object {@code member} of {@code root}, all strings, into a map. */
    private static void readStrings(
            Path file, JsonNode root, String member, Map<String, String> into) {
        objectOrEmpty(file, root, member).properties().forEach(entry -> {
            if (!entry.getValue().isTextual()) {
                throw invalid(file, member + "." + entry.getKey() + " is not a string", null);
            }
            into.put(entry.getKey(), entry.getValue().textValue());
        });
    }

    private static StoredAccount parseAccount(Path file, String name, JsonNode node) {
        String prefix = "accounts." + name;
        if (!node.isObject()) {
            throw invalid(file, prefix + " is not an object", null);
        }

        JsonNode identityNode = node.get("identity");
        if (identityNode == null || !identityNode.isObject()) {
            throw invalid(file, prefix + ".identity is missing or not an object", null);
        }
        String accountId = optionalText(file, identityNode, prefix + ".identity", "accountId");
        if (accountId == null || accountId.isBlank()) {
            throw invalid(file, prefix + ".identity.accountId is missing or blank", null);
        }
        Identity identity = new Identity(
                accountId,
                optionalText(file, identityNode, prefix + ".identity", "email"),
                optionalText(file, identityNode, prefix + ".identity", "organization"),
                optionalText(file, identityNode, prefix + ".identity", "plan"));

        JsonNode snapshotNode = node.get("snapshot");
        if (snapshotNode == null || !snapshotNode.isObject()) {
            throw invalid(file, prefix + ".snapshot is missing or not an object", null);
        }
        Map<String, ObjectNode> fields = new LinkedHashMap<>();
        snapshotNode.properties().forEach(entry -> {
            if (!(entry.getValue() instanceof ObjectNode object)) {
                throw invalid(file, prefix + ".snapshot." + entry.getKey() + " is not an object",
                        null);
            }
            fields.put(entry.getKey(), object);
        });

        return new StoredAccount(
                name,
                identity,
                new AccountSnapshot(fields),
                instant(file, node, prefix, "createdAt"),
                instant(file, node, prefix, "updatedAt"));
    }

    /** Returns the file's bytes: indented JSON, accounts ordered by name, ending in a newline. */
    byte[] toBytes() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("provider", providerId);
        if (defaultAccount != null) {
            root.put("defaultAccount", defaultAccount);
        }
        ObjectNode live = root.putObject("liveFiles");
        liveFiles.forEach(live::put);
        if (!pendingFiles.isEmpty()) {
            ObjectNode pending = root.putObject("pendingFiles");
            pendingFiles.forEach(pending::put);
        }
        if (!liveByTargetId.isEmpty()) {
            ObjectNode byTargetId = root.putObject("liveAccounts");
            liveByTargetId.forEach(byTargetId::put);
        }
        if (pendingForAllFiles != null) {
            root.put("pendingSwitch", pendingForAllFiles);
        }

        ObjectNode accountsNode = root.putObject("accounts");
        accounts.forEach((name, account) -> {
            ObjectNode node = accountsNode.putObject(name);
            ObjectNode identity = node.putObject("identity");
            identity.put("accountId", account.identity().accountId());
            account.identity().optionalEmail().ifPresent(email -> identity.put("email", email));
            account.identity().optionalOrganization()
                    .ifPresent(organization -> identity.put("organization", organization));
            account.identity().optionalPlan().ifPresent(plan -> identity.put("plan", plan));
            node.put("createdAt", account.createdAt().toString());
            node.put("updatedAt", account.updatedAt().toString());
            ObjectNode snapshot = node.putObject("snapshot");
            account.snapshot().toMap().forEach(snapshot::set);
        });

        try {
            String json = IndentedJson.WRITER.writeValueAsString(root) + "\n";
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of JSON nodes always serialises", e);
        }
    }

    private static JsonNode objectOrEmpty(Path file, JsonNode parent, String member) {
        JsonNode node = parent.get(member);
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw invalid(file, member + " is not an object", null);
        }
        return node;
    }

    private static String optionalText(Path file, JsonNode parent, String label, String member) {
        JsonNode node = parent.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            String where = label.equals(member) ? member : label + "." + member;
            throw invalid(file, where + " is not a string", null);
        }
        return node.textValue();
    }

    private static Instant instant(Path file, JsonNode node, String prefix, String member) {
        JsonNode value = node.get(member);
        if (value == null || !value.isTextual()) {
            throw invalid(file, prefix + "." + member + " is missing or not a string", null);
        }
        try {
            return Instant.parse(value.textValue());
        } catch (DateTimeParseException e) {
            throw invalid(file, prefix + "." + member + " is not an ISO-8601 instant", null);
        }
    }

    private static StoreException invalid(Path file, String problem, Throwable cause) {
        return new StoreException(
                "The account store file " + file + " is invalid: " + problem
                        + ". It was left unchanged",
                "Fix or restore " + file + " from a backup, or move it away and import the"
                        + " accounts again.",
                cause);
    }
}
