package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.domain.DomainException.NotFound;
import com.peakcommerce.useradmin.domain.DomainException.StaleVersion;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserField;
import com.peakcommerce.useradmin.ports.Users;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.peakcommerce.useradmin.dynamodb.ItemMapper.s;

/**
 * {@link Users} on the table: each user item beside its username marker, both written in one transaction with
 * the change's audit entry and, when the write gives a profile, a check that the profile exists and no delete
 * has started on it (SPEC P4: {@code ProfileCatalog.delete} marks it "retiring" first).
 */
public final class DynamoUsers implements Users {
    private final Table table;

    public DynamoUsers(Table table) { this.table = table; }

    @Override
    public Optional<User> user(String tenantId, String userId) {
        return table.get(Keys.user(tenantId, userId)).map(ItemMapper::user);
    }

    @Override
    public Optional<String> userIdByUsername(String tenantId, String username) {
        return table.get(Keys.usernameMarker(tenantId, username)).map(marker -> ItemMapper.str(marker, "userId"));
    }

    @Override
    public void insert(User user, AuditEntry audit) {
        List<Table.Write> writes = new ArrayList<>();
        writes.add(table.putNew(ItemMapper.userItem(user), old -> new Conflict("id", "A user with this id exists already.")));
        writes.add(table.putNew(ItemMapper.usernameMarkerItem(user), DynamoUsers::usernameTaken));
        profileGuard(null, user).ifPresent(writes::add);
        writes.add(table.audit(audit));
        table.transact(writes);
    }

    @Override
    public void replace(User before, User after, AuditEntry audit) {
        // With the same username, the user and the entry: one TransactWriteItems where bookkeeping is one PutItem.
        List<Table.Write> writes = new ArrayList<>();
        writes.add(versionedPut(before, after));
        if (!sameUsername(before, after)) {
            // The username moves: the old marker goes (if it is still this user's) and the new one must be free.
            writes.add(deleteMarker(before));
            writes.add(table.putNew(ItemMapper.usernameMarkerItem(after), DynamoUsers::usernameTaken));
        }
        profileGuard(before, after).ifPresent(writes::add);
        writes.add(table.audit(audit));
        table.transact(writes);
    }

    @Override
    public void replaceBookkeeping(User before, User after) {
        if (!sameUsername(before, after)) throw new IllegalArgumentException("A username change is a person's change: use replace with its audit entry.");
        table.write(versionedPut(before, after));
    }

    @Override
    public void replacePendingMail(User before, User after) {
        boolean owed = before.pendingMail() != User.PendingMail.NONE;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":expected", ItemMapper.n(before.version())));
        if (owed) values.put(":mail", s(before.pendingMail().name()));
        table.write(table.put(ItemMapper.userItem(after), "#version = :expected AND " + (owed ? "#mail = :mail" : "attribute_not_exists(#mail)"),
                Map.of("#version", ItemMapper.VERSION, "#mail", ItemMapper.PENDING_MAIL), values, DynamoUsers::staleOrGone));
    }

    @Override
    public void delete(User user, AuditEntry audit) {
        table.transact(List.of(
                table.delete(Keys.user(user.tenantId(), user.id()), "#version = :expected",
                        Map.of("#version", ItemMapper.VERSION), Map.of(":expected", ItemMapper.n(user.version())), DynamoUsers::staleOrGone),
                deleteMarker(user),
                table.audit(audit)));
    }

    private Table.Write versionedPut(User before, User after) {
        return table.put(ItemMapper.userItem(after), "#version = :expected",
                Map.of("#version", ItemMapper.VERSION), Map.of(":expected", ItemMapper.n(before.version())), DynamoUsers::staleOrGone);
    }

    private Table.Write deleteMarker(User holder) {
        return table.delete(Keys.usernameMarker(holder.tenantId(), holder.username()), "userId = :id",
                Map.of(), Map.of(":id", s(holder.id())), DynamoUsers::staleOrGone);
    }

    /** The check on {@code after}'s profile when it is set and differs from {@code before}'s (null: a new user). */
    private Optional<Table.Write> profileGuard(User before, User after) {
        String profileId = after.text(UserField.PROFILE_ID);
        if (profileId == null || (before != null && profileId.equals(before.text(UserField.PROFILE_ID)))) return Optional.empty();
        return Optional.of(table.check(Keys.profile(after.tenantId(), profileId), "attribute_exists(pk) AND attribute_not_exists(#retiring)",
                Map.of("#retiring", ItemMapper.PROFILE_RETIRING),
                ignored -> new Invalid("profileId", "The profile is being deleted or no longer exists; choose another.")));
    }

    private static boolean sameUsername(User before, User after) {
        return User.usernameKey(before.username()).equals(User.usernameKey(after.username()));
    }

    private static RuntimeException usernameTaken(Map<String, AttributeValue> marker) {
        return new UsernameTaken(ItemMapper.str(marker, "userId"));
    }

    static RuntimeException staleOrGone(Map<String, AttributeValue> current) {
        if (current.isEmpty()) return new NotFound("No such user.");
        return new StaleVersion(ItemMapper.num(current, ItemMapper.VERSION));
    }
}
