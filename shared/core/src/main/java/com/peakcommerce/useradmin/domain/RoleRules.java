package com.peakcommerce.useradmin.domain;

import java.util.EnumSet;
import java.util.Set;

import static com.peakcommerce.useradmin.domain.UserField.*;

/** Which fields each role requires and allows (SPEC U1's table). */
public final class RoleRules {
    private static final Set<UserField> BASE = EnumSet.of(ROLE, FIRST_NAME, LAST_NAME, USERNAME);
    private static final Set<UserField> CONTACT = EnumSet.of(DISPLAY_NAME, COMPANY, JOB_TITLE, DEPARTMENT,
            ALTERNATIVE_EMAIL, PHONE, STREET_ADDRESS, CITY, STATE, POSTAL_CODE, COUNTRY);
    private static final Set<UserField> DEPRECATED = EnumSet.of(PRIMARY, NOTICE_TO_USER);

    private RoleRules() {}

    public static Set<UserField> required(Role role) {
        Set<UserField> fields = EnumSet.copyOf(BASE);
        switch (role) {
            case GLOBAL_ADMIN, SYSTEM_ADMIN -> { }
            case PARTNER_ADMIN -> fields.add(SECURITY_REALM);
            case PARTNER_ACCOUNT_EXECUTIVE -> fields.addAll(EnumSet.of(PROFILE_ID, PARTNER_ADMIN_ID));
            case ACCOUNT_EXECUTIVE, PARTNER -> fields.add(PROFILE_ID);
            case CUSTOMER -> fields.addAll(EnumSet.of(ACCOUNT_NUMBER, AMENDMENT_DATE_ALIGNMENT, PROFILE_ID));
        }
        return fields;
    }

    /**
     * Everything a role may carry. Contact details (seed 004) apply to every role; a Partner Admin
     * carries nothing else ("nothing else" in SPEC U1); the customer alone has a partner and a sales rep.
     */
    public static Set<UserField> allowed(Role role) {
        Set<UserField> fields = required(role);
        fields.addAll(CONTACT);
        if (role != Role.PARTNER_ADMIN) fields.addAll(DEPRECATED);
        if (role == Role.CUSTOMER) fields.addAll(EnumSet.of(PARTNER_ID, SALES_REP_ID));
        // Seed 003: a Partner Admin edits a Partner Account Executive's account number (optional for them).
        if (role == Role.PARTNER_ACCOUNT_EXECUTIVE) fields.add(ACCOUNT_NUMBER);
        return fields;
    }

    /** The role a user referenced by {@code field} must have, or {@code null} for fields that name no user. */
    public static Role referencedRole(UserField field) {
        return switch (field) {
            case PARTNER_ID -> Role.PARTNER;
            case SALES_REP_ID -> Role.ACCOUNT_EXECUTIVE;
            case PARTNER_ADMIN_ID -> Role.PARTNER_ADMIN;
            default -> null;
        };
    }
}
