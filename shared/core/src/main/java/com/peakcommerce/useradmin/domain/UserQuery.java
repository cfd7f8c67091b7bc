package com.peakcommerce.useradmin.domain;

/**
 * The users-list filters of SPEC U4; {@code null} means "any". {@code q} is a prefix of the last name
 * (optionally followed by a prefix of the first name: "smi jo" finds Jo Smith) or, when it contains '@',
 * of the username; a {@code q} that is not acceptable {@link Text}, or that folds to nothing (a lone
 * accent, punctuation), is refused naming {@code q}.
 * {@code hiddenRole} is set by the service, never by the caller: a role whose users the caller may not see.
 */
public record UserQuery(Role role, UserStatus status, String accountNumber, String partnerId, String salesRepId,
                        String partnerAdminId, String q, Role hiddenRole) {

    /** What separates the words of a name search: anything but letters, digits, apostrophes, dots and hyphens. */
    private static final java.util.regex.Pattern NOT_IN_A_NAME = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}'.-]+");

    public UserQuery {
        if (q != null) {
            String problem = Text.problem(q);
            if (problem != null) throw new DomainException.Invalid("q", "q " + problem);
            if (!q.contains("@") && nameWords(q).length == 0) {
                throw new DomainException.Invalid("q", "q must contain a letter or digit: the start of a last name, optionally followed by the start of a first name.");
            }
        }
    }

    /**
     * The words of a name search, folded: the last-name prefix and, if given, the first-name prefix (the
     * rest of {@code q}, so "smith mary ann" looks for first names starting "mary ann"); none when
     * {@code q} holds no letter or digit.
     */
    public static String[] nameWords(String q) {
        String folded = NOT_IN_A_NAME.matcher(Text.fold(q)).replaceAll(" ").strip();
        if (folded.isEmpty() || folded.chars().noneMatch(Character::isLetterOrDigit)) return new String[0];
        return folded.split(" ", 2);
    }

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
