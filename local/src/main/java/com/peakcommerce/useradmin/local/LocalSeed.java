package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.domain.CallerId;
import com.peakcommerce.useradmin.domain.DomainException;
import com.peakcommerce.useradmin.domain.Profile;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserAdministration;
import com.peakcommerce.useradmin.domain.UserQuery;
import com.peakcommerce.useradmin.domain.ProfileCatalog;
import com.peakcommerce.useradmin.ports.Stores;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local run seeds: a tenant and its first Global Admin (the operator's bootstrap, found again after a
 * restart), its profile "Standard", and in the demo tenant one user of every other role, so that each role's
 * view can be tried with {@code POST /local/tokens} (and from the console's local sign-in page).
 */
final class LocalSeed {
    static final String STANDARD_PROFILE_NAME = "Standard";

    /** A tenant the server seeded or bootstrapped: its first Global Admin, its Standard profile, its seeded users. */
    public record SeededTenant(String tenantId, String name, User admin, Profile standardProfile, List<User> users) {}

    private final UserAdministration administration;
    private final Stores stores;
    private final LocalIdentityProviderStandIn standIn;
    private final Clock clock;

    LocalSeed(UserAdministration administration, Stores stores, LocalIdentityProviderStandIn standIn, Clock clock) {
        this.administration = administration;
        this.stores = stores;
        this.standIn = standIn;
        this.clock = clock;
    }

    /** The tenant and its admin (bootstrapped, or found again) and its Standard profile. */
    SeededTenant tenant(String tenantId, String name, String connection, Map<String, Object> adminFields) {
        User first;
        try {
            first = administration.bootstrapTenant(tenantId, name, connection, adminFields).user();
        } catch (DomainException.Conflict exists) {
            String username = (String) adminFields.get("username");
            first = find(tenantId, Role.GLOBAL_ADMIN, username)
                    .or(() -> usersOf(tenantId, Role.GLOBAL_ADMIN).stream().filter(u -> !u.suspended() && !u.provisioning()).findFirst())
                    .orElseThrow(() -> new IllegalStateException("The tenant " + tenantId + " exists but has no active Global Admin; delete "
                            + "the data folder or start with --in-memory"));
        }
        rememberLogin(first);
        return new SeededTenant(tenantId, name, first, standardProfile(first), List.of(first));
    }

    /**
     * The tenant with one user of every role besides its admin, created by the admin through the ordinary
     * create (so each is a complete user with a login), or found again by username after a restart.
     */
    SeededTenant withEveryRole(SeededTenant tenant, String domain) {
        CallerId admin = new CallerId(tenant.tenantId(), tenant.admin().id(), "local-seed");
        String profileId = tenant.standardProfile().id();
        List<User> users = new ArrayList<>(tenant.users());
        User systemAdmin = user(admin, Role.SYSTEM_ADMIN, "Sam", "System", domain, Map.of());
        User partnerAdmin = user(admin, Role.PARTNER_ADMIN, "Paula", "Partner-Admin", domain, Map.of("securityRealm", "created-or-assigned"));
        User partnerExecutive = user(admin, Role.PARTNER_ACCOUNT_EXECUTIVE, "Pete", "Partner-Executive", domain,
                Map.of("profileId", profileId, "partnerAdminId", partnerAdmin.id()));
        User salesRep = user(admin, Role.ACCOUNT_EXECUTIVE, "Ella", "Executive", domain, Map.of("profileId", profileId));
        User partner = user(admin, Role.PARTNER, "Parker", "Partner", domain, Map.of("profileId", profileId));
        User customer = user(admin, Role.CUSTOMER, "Cora", "Customer", domain, Map.of("profileId", profileId,
                "accountNumber", "A000001212", "amendmentDateAlignment", "IMMEDIATE", "partnerId", partner.id(), "salesRepId", salesRep.id()));
        users.addAll(List.of(systemAdmin, partnerAdmin, partnerExecutive, salesRep, partner, customer));
        return new SeededTenant(tenant.tenantId(), tenant.name(), tenant.admin(), tenant.standardProfile(), List.copyOf(users));
    }

    private User user(CallerId admin, Role role, String firstName, String lastName, String domain, Map<String, Object> more) {
        String username = firstName.toLowerCase(java.util.Locale.ROOT) + "@" + domain;
        Optional<User> existing = find(admin.tenantId(), role, username);
        if (existing.isPresent()) {
            rememberLogin(existing.get());
            return existing.get();
        }
        Map<String, Object> body = new LinkedHashMap<>(more);
        body.put("role", role.name());
        body.put("firstName", firstName);
        body.put("lastName", lastName);
        body.put("username", username);
        return administration.create(admin, body).user();
    }

    private Optional<User> find(String tenantId, Role role, String username) {
        return usersOf(tenantId, role).stream().filter(u -> u.username().equalsIgnoreCase(username)).findFirst();
    }

    private List<User> usersOf(String tenantId, Role role) {
        return stores.userLists().list(tenantId, new UserQuery(role, null, null, null, null, null, null, null), 100, null).items();
    }

    /** The stand-in keeps logins in memory: a user found in a saved table gets theirs back. */
    private void rememberLogin(User user) {
        if (standIn == null) return;
        String connection = stores.snapshots().tenant(user.tenantId()).orElseThrow().connection();
        standIn.remember(new LocalIdentityProviderStandIn.Login(user.id(), user.tenantId(), connection, user.username(),
                user.firstName(), user.lastName(), user.suspended(), user.verified(), false));
    }

    /** The tenant's profile "Standard" (id {@code standard}), created by its admin through the ordinary, audited create. */
    private Profile standardProfile(User admin) {
        String cursor = null;
        do {
            var page = stores.profiles().listProfiles(admin.tenantId(), 100, cursor);
            for (Profile profile : page.items()) if (profile.name().equals(STANDARD_PROFILE_NAME)) return profile;
            cursor = page.nextCursor();
        } while (cursor != null);
        return new ProfileCatalog(stores, clock, () -> "standard")
                .create(new CallerId(admin.tenantId(), admin.id(), "local-seed"), Map.of("name", STANDARD_PROFILE_NAME));
    }
}
