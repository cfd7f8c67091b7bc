package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.domain.Page;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.ports.Profiles;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/** {@link Profiles} on the table: each profile beside its name marker, written with its audit entry. */
public final class DynamoProfiles implements Profiles {
    private final Table table;

    public DynamoProfiles(Table table) { this.table = table; }

    @Override
    public Page<Profile> listProfiles(String tenantId, int limit, String cursor) {
        return table.page(Index.BY_NAME, tenantId, Keys.profilesList(tenantId), limit, cursor, ItemMapper::profile);
    }

    @Override
    public void insertProfile(Profile profile, AuditEntry entry) {
        table.transact(List.of(
                table.putNew(ItemMapper.profileItem(profile), old -> new Conflict("id", "A profile with this id exists already.")),
                table.putNew(ItemMapper.profileNameMarkerItem(profile), old -> nameTaken(profile)),
                table.audit(entry)));
    }

    @Override
    public void replaceProfile(Profile before, Profile after, AuditEntry entry) {
        List<Table.Write> writes = new ArrayList<>();
        writes.add(table.put(ItemMapper.profileItem(after), "#version = :expected AND attribute_not_exists(#retiring)",
                Map.of("#version", ItemMapper.VERSION, "#retiring", ItemMapper.PROFILE_RETIRING),
                Map.of(":expected", ItemMapper.n(before.version())), DynamoProfiles::staleOrGone));
        if (!Keys.profileNameMarker(before.tenantId(), before.name()).equals(Keys.profileNameMarker(after.tenantId(), after.name()))) {
            // The name moves: the old marker goes (if it is still this profile's) and the new one must be free.
            writes.add(table.delete(Keys.profileNameMarker(before.tenantId(), before.name()), "profileId = :id",
                    Map.of(), Map.of(":id", s(before.id())), old -> new StaleVersion(before.version() + 1)));
            writes.add(table.putNew(ItemMapper.profileNameMarkerItem(after), old -> nameTaken(after)));
        }
        writes.add(table.audit(entry));
        table.transact(writes);
    }

    @Override
    public Profile markProfileRetiring(String tenantId, String profileId, Long expectedVersion, String replacement) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":r", s(replacement)));
        Map<String, String> names = new HashMap<>(Map.of("#retiring", ItemMapper.PROFILE_RETIRING));
        String condition = "attribute_exists(pk)";
        if (expectedVersion != null) {
            condition += " AND #version = :expected";
            names.put("#version", ItemMapper.VERSION);
            values.put(":expected", ItemMapper.n(expectedVersion));
        }
        String finalCondition = condition;
        try {
            return ItemMapper.profile(table.dynamo().updateItem(b -> b.tableName(table.name()).key(Keys.profile(tenantId, profileId))
                    .updateExpression("SET #retiring = :r").conditionExpression(finalCondition)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes());
        } catch (ConditionalCheckFailedException e) {
            throw staleOrGone(e.item() == null ? Map.of() : e.item());
        }
    }

    @Override
    public void clearProfileRetiring(Profile profile) {
        try {
            table.dynamo().updateItem(b -> b.tableName(table.name()).key(Keys.profile(profile.tenantId(), profile.id()))
                    .updateExpression("REMOVE #retiring").conditionExpression("#retiring = :r")
                    .expressionAttributeNames(Map.of("#retiring", ItemMapper.PROFILE_RETIRING))
                    .expressionAttributeValues(Map.of(":r", s(profile.retiring()))));
        } catch (ConditionalCheckFailedException e) {
            // gone, or another delete took the mark over: it is that one's to clear
        }
    }

    @Override
    public void deleteProfile(Profile profile, AuditEntry entry) {
        table.transact(List.of(
                table.delete(Keys.profile(profile.tenantId(), profile.id()), "#retiring = :r",
                        Map.of("#retiring", ItemMapper.PROFILE_RETIRING), Map.of(":r", s(profile.retiring())),
                        old -> old.isEmpty() ? new NotFound("No such profile.") : new Conflict(null, "Another delete of this profile is under way; read it again.")),
                table.delete(Keys.profileNameMarker(profile.tenantId(), profile.name()), "profileId = :id",
                        Map.of(), Map.of(":id", s(profile.id())), old -> new Conflict(null, "The profile was renamed meanwhile; send the delete again.")),
                table.audit(entry)));
    }

    private static Conflict nameTaken(Profile profile) {
        return new Conflict("name", "A profile named " + profile.name() + " exists already.");
    }

    private static RuntimeException staleOrGone(Map<String, AttributeValue> current) {
        if (current.isEmpty()) return new NotFound("No such profile.");
        if (current.containsKey(ItemMapper.PROFILE_RETIRING)) return new Conflict(null, "The profile is being deleted.");
        return new StaleVersion(ItemMapper.num(current, ItemMapper.VERSION));
    }
}
