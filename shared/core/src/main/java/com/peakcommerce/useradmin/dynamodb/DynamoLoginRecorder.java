package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.Login;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserStatus;
import com.peakcommerce.useradmin.ports.LoginRecorder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.n;
import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/**
 * The table adapter of {@link LoginRecorder}: a login is one {@code UpdateItem} on the user's record.
 *
 * <p>The condition lets it through only for a user that exists, is neither suspended nor provisioning,
 * and has recorded fewer logins than the report counts: so the same login reported twice (the Action's
 * retry, a replayed request, the Action and a log stream both) changes nothing the second time, and an
 * older login arriving late cannot set the clock back. The update sets the last login and the count and
 * increments {@code version}: an admin's edit is a Put conditional on the version read, so one that read
 * the user before the login fails (412) instead of undoing a flip.
 *
 * <p>An update expression cannot choose its own assignments, so the flip to verified is a second shape
 * of the same request: <em>flip</em> also sets {@code verified}, {@code status} and the byStatus key,
 * under the condition that the user is verified already or {@link Login#verifies} holds; <em>record</em>
 * leaves them, under the opposite condition. The first shape is guessed from the report (a first login,
 * or a verified email, probably flips; a verified user takes either); a wrong guess fails its condition,
 * and the item that comes back with the failure ({@code ALL_OLD}, no read) says which shape applies. So a
 * login is one request, and two only when an unverified user's login is guessed wrong (a missed first
 * login, or a verified email that is not yet the username at Auth0).
 */
public final class DynamoLoginRecorder implements LoginRecorder {
    /** Each further attempt needs the record to have changed in between; three is more than races allow. */
    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoLoginRecorder(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Recorded record(Login login) {
        boolean flip = login.loginsCount() == 1 || login.emailVerified();
        for (int attempt = 1; ; attempt++) {
            try {
                User before = ItemMapper.user(dynamo.updateItem(request(login, flip)).attributes());
                boolean flipped = flip && !before.verified();
                return new Recorded(true, flipped, Optional.of(after(before, login, flip)));
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> old = e.item();
                if (old == null || old.isEmpty()) return new Recorded(false, false, Optional.empty());
                User current = ItemMapper.user(old);
                if (current.suspended() || current.provisioning() || current.loginCount() >= login.loginsCount()) {
                    return new Recorded(false, false, Optional.of(current));
                }
                if (attempt == ATTEMPTS) throw new IllegalStateException("The login of user " + login.userId() + " lost " + ATTEMPTS + " races");
                flip = !current.verified() && login.verifies(current);
            }
        }
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

    private UpdateItemRequest request(Login login, boolean flip) {
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
                + (flip ? "(#verified = :true OR " + verifies + ")" : "(#verified = :true OR NOT (" + verifies + "))");
        String update = "SET #lastLoginAt = :at, #loginCount = :count, #version = #version + :one";
        if (flip) {
            names.put("#status", "status");
            names.put("#statusPk", Index.BY_STATUS.partitionKey());
            values.put(":status", s(UserStatus.ACTIVE_VERIFIED.name()));
            values.put(":statusPk", s(Keys.byStatus(login.tenantId(), UserStatus.ACTIVE_VERIFIED)));
            update += ", #verified = :true, #status = :status, #statusPk = :statusPk";
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
    private static User after(User before, Login login, boolean flip) {
        return new User(before.tenantId(), before.id(), before.fields(), before.provisioning(), before.suspended(),
                before.verified() || flip, before.loginUpdatePending(), before.version() + 1, before.createdAt(),
                before.updatedAt(), before.createdBy(), login.at(), login.loginsCount(), before.pendingMail());
    }
}
