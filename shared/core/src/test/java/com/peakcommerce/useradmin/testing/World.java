package com.peakcommerce.useradmin.testing;

import com.peakcommerce.useradmin.domain.AmendmentDateAlignment;
import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.CallerId;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.ProfileCatalog;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.Tenant;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.domain.UserDirectory;
import com.peakcommerce.useradmin.domain.UserField;
import com.peakcommerce.useradmin.dynamodb.DynamoIdempotencyStore;
import com.peakcommerce.useradmin.http.Http;
import com.peakcommerce.useradmin.ports.Stores;
import com.peakcommerce.useradmin.ports.TokenSigner;
import com.peakcommerce.useradmin.wiring.Adapters;
import com.peakcommerce.useradmin.wiring.Parameters;
import com.peakcommerce.useradmin.wiring.Settings;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Everything a test of the services needs: a fresh table in the moto emulator, the identity-provider and
 * mailer doubles, and a seeded tenant "demo" with a Global Admin and a profile — the same ids the
 * events in {@code events/} use.
 */
public final class World {
    public static final String TENANT = "demo";
    public static final String OTHER_TENANT = "other";
    public static final String ADMIN_ID = "00000000-0000-4000-8000-000000000001";
    public static final String CUSTOMER_ID = "00000000-0000-4000-8000-000000000002";
    public static final String PROFILE_ID = "standard-profile";
    public static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    public final MotoTable dynamo = MotoTable.newTable();
    public final Stores stores = dynamo.stores();
    /** The same ports, by the names tests read best, and seeding. */
    public final Records repository = new Records(stores, dynamo);
    public final RecordingIdentityProvider identityProvider = new RecordingIdentityProvider();
    public final RecordingMailer mailer = new RecordingMailer();
    public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    public final UserAdministration administration = new UserAdministration(stores, identityProvider, mailer, clock, () -> UUID.randomUUID().toString());
    public final UserDirectory directory = new UserDirectory(stores);
    public final ProfileCatalog profiles = new ProfileCatalog(stores, clock, () -> UUID.randomUUID().toString());
    public final CallerId admin = new CallerId(TENANT, ADMIN_ID);
    /** The HTTP mapper on this table's {@code Idempotency-Key} records. */
    public final Http http = new Http(new DynamoIdempotencyStore(dynamo.client, dynamo.table, clock), Settings.DEFAULT_CLAIM_NAMESPACE);

    /** Everything a function group is built from, on this world's table and doubles; {@code more} adds settings. */
    public Adapters adapters(Supplier<TokenSigner> signer, Parameters parameters, Map<String, String> more) {
        Map<String, String> settings = new java.util.HashMap<>(more);
        settings.put("TABLE_NAME", dynamo.table);
        return new Adapters(dynamo.client, Settings.of(settings), clock, () -> UUID.randomUUID().toString(),
                () -> identityProvider, () -> mailer, signer, parameters);
    }

    /** Without a signer or parameters (the groups that use neither). */
    public Adapters adapters() {
        return adapters(Adapters.unavailable("a signer"), Adapters.NO_PARAMETERS, Map.of());
    }

    /** Tenant "demo" (Demo Portal) with its Global Admin and the "Standard" profile; tenant "other" with only its own "Standard" profile. */
    public static World seeded() {
        World world = new World();
        world.repository.insertTenant(new Tenant(TENANT, "Demo Portal", Tenant.defaultConnection(TENANT), NOW));
        world.repository.insertTenant(new Tenant(OTHER_TENANT, "Other Portal", Tenant.defaultConnection(OTHER_TENANT), NOW));
        world.repository.insertProfile(new Profile(TENANT, PROFILE_ID, "Standard", 1, NOW, NOW));
        // Its own "Standard" (same id, its own item): users seeded in "other" name a profile of their tenant,
        // which a user write checks (the profile guard of SPEC P4).
        world.repository.insertProfile(new Profile(OTHER_TENANT, PROFILE_ID, "Standard", 1, NOW, NOW));
        world.seedUser(TENANT, ADMIN_ID, Role.GLOBAL_ADMIN, "Ada", "Admin", "ada.admin@example.com");
        world.dynamo.resetCalls();
        return world;
    }

    /** An active user written straight to the table (and the identity provider), as if created earlier. */
    public User seedUser(String tenant, String id, Role role, String first, String last, String username) {
        return seed(User.created(tenant, id, fieldsFor(role, first, last, username), false, "seed", NOW));
    }

    /** The fields a user of {@code role} needs, with the seeded profile where one is required. */
    public static Map<UserField, Object> fieldsFor(Role role, String first, String last, String username) {
        Map<UserField, Object> fields = new EnumMap<>(UserField.class);
        fields.put(UserField.ROLE, role);
        fields.put(UserField.FIRST_NAME, first);
        fields.put(UserField.LAST_NAME, last);
        fields.put(UserField.USERNAME, username);
        switch (role) {
            case CUSTOMER -> {
                fields.put(UserField.ACCOUNT_NUMBER, "A000001212");
                fields.put(UserField.AMENDMENT_DATE_ALIGNMENT, AmendmentDateAlignment.IMMEDIATE);
                fields.put(UserField.PROFILE_ID, PROFILE_ID);
            }
            case ACCOUNT_EXECUTIVE, PARTNER -> fields.put(UserField.PROFILE_ID, PROFILE_ID);
            case PARTNER_ADMIN -> fields.put(UserField.SECURITY_REALM, "created-or-assigned");
            default -> { }
        }
        return fields;
    }

    /** Written as the operator's create would be: the user, its marker and a USER_CREATED entry by {@link AuditEntry#OPERATOR}. */
    public User seed(User provisioning) {
        repository.insert(provisioning, seedEntry(provisioning));
        User active = provisioning.provisioned().nextVersion(NOW);
        repository.replaceBookkeeping(provisioning, active);
        identityProvider.logins.put(active.id(), new RecordingIdentityProvider.Login(active.id(), active.tenantId(), Tenant.defaultConnection(active.tenantId()), active.username(),
                active.firstName(), active.lastName(), active.suspended(), false));
        return active;
    }

    /** The USER_CREATED entry a seeded user gets: by {@link AuditEntry#OPERATOR}, in request "seed". */
    public static AuditEntry seedEntry(User user) {
        return new AuditEntry(user.tenantId(), AuditEntry.Subject.USER, user.id(), AuditEntry.Action.USER_CREATED, AuditEntry.OPERATOR,
                user.createdAt(), "seed", AuditEntry.changes(Map.of(), user.fields()), Map.of());
    }

    public User stored(String id) {
        return repository.user(TENANT, id).orElseThrow();
    }
}
