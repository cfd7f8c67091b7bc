package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.Identifiers;
import com.peakcommerce.useradmin.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Opaque list cursors: a query's {@code LastEvaluatedKey} (string attributes only) with the index it
 * came from, base64url-encoded. A cursor is accepted only for the same index and the same index
 * partition, so one cannot be replayed against another list or tenant.
 */
final class Cursors {
    private static final Pattern NAME_KEY = Pattern.compile("^[^\\u0000]{0,1000}" + Keys.NAME_SEPARATOR + Identifiers.ID_PATTERN + "$");

    private Cursors() {}

    static String encode(Index index, Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) return null;
        Map<String, Object> key = new TreeMap<>();
        lastEvaluatedKey.forEach((name, value) -> key.put(name, value.s()));
        return pack(Map.of("i", index.indexName(), "k", key));
    }

    /** The start key for {@code index} in partition {@code partition}, or {@code null} for the first page. */
    static Map<String, AttributeValue> decode(String cursor, Index index, String partition, String tenantPrefix) {
        if (cursor == null) return null;
        try {
            if (unpack(cursor) instanceof Map<?, ?> map && index.indexName().equals(map.get("i")) && map.get("k") instanceof Map<?, ?> key
                    && key.size() == 4 && partition.equals(key.get(index.partitionKey()))
                    && key.get(Keys.PK) instanceof String pk && pk.startsWith(tenantPrefix)
                    && key.get(Keys.SK) instanceof String && key.get(index.sortKey()) instanceof String) {
                Map<String, AttributeValue> start = new HashMap<>();
                key.forEach((name, value) -> start.put((String) name, AttributeValue.fromS((String) value)));
                return start;
            }
        } catch (Exception malformed) {
            // fall through: any cursor we did not write for this list is refused alike
        }
        throw foreign();
    }

    /** A cursor of a Query on the table itself (no index): its {@code LastEvaluatedKey} is just pk and sk. */
    static String encodeTableKey(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) return null;
        return pack(Map.of("t", Map.of(Keys.PK, lastEvaluatedKey.get(Keys.PK).s(), Keys.SK, lastEvaluatedKey.get(Keys.SK).s())));
    }

    /**
     * The start key of a table Query in partition {@code partition} (which names its tenant), or
     * {@code null} for the first page; a cursor of any other partition or list is refused.
     */
    static Map<String, AttributeValue> decodeTableKey(String cursor, String partition) {
        if (cursor == null) return null;
        try {
            if (unpack(cursor) instanceof Map<?, ?> map && map.size() == 1 && map.get("t") instanceof Map<?, ?> key && key.size() == 2
                    && partition.equals(key.get(Keys.PK)) && key.get(Keys.SK) instanceof String sk) {
                return Map.of(Keys.PK, AttributeValue.fromS(partition), Keys.SK, AttributeValue.fromS(sk));
            }
        } catch (Exception malformed) {
            // fall through: any cursor we did not write for this list is refused alike
        }
        throw foreign();
    }

    /**
     * The cursor of a Partner Admin's "created or assigned" list (two index Queries merged): the name key
     * (last, first and id, see {@link Keys#nameKey}) the previous page ended at; both Queries start after it.
     */
    static String encodeRealm(String nameKey) {
        return pack(Map.of("i", "createdOrAssigned", "n", nameKey));
    }

    /** The name key a realm cursor carries, or {@code null} for the first page. */
    static String decodeRealm(String cursor) {
        if (cursor == null) return null;
        try {
            if (unpack(cursor) instanceof Map<?, ?> map && map.size() == 2 && "createdOrAssigned".equals(map.get("i"))
                    && map.get("n") instanceof String n && NAME_KEY.matcher(n).matches()) return n;
        } catch (Exception malformed) {
            // fall through: any cursor we did not write for this list is refused alike
        }
        throw foreign();
    }

    private static String pack(Map<String, Object> json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    private static Object unpack(String cursor) throws java.io.IOException {
        return Json.read(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
    }

    private static Invalid foreign() {
        return new Invalid("cursor", "cursor is not a cursor of this list; start again without it.");
    }
}
