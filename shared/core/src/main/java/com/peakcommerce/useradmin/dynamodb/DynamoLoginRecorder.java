package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.Login;
import com.peakcommerce.useradmin.domain.Tenant;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserStatus;
import com.peakcommerce.useradmin.ports.LoginRecorder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.n;
import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/**
 * The table adapter of {@link LoginRecorder}: an ordinary login is one {@code UpdateItem} on the user's
 * record; the flip to verified is that update and its audit entry in one {@code TransactWriteItems}.
 *
 * <p>The condition lets a login through only for a user that exists, is neither suspended nor provisioning,
 * and has recorded fewer logins than the report counts: so the same login reported twice (the Action's
 * retry, a replayed request, the Action and a log stream both) changes nothing the second time (and
 * writes no second entry), and an older login arriving late cannot set the clock back. The update sets
 * the last login and the count and increments {@code version}: an admin's edit is a Put conditional on
 * the version read, so one that read the user before the login fails (412) instead of undoing a flip.
 *
 * <p>An update expression cannot choose its own assignments, so there are two shapes. <em>Record</em>
 * sets last login and count, under the condition that the user is verified already or
 * {@link Login#verifies} does not hold; it returns the record ({@code ALL_OLD}), whose role the token's
 * claims need. It is always tried first, so every login that does not flip is one request. When it fails,
 * the item that comes back with the failure ({@code ALL_OLD}, no read) says why; if the login flips the
 * user, <em>flip</em> follows: the same update that also sets {@code verified}, {@code status} and the
 * byStatus key, conditional on the version just returned (so the record as written is that item with
 * what the update set: a transaction returns no attributes), together with the
 * {@link AuditEntry.Action#FIRST_LOGIN_VERIFIED} entry by {@link AuditEntry#AUTH0}. So a flip costs two
 * requests, once per user (and once more after each username change).
 */
public final class DynamoLoginRecorder implements LoginRecorder {
    /** Each further attempt needs the record to have changed in between; three is more than races allow. */
    private static final int ATTEMPTS = 3;
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamo;
    private final String table;
    private final java.time.Duration auditRetention;

    public DynamoLoginRecorder(DynamoDbClient dynamo, String table) { this(new Table(dynamo, table)); }

    /** On {@code table}, its audit entries kept as long as the table says. */
    public DynamoLoginRecorder(Table table) {
        this.dynamo = table.dynamo();
        this.table = table.name();
        this.auditRetention = table.auditRetention();
    }

    @Override
    public Recorded record(Login login) {
        User flipFrom = null; // the record as last read, when the login flips it
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> old;
            try {
                if (flipFrom == null) {
                    User before = ItemMapper.user(dynamo.updateItem(request(login, null)).attributes());
                    return new Recorded(true, false, Optional.of(after(before, login, false)));
                }
                flip(login, flipFrom);
                return new Recorded(true, true, Optional.of(after(flipFrom, login, true)));
            } catch (ConditionalCheckFailedException e) {
                old = e.item();
            } catch (TransactionCanceledException e) {
                CancellationReason update = e.cancellationReasons().getFirst();
                if (!CONDITIONAL_CHECK_FAILED.equals(update.code())) throw e;
                old = update.item();
            }
            if (old == null || old.isEmpty()) return new Recorded(false, false, Optional.empty());
            User current = ItemMapper.user(old);
            if (current.suspended() || current.provisioning() || current.loginCount() >= login.loginsCount()) {
                return new Recorded(false, false, Optional.of(current));
            }
            if (attempt == ATTEMPTS) throw new IllegalStateException("The login of user " + login.userId() + " lost " + ATTEMPTS + " races");
            flipFrom = !current.verified() && login.verifies(current) ? current : null;
        }
    }

    /** The flip of {@code before} (as just read) and its audit entry, in one transaction. */
    private void flip(Login login, User before) {
        UpdateItemRequest request = request(login, before);
        TransactWriteItem update = TransactWriteItem.builder().update(Update.builder().tableName(table).key(request.key())
                .conditionExpression(request.conditionExpression())
                .updateExpression(request.updateExpression())
                .expressionAttributeNames(request.expressionAttributeNames())
                .expressionAttributeValues(request.expressionAttributeValues())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
        AuditEntry entry = new AuditEntry(login.tenantId(), AuditEntry.Subject.USER, login.userId(), AuditEntry.Action.FIRST_LOGIN_VERIFIED,
                AuditEntry.AUTH0, login.at(), login.requestId(),
                Map.of("status", new AuditEntry.Change(before.status().name(), UserStatus.ACTIVE_VERIFIED.name())),
                Map.of("loginsCount", Long.toString(login.loginsCount())));
        dynamo.transactWriteItems(b -> b.transactItems(update, AuditItems.put(table, entry, auditRetention)));
    }

    @Override
    public Optional<String> tenantOf(String userId) {
        QueryResponse response = dynamo.query(q -> q.tableName(table).indexName(UserIdIndex.NAME)
                .keyConditionExpression("#id = :id AND #entity = :entity")
                .expressionAttributeNames(Map.of("#id", UserIdIndex.PARTITION_KEY, "#entity", UserIdIndex.SORT_KEY))
                .expressionAttributeValues(Map.of(":id", s(userId), ":entity", s("USER")))
                .limit(2));
        List<Map<String, AttributeValue>> items = response.items();
        if (items.size() != 1) return Optional.empty(); // none, or (never issued) one id in two tenants
        return tenantOfKey(ItemMapper.str(items.getFirst(), Keys.PK), userId);
    }

    /**
     * One GetItem of the tenant record that reads its {@code connection} only (the hook's policy allows no
     * other attribute). A record written before connections were per tenant has the default name.
     */
    @Override
    public Optional<String> connectionOf(String tenantId) {
        var item = dynamo.getItem(g -> g.tableName(table).key(Keys.tenant(tenantId))
                .projectionExpression("#id, #connection").expressionAttributeNames(Map.of("#id", "id", "#connection", "connection"))).item();
        if (item == null || !item.containsKey("id")) return Optional.empty();
        String connection = ItemMapper.str(item, "connection");
        return Optional.of(connection != null ? connection : Tenant.defaultConnection(tenantId));
    }

    /** The tenant of a user's key {@code TENANT#<tenant>#USER#<id>}, if it is one. */
    static Optional<String> tenantOfKey(String pk, String userId) {
        String prefix = "TENANT#";
        String suffix = "#USER#" + userId;
        if (pk == null || !pk.startsWith(prefix) || !pk.endsWith(suffix) || pk.length() <= prefix.length() + suffix.length()) {
            return Optional.empty();
        }
        String tenant = pk.substring(prefix.length(), pk.length() - suffix.length());
        return Keys.user(tenant, userId).get(Keys.PK).s().equals(pk) ? Optional.of(tenant) : Optional.empty();
    }

    /** The record shape ({@code flipFrom} null), or the flip of {@code flipFrom}, pinned to its version. */
    private UpdateItemRequest request(Login login, User flipFrom) {
        boolean flip = flipFrom != null;
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#pk", Keys.PK);
        names.put("#suspended", "suspended");
        names.put("#provisioning", "provisioning");
        names.put("#loginCount", "loginCount");
        names.put("#verified", "verified");
        names.put("#lastLoginAt", "lastLoginAt");
        names.put("#version", "version");
        values.put(":false", AttributeValue.fromBool(false));
        values.put(":true", AttributeValue.fromBool(true));
        values.put(":count", n(login.loginsCount()));
        values.put(":zero", n(0));
        values.put(":one", n(1));
        values.put(":at", s(login.at().toString()));

        // Login.verifies, as a condition on the stored record.
        String verifies = "#loginCount = :zero";
        if (login.emailVerified() && login.email() != null) {
            names.put("#usernameKey", Index.BY_USERNAME.sortKey());
            values.put(":email", s(User.usernameKey(login.email())));
            verifies += " OR #usernameKey = :email";
        }
        String condition = "attribute_exists(#pk) AND #suspended = :false AND #provisioning = :false AND #loginCount < :count AND "
                + (flip ? "#verified = :false AND (" + verifies + ") AND #version = :version" : "(#verified = :true OR NOT (" + verifies + "))");
        if (flip) values.put(":version", n(flipFrom.version()));
        String update;
        if (!flip) {
            // Blind (the record is not read first): what a login changes on any record, as changed() derives it
            // (DynamoLoginRecorderTest holds the two to each other).
            update = "SET #lastLoginAt = :at, #loginCount = :count, #version = #version + :one";
        } else {
            // Pinned to the version read: everything the flip changes, derived from the item a full put would write
            // (status, its index key, verified, …), so no index attribute can be forgotten here.
            ItemMapper.Change change = ItemMapper.changed(flipFrom, after(flipFrom, login, true));
            List<String> sets = new java.util.ArrayList<>();
            int i = 0;
            for (var attribute : change.set().entrySet()) {
                names.put("#a" + i, attribute.getKey());
                values.put(":a" + i, attribute.getValue());
                sets.add("#a" + i + " = :a" + i);
                i++;
            }
            List<String> removes = new java.util.ArrayList<>();
            for (String attribute : change.removed()) {
                names.put("#a" + i, attribute);
                removes.add("#a" + i++);
            }
            update = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
            values.remove(":one");
            values.remove(":true");
            values.remove(":at");
            names.remove("#lastLoginAt");
        }
        return UpdateItemRequest.builder().tableName(table).key(Keys.user(login.tenantId(), login.userId()))
                .conditionExpression(condition)
                .updateExpression(update)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_OLD)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /** The record as the update left it: what {@code ALL_OLD} returned, with what the update set. */
    static User after(User before, Login login, boolean flip) {
        return new User(before.tenantId(), before.id(), before.fields(), before.provisioning(), before.suspended(),
                before.verified() || flip, before.loginUpdatePending(), before.version() + 1, before.createdAt(),
                before.updatedAt(), before.createdBy(), login.at(), login.loginsCount(), before.pendingMail());
    }
}
