package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.AuditEntry.Change;
import com.peakcommerce.useradmin.wiring.Ids;
import com.peakcommerce.useradmin.wiring.Settings;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/**
 * Audit entries as items (SPEC X3). Each is a new item under its subject's trail, written in the same
 * transaction as the change it records ({@link #put}), and deleted by TTL {@code AUDIT_RETENTION_DAYS}
 * days (default 365) after it was made.
 */
public final class AuditItems {
    /** How long entries are kept unless {@code AUDIT_RETENTION_DAYS} says otherwise (the template's {@code AuditRetentionDays}). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(365);

    private AuditItems() {}

    /** The retention {@code AUDIT_RETENTION_DAYS} of {@code settings} names, or the default. */
    public static Duration retention(Settings settings) {
        return settings.optional("AUDIT_RETENTION_DAYS").map(Integer::parseInt).map(Duration::ofDays).orElse(DEFAULT_RETENTION);
    }

    /** The transaction item that adds {@code entry}, kept {@code retention}; its key is new, so the condition only guards against a clash. */
    static TransactWriteItem put(String table, AuditEntry entry, Duration retention) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(entry, retention))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    static Map<String, AttributeValue> item(AuditEntry entry, Duration retention) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.auditEntry(entry, Ids.random()));
        item.put(ItemMapper.ENTITY, s("AUDIT"));
        item.put("tenantId", s(entry.tenantId()));
        item.put("subject", s(entry.subject().name()));
        item.put("subjectId", s(entry.subjectId()));
        item.put("action", s(entry.action().name()));
        item.put("actorId", s(entry.actorId()));
        item.put("at", s(entry.at().toString()));
        if (entry.requestId() != null) item.put("requestId", s(entry.requestId()));
        if (!entry.changes().isEmpty()) {
            Map<String, AttributeValue> changes = new HashMap<>();
            entry.changes().forEach((field, change) -> changes.put(field, AttributeValue.fromM(Map.of(
                    "before", value(change.before()), "after", value(change.after())))));
            item.put("changes", AttributeValue.fromM(changes));
        }
        if (!entry.details().isEmpty()) {
            Map<String, AttributeValue> details = new HashMap<>();
            entry.details().forEach((name, value) -> details.put(name, s(value)));
            item.put("details", AttributeValue.fromM(details));
        }
        item.put("expiresAt", ItemMapper.n(entry.at().plus(retention).getEpochSecond()));
        return item;
    }

    static AuditEntry entry(Map<String, AttributeValue> item) {
        Map<String, Change> changes = new TreeMap<>();
        if (item.containsKey("changes")) item.get("changes").m().forEach((field, change) ->
                changes.put(field, new Change(plain(change.m().get("before")), plain(change.m().get("after")))));
        Map<String, String> details = new TreeMap<>();
        if (item.containsKey("details")) item.get("details").m().forEach((name, value) -> details.put(name, value.s()));
        return new AuditEntry(ItemMapper.str(item, "tenantId"), AuditEntry.Subject.valueOf(ItemMapper.str(item, "subject")),
                ItemMapper.str(item, "subjectId"), AuditEntry.Action.valueOf(ItemMapper.str(item, "action")),
                ItemMapper.str(item, "actorId"), Instant.parse(ItemMapper.str(item, "at")), ItemMapper.str(item, "requestId"),
                new LinkedHashMap<>(changes), details);
    }

    private static AttributeValue value(Object value) {
        if (value == null) return AttributeValue.fromNul(true);
        if (value instanceof Boolean b) return AttributeValue.fromBool(b);
        return s(value instanceof Enum<?> e ? e.name() : value.toString());
    }

    private static Object plain(AttributeValue value) {
        if (value == null || Boolean.TRUE.equals(value.nul())) return null;
        if (value.bool() != null) return value.bool();
        return value.s();
    }
}
