package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.domain.Page;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.Tenant;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserQuery;
import com.peakcommerce.useradmin.ports.UserRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/** The single-table adapter of {@link UserRepository}. Every write is conditional; no request path scans. */
public final class DynamoUserRepository implements UserRepository {
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoUserRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Snapshot fetch(String tenantId, Set<String> userIds, Set<String> profileIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(Keys.tenant(tenantId));
        userIds.forEach(id -> keys.add(Keys.user(tenantId, id)));
        profileIds.forEach(id -> keys.add(Keys.profile(tenantId, id)));

        Optional<Tenant> tenant = Optional.empty();
        Map<String, User> users = new HashMap<>();
        Map<String, Profile> profiles = new HashMap<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        while (!request.isEmpty()) { // unprocessed keys come back under throttling; ask again for just those
            var pending = request;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(pending));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                switch (ItemMapper.str(item, ItemMapper.ENTITY)) {
                    case "TENANT" -> tenant = Optional.of(ItemMapper.tenant(item));
                    case "USER" -> users.put(ItemMapper.str(item, "id"), ItemMapper.user(item));
                    case "PROFILE" -> profiles.put(ItemMapper.str(item, "id"), ItemMapper.profile(item));
                    default -> { }
                }
            }
            request = response.unprocessedKeys();
        }
        return new Snapshot(tenant, users, profiles);
    }

    @Override
    public Optional<User> user(String tenantId, String userId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.user(tenantId, userId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ItemMapper.user(item));
    }

    @Override
    public Optional<String> userIdByUsername(String tenantId, String username) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.usernameMarker(tenantId, username)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(ItemMapper.str(item, "userId"));
    }

    @Override
    public void insert(User user, AuditEntry audit) {
        transact(audited(withProfileGuard(List.of(
                put(ItemMapper.userItem(user), "attribute_not_exists(pk)", Map.of(), Map.of()),
                put(ItemMapper.usernameMarkerItem(user), "attribute_not_exists(pk)", Map.of(), Map.of())), null, user), audit),
                List.of(old -> { throw new Conflict("id", "A user with this id exists already."); }, DynamoUserRepository::usernameTaken,
                        DynamoUserRepository::profileUnavailable));
    }

    @Override
    public void replace(User before, User after, AuditEntry audit) {
        var putUser = versionedPut(before, after);
        if (sameUsername(before, after)) {
            // The user and the entry: one TransactWriteItems where a bookkeeping write is one PutItem.
            transact(audited(withProfileGuard(List.of(putUser), before, after), audit),
                    List.of(DynamoUserRepository::staleOrGone, DynamoUserRepository::profileUnavailable));
            return;
        }
        // The username moves: the old marker goes (if it is still this user's) and the new one must be free.
        transact(audited(withProfileGuard(List.of(putUser, deleteMarker(before), put(ItemMapper.usernameMarkerItem(after), "attribute_not_exists(pk)", Map.of(), Map.of())), before, after), audit),
                List.of(DynamoUserRepository::staleOrGone, DynamoUserRepository::staleOrGone, DynamoUserRepository::usernameTaken,
                        DynamoUserRepository::profileUnavailable));
    }

    @Override
    public void replaceBookkeeping(User before, User after) {
        if (!sameUsername(before, after)) throw new IllegalArgumentException("A username change is a person's change: use replace with its audit entry.");
        Put put = versionedPut(before, after).put();
        try {
            dynamo.putItem(b -> b.tableName(table).item(put.item())
                    .conditionExpression(put.conditionExpression())
                    .expressionAttributeNames(put.expressionAttributeNames())
                    .expressionAttributeValues(put.expressionAttributeValues())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            throw staleOrGone(e.item());
        }
    }

    private TransactWriteItem versionedPut(User before, User after) {
        return put(ItemMapper.userItem(after), "#version = :expected",
                Map.of("#version", "version"), Map.of(":expected", ItemMapper.n(before.version())));
    }

    private static boolean sameUsername(User before, User after) {
        return User.usernameKey(before.username()).equals(User.usernameKey(after.username()));
    }

    @Override
    public void replacePendingMail(User before, User after) {
        boolean owed = before.pendingMail() != User.PendingMail.NONE;
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":expected", ItemMapper.n(before.version())));
        if (owed) values.put(":mail", ItemMapper.s(before.pendingMail().name()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(ItemMapper.userItem(after))
                    .conditionExpression("#version = :expected AND " + (owed ? "#mail = :mail" : "attribute_not_exists(#mail)"))
                    .expressionAttributeNames(Map.of("#version", "version", "#mail", "pendingMail"))
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            throw staleOrGone(e.item());
        }
    }

    @Override
    public void delete(User user, AuditEntry audit) {
        var deleteUser = TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(Keys.user(user.tenantId(), user.id()))
                .conditionExpression("#version = :expected")
                .expressionAttributeNames(Map.of("#version", "version"))
                .expressionAttributeValues(Map.of(":expected", ItemMapper.n(user.version())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
        transact(List.of(deleteUser, deleteMarker(user), AuditItems.put(table, audit)),
                List.of(DynamoUserRepository::staleOrGone, DynamoUserRepository::staleOrGone));
    }

    @Override
    public void audit(AuditEntry audit) {
        Put put = AuditItems.put(table, audit).put();
        dynamo.putItem(b -> b.tableName(table).item(put.item()).conditionExpression(put.conditionExpression()));
    }

    @Override
    public Page<AuditEntry> auditTrail(String tenantId, String userId, int limit, String cursor) {
        String trail = Keys.auditTrail(tenantId, AuditEntry.Subject.USER, userId);
        QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Keys.PK))
                .expressionAttributeValues(Map.of(":pk", s(trail)))
                .scanIndexForward(false) // newest first: the sort key orders entries by time
                .exclusiveStartKey(Cursors.decodeTableKey(cursor, trail))
                .limit(limit).build());
        return new Page<>(response.items().stream().map(AuditItems::entry).toList(),
                response.hasLastEvaluatedKey() ? Cursors.encodeTableKey(response.lastEvaluatedKey()) : null);
    }

    @Override
    public Page<User> list(String tenantId, UserQuery query, int limit, String cursor) {
        return new UserListQuery(tenantId, query).run(dynamo, table, limit, cursor);
    }

    /**
     * The "created or assigned" realm: two Queries of {@code limit} items, byPartnerAdmin and byCreator of
     * the Partner Admin, both sorted by name key, merged (a user in both counts once). Only what both
     * have read up to is certain, so the page ends at the lower of their {@code LastEvaluatedKey}s; the
     * cursor is that position (a name key), and the next page starts both Queries after it.
     */
    @Override
    public Page<User> listCreatedOrAssigned(String tenantId, String partnerAdminId, UserQuery query, int limit, String cursor) {
        String after = Cursors.decodeRealm(cursor);
        // DynamoDB orders string keys by their UTF-8 bytes; so does this map.
        java.util.Comparator<String> byBytes = (a, b) -> java.util.Arrays.compareUnsigned(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.TreeMap<String, Map<String, AttributeValue>> merged = new java.util.TreeMap<>(byBytes);
        String bound = null;
        boolean anyMore = false;
        for (var source : List.of(Map.entry(Index.BY_PARTNER_ADMIN, "PARTNERADMIN"), Map.entry(Index.BY_CREATOR, "CREATOR"))) {
            Index index = source.getKey();
            String partition = Keys.byUser(tenantId, source.getValue(), partnerAdminId);
            QueryResponse response = dynamo.query(realmQuery(index, partition, tenantId, query, after, limit));
            response.items().forEach(item -> merged.put(ItemMapper.str(item, index.sortKey()), item));
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                String last = response.lastEvaluatedKey().get(index.sortKey()).s();
                bound = bound == null || byBytes.compare(last, bound) < 0 ? last : bound;
                anyMore = true;
            }
        }
        var certain = bound == null ? merged : merged.headMap(bound, true);
        List<User> items = certain.values().stream().limit(limit).map(ItemMapper::user).toList();
        String next;
        if (certain.size() > limit) next = certain.keySet().stream().skip(limit - 1).findFirst().orElseThrow();
        else next = anyMore ? bound : null;
        return new Page<>(items, next == null ? null : Cursors.encodeRealm(next));
    }

    private QueryRequest realmQuery(Index index, String partition, String tenantId, UserQuery query, String after, int limit) {
        // Every filter is applied (the partition is the Partner Admin's, none of the filters), so they can only narrow the realm.
        Map<String, AttributeValue> start = null;
        if (after != null) {
            start = new HashMap<>(Keys.user(tenantId, Keys.idOfNameKey(after)));
            start.put(index.partitionKey(), s(partition));
            start.put(index.sortKey(), s(after));
        }
        return UserListQuery.request(table, index, partition, query, false).exclusiveStartKey(start).limit(limit).build();
    }


    @Override
    public List<User> pending(Instant before, User after, int limit) {
        Index index = Index.BY_PENDING;
        // Keys start with an ISO timestamp, so "0" is below them all; "\u0000" makes the lower bound
        // exclusive: it sorts right after the previous page's last key.
        String from = after == null ? "0" : Keys.pendingSince(after.updatedAt(), after.tenantId(), after.id()) + "\u0000";
        return dynamo.query(QueryRequest.builder().tableName(table).indexName(index.indexName())
                        .keyConditionExpression("#pk = :pk AND #since BETWEEN :from AND :before")
                        .expressionAttributeNames(Map.of("#pk", index.partitionKey(), "#since", index.sortKey()))
                        .expressionAttributeValues(Map.of(":pk", s(Keys.PENDING), ":from", s(from), ":before", s(before.toString())))
                        .limit(limit).build())
                .items().stream().map(ItemMapper::user).toList();
    }

    @Override
    public void insertProfile(Profile profile) {
        insertProfile(profile, List.of());
    }

    @Override
    public Page<Profile> listProfiles(String tenantId, int limit, String cursor) {
        return page(Index.BY_NAME, tenantId, Keys.profilesList(tenantId), limit, cursor, ItemMapper::profile);
    }

    /** A page of one index partition, in the index's order, with a cursor that only works for that partition. */
    private <T> Page<T> page(Index index, String tenantId, String partition, int limit, String cursor, Function<Map<String, AttributeValue>, T> mapper) {
        QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table).indexName(index.indexName())
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", index.partitionKey()))
                .expressionAttributeValues(Map.of(":pk", s(partition)))
                .exclusiveStartKey(Cursors.decode(cursor, index, partition, Keys.tenantPrefix(tenantId)))
                .limit(limit).build());
        return new Page<>(response.items().stream().map(mapper).toList(),
                response.hasLastEvaluatedKey() ? Cursors.encode(index, response.lastEvaluatedKey()) : null);
    }

    @Override
    public void insertProfile(Profile profile, AuditEntry entry) {
        insertProfile(profile, List.of(AuditItems.put(table, entry)));
    }

    /** The profile and its name marker, and {@code audit} (no entry, or its entry) in one transaction. */
    private void insertProfile(Profile profile, List<TransactWriteItem> audit) {
        List<TransactWriteItem> items = new ArrayList<>(List.of(
                put(ItemMapper.profileItem(profile), "attribute_not_exists(pk)", Map.of(), Map.of()),
                put(ItemMapper.profileNameMarkerItem(profile), "attribute_not_exists(pk)", Map.of(), Map.of())));
        items.addAll(audit);
        transact(items,
                List.of(old -> { throw new Conflict("id", "A profile with this id exists already."); },
                        old -> { throw new Conflict("name", "A profile named " + profile.name() + " exists already."); }));
    }

    @Override
    public void replaceProfile(Profile before, Profile after, AuditEntry entry) {
        List<TransactWriteItem> items = new ArrayList<>();
        List<Function<Map<String, AttributeValue>, RuntimeException>> refusals = new ArrayList<>();
        items.add(put(ItemMapper.profileItem(after), "#version = :expected AND attribute_not_exists(#retiring)",
                Map.of("#version", "version", "#retiring", ItemMapper.PROFILE_RETIRING), Map.of(":expected", ItemMapper.n(before.version()))));
        refusals.add(DynamoUserRepository::profileStaleOrGone);
        if (!Keys.profileNameMarker(before.tenantId(), before.name()).equals(Keys.profileNameMarker(after.tenantId(), after.name()))) {
            // The name moves: the old marker goes (if it is still this profile's) and the new one must be free.
            items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(Keys.profileNameMarker(before.tenantId(), before.name()))
                    .conditionExpression("profileId = :id").expressionAttributeValues(Map.of(":id", s(before.id()))).build()).build());
            refusals.add(old -> new StaleVersion(before.version() + 1));
            items.add(put(ItemMapper.profileNameMarkerItem(after), "attribute_not_exists(pk)", Map.of(), Map.of()));
            refusals.add(old -> new Conflict("name", "A profile named " + after.name() + " exists already."));
        }
        items.add(AuditItems.put(table, entry));
        transact(items, refusals);
    }

    @Override
    public Profile markProfileRetiring(String tenantId, String profileId, Long expectedVersion, String replacement) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":r", s(replacement)));
        String condition = "attribute_exists(pk)";
        if (expectedVersion != null) {
            condition += " AND #version = :expected";
            values.put(":expected", ItemMapper.n(expectedVersion));
        }
        String finalCondition = condition;
        try {
            return ItemMapper.profile(dynamo.updateItem(b -> b.tableName(table).key(Keys.profile(tenantId, profileId))
                    .updateExpression("SET #retiring = :r").conditionExpression(finalCondition)
                    .expressionAttributeNames(expectedVersion == null ? Map.of("#retiring", ItemMapper.PROFILE_RETIRING)
                            : Map.of("#retiring", ItemMapper.PROFILE_RETIRING, "#version", "version"))
                    .expressionAttributeValues(values)
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes());
        } catch (ConditionalCheckFailedException e) {
            throw profileStaleOrGone(e.item());
        }
    }

    @Override
    public void clearProfileRetiring(Profile profile) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Keys.profile(profile.tenantId(), profile.id()))
                    .updateExpression("REMOVE #retiring").conditionExpression("#retiring = :r")
                    .expressionAttributeNames(Map.of("#retiring", ItemMapper.PROFILE_RETIRING))
                    .expressionAttributeValues(Map.of(":r", s(profile.retiring()))));
        } catch (ConditionalCheckFailedException e) {
            // gone, or another delete took the mark over: it is that one's to clear
        }
    }

    @Override
    public long countProfileHolders(String tenantId, String profileId) {
        Index index = Index.BY_PROFILE;
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(index.indexName())
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", index.partitionKey()))
                    .expressionAttributeValues(Map.of(":pk", s(Keys.byProfile(tenantId, profileId))))
                    .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)
                    .exclusiveStartKey(from));
            count += response.count();
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    @Override
    public Page<User> profileHolders(String tenantId, String profileId, int limit, String cursor) {
        return page(Index.BY_PROFILE, tenantId, Keys.byProfile(tenantId, profileId), limit, cursor, ItemMapper::user);
    }

    @Override
    public void deleteProfile(Profile profile, AuditEntry entry) {
        transact(List.of(
                TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(Keys.profile(profile.tenantId(), profile.id()))
                        .conditionExpression("#retiring = :r")
                        .expressionAttributeNames(Map.of("#retiring", ItemMapper.PROFILE_RETIRING))
                        .expressionAttributeValues(Map.of(":r", s(profile.retiring())))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(Keys.profileNameMarker(profile.tenantId(), profile.name()))
                        .conditionExpression("profileId = :id").expressionAttributeValues(Map.of(":id", s(profile.id()))).build()).build(),
                AuditItems.put(table, entry)),
                List.of(old -> old == null || old.isEmpty() ? new NotFound("No such profile.")
                                : new Conflict(null, "Another delete of this profile is under way; read it again."),
                        old -> new Conflict(null, "The profile was renamed meanwhile; send the delete again.")));
    }

    private static RuntimeException profileStaleOrGone(Map<String, AttributeValue> current) {
        if (current == null || current.isEmpty()) return new NotFound("No such profile.");
        if (current.containsKey(ItemMapper.PROFILE_RETIRING)) return new Conflict(null, "The profile is being deleted.");
        return new StaleVersion(ItemMapper.num(current, "version"));
    }

    @Override
    public void insertTenant(Tenant tenant) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(ItemMapper.tenantItem(tenant)).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new Conflict("tenantId", "The tenant " + tenant.id() + " exists already.");
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).conditionExpression(condition)
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values.isEmpty() ? null : values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    private TransactWriteItem deleteMarker(User holder) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(Keys.usernameMarker(holder.tenantId(), holder.username()))
                .conditionExpression("userId = :id").expressionAttributeValues(Map.of(":id", s(holder.id())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    // ---- profile guard (SPEC P4): a user write that gives a profile checks, in its transaction, that the
    // profile exists and no delete has started on it (ProfileCatalog.delete marks it "retiring" first).

    /** The ConditionCheck on {@code after}'s profile when it is set and differs from {@code before}'s (null: a new user), else null. */
    private TransactWriteItem profileGuard(User before, User after) {
        String profileId = after.text(com.peakcommerce.useradmin.domain.UserField.PROFILE_ID);
        if (profileId == null || (before != null && profileId.equals(before.text(com.peakcommerce.useradmin.domain.UserField.PROFILE_ID)))) return null;
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(Keys.profile(after.tenantId(), profileId))
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#retiring)")
                .expressionAttributeNames(Map.of("#retiring", ItemMapper.PROFILE_RETIRING)).build()).build();
    }

    /** {@code items}, and the profile guard last when there is one (its refusal handler comes last too). */
    private List<TransactWriteItem> withProfileGuard(List<TransactWriteItem> items, User before, User after) {
        TransactWriteItem guard = profileGuard(before, after);
        if (guard == null) return items;
        List<TransactWriteItem> all = new ArrayList<>(items);
        all.add(guard);
        return all;
    }

    /** {@code items} and, last, the audit entry of the change they make (its key is new: its condition never fails). */
    private List<TransactWriteItem> audited(List<TransactWriteItem> items, AuditEntry audit) {
        List<TransactWriteItem> all = new ArrayList<>(items);
        all.add(AuditItems.put(table, audit));
        return all;
    }

    private static RuntimeException profileUnavailable(Map<String, AttributeValue> ignored) {
        return new Invalid("profileId", "The profile is being deleted or no longer exists; choose another.");
    }

    /**
     * Runs a transaction; when a condition fails, the handler at that item's position turns what was
     * there (ALL_OLD, so no second read) into the domain's refusal.
     */
    private void transact(List<TransactWriteItem> items, List<Function<Map<String, AttributeValue>, RuntimeException>> onConditionFailed) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size() && i < onConditionFailed.size(); i++) {
                if (CONDITIONAL_CHECK_FAILED.equals(reasons.get(i).code())) throw onConditionFailed.get(i).apply(reasons.get(i).item());
            }
            throw e;
        }
    }

    private static RuntimeException usernameTaken(Map<String, AttributeValue> marker) {
        return new UsernameTaken(marker == null ? null : ItemMapper.str(marker, "userId"));
    }

    private static RuntimeException staleOrGone(Map<String, AttributeValue> current) {
        if (current == null || current.isEmpty()) return new NotFound("No such user.");
        return new StaleVersion(ItemMapper.num(current, "version"));
    }

    /** Picks the index for a users-list request and builds its Query. */
    private record UserListQuery(String tenantId, UserQuery query) {

        Page<User> run(DynamoDbClient dynamo, String table, int limit, String cursor) {
            Index index = index();
            String partition = partition(index);
            QueryResponse response = dynamo.query(request(table, index, partition, query, true)
                    .exclusiveStartKey(Cursors.decode(cursor, index, partition, Keys.tenantPrefix(tenantId)))
                    .limit(limit).build());
            return new Page<>(response.items().stream().map(ItemMapper::user).toList(),
                    response.hasLastEvaluatedKey() ? Cursors.encode(index, response.lastEvaluatedKey()) : null);
        }

        /**
         * A users-list Query of {@code partition} of {@code index}: the name or username prefix, and every filter
         * of {@code query} as a FilterExpression inside the partition, except the one the partition already is
         * when {@code partitionIsAFilter} (a list picked by its most selective filter; not a realm's partition).
         */
        static QueryRequest.Builder request(String table, Index index, String partition, UserQuery query, boolean partitionIsAFilter) {
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            names.put("#pk", index.partitionKey());
            values.put(":pk", s(partition));
            String keyCondition = "#pk = :pk";
            List<String> filters = new ArrayList<>();
            if (query.q() != null) {
                boolean byUsername = query.q().contains("@");
                // q is a username prefix, or a last-name prefix optionally followed by a first-name prefix.
                String[] words = byUsername ? new String[]{User.usernameKey(query.q())} : UserQuery.nameWords(query.q());
                values.put(":q", s(words[0]));
                if (byUsername && index != Index.BY_USERNAME) {
                    names.put("#uk", Index.BY_USERNAME.sortKey());
                    filters.add("begins_with(#uk, :q)");
                } else {
                    names.put("#sk", index.sortKey());
                    keyCondition += " AND begins_with(#sk, :q)";
                }
                if (words.length > 1) {
                    names.put("#fk", ItemMapper.FIRST_NAME_KEY);
                    values.put(":first", s(words[1]));
                    filters.add("begins_with(#fk, :first)");
                }
            }
            Index pinned = partitionIsAFilter ? index : null;
            filter(filters, names, values, pinned != Index.BY_ROLE, "role", query.role() == null ? null : query.role().name());
            filter(filters, names, values, pinned != Index.BY_STATUS, "status", query.status() == null ? null : query.status().name());
            filter(filters, names, values, pinned != Index.BY_ACCOUNT, "accountNumber", query.accountNumber());
            filter(filters, names, values, pinned != Index.BY_PARTNER, "partnerId", query.partnerId());
            filter(filters, names, values, pinned != Index.BY_SALES_REP, "salesRepId", query.salesRepId());
            filter(filters, names, values, pinned != Index.BY_PARTNER_ADMIN, "partnerAdminId", query.partnerAdminId());
            if (query.hiddenRole() != null) {
                names.put("#hidden", "role");
                values.put(":hidden", s(query.hiddenRole().name()));
                filters.add("#hidden <> :hidden");
            }
            return QueryRequest.builder().tableName(table).indexName(index.indexName())
                    .keyConditionExpression(keyCondition)
                    .filterExpression(filters.isEmpty() ? null : String.join(" AND ", filters))
                    .expressionAttributeNames(names).expressionAttributeValues(values);
        }

        /** The most selective index the request allows: an association, then role, then status, then all. */
        private Index index() {
            if (query.partnerAdminId() != null) return Index.BY_PARTNER_ADMIN;
            if (query.salesRepId() != null) return Index.BY_SALES_REP;
            if (query.partnerId() != null) return Index.BY_PARTNER;
            if (query.accountNumber() != null) return Index.BY_ACCOUNT;
            if (query.role() != null) return Index.BY_ROLE;
            if (query.status() != null) return Index.BY_STATUS;
            if (query.q() != null && query.q().contains("@")) return Index.BY_USERNAME;
            return Index.BY_NAME;
        }

        private String partition(Index index) {
            return switch (index) {
                case BY_PARTNER_ADMIN -> Keys.byUser(tenantId, "PARTNERADMIN", query.partnerAdminId());
                case BY_SALES_REP -> Keys.byUser(tenantId, "SALESREP", query.salesRepId());
                case BY_PARTNER -> Keys.byUser(tenantId, "PARTNER", query.partnerId());
                case BY_ACCOUNT -> Keys.byAccount(tenantId, query.accountNumber());
                case BY_ROLE -> Keys.byRole(tenantId, query.role());
                case BY_STATUS -> Keys.byStatus(tenantId, query.status());
                case BY_NAME, BY_USERNAME -> Keys.usersList(tenantId);
                case BY_PENDING, BY_PROFILE, BY_CREATOR -> throw new IllegalArgumentException("not a users list index");
            };
        }

        private static void filter(List<String> filters, Map<String, String> names, Map<String, AttributeValue> values,
                                   boolean needed, String attribute, String value) {
            if (!needed || value == null) return;
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, s(value));
            filters.add("#" + attribute + " = :" + attribute);
        }
    }

}
