package com.peakcommerce.useradmin.domain;

/**
 * The users-list filters of SPEC U4; {@code null} means "any". {@code q} is a prefix of the last name
 * (optionally followed by the first name) or, when it contains '@', of the username.
 * {@code hiddenRole} is set by the service, never by the caller: a role whose users the caller may not see.
 */
public record UserQuery(Role role, UserStatus status, String accountNumber, String partnerId, String salesRepId,
                        String partnerAdminId, String q, Role hiddenRole) {

    public static final UserQuery ALL = new UserQuery(null, null, null, null, null, null, null, null);

    public UserQuery hiding(Role role) {
        return new UserQuery(this.role, status, accountNumber, partnerId, salesRepId, partnerAdminId, q, role);
    }

    /** The same filters within {@code role} (set by the service: the only role the caller sees). */
    public UserQuery withRole(Role role) {
        return new UserQuery(role, status, accountNumber, partnerId, salesRepId, partnerAdminId, q, hiddenRole);
    }

    /** The same filters among the customers of the sales rep {@code id} (set by the service). */
    public UserQuery withSalesRep(String id) {
        return new UserQuery(role, status, accountNumber, partnerId, id, partnerAdminId, q, hiddenRole);
    }

    /** The same filters among the customers of the partner {@code id} (set by the service). */
    public UserQuery withPartner(String id) {
        return new UserQuery(role, status, accountNumber, id, salesRepId, partnerAdminId, q, hiddenRole);
    }
}
