package com.peakcommerce.useradmin.dynamodb;

/**
 * The table's global secondary indexes, one per way the users list is asked for (SPEC U4). Each is
 * sparse: an item appears in an index only if it has the index's partition attribute. All project
 * every attribute so that a list is one Query. {@code template.yaml} declares the same indexes; a test
 * keeps the two in step.
 */
public enum Index {
    /** All users (and, under their own partition, all profiles) sorted by name. */
    BY_NAME("byName", "listPk", "nameKey"),
    BY_ROLE("byRole", "rolePk", "nameKey"),
    BY_STATUS("byStatus", "statusPk", "nameKey"),
    BY_ACCOUNT("byAccount", "accountPk", "nameKey"),
    BY_PARTNER("byPartner", "partnerPk", "nameKey"),
    BY_SALES_REP("bySalesRep", "salesRepPk", "nameKey"),
    BY_PARTNER_ADMIN("byPartnerAdmin", "partnerAdminPk", "nameKey"),
    /**
     * Partner Account Executives by the user who created them (sparse: PAEs only), for the "created by or
     * assigned to them" realm of a Partner Admin (seed 003), read together with {@link #BY_PARTNER_ADMIN}.
     */
    BY_CREATOR("byCreator", "creatorPk", "nameKey"),
    /** All users sorted by username, for username prefix search. */
    BY_USERNAME("byUsername", "listPk", "usernameKey"),
    /**
     * Users left half-done (still provisioning, or a login update not yet sent), across all tenants,
     * oldest first: what the reconciler settles. Sparse and small: an item leaves it when it is settled.
     */
    BY_PENDING("byPending", "pendingPk", "pendingSince"),
    /**
     * The users holding a profile (SPEC P4: the count that refuses a delete, the holders a replacement is
     * given to). Eventually consistent, like every GSI: see docs/table.md for the window that leaves.
     */
    BY_PROFILE("byProfile", "profilePk", "nameKey");

    private final String indexName;
    private final String partitionKey;
    private final String sortKey;

    Index(String indexName, String partitionKey, String sortKey) {
        this.indexName = indexName;
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
    }

    public String indexName() { return indexName; }

    public String partitionKey() { return partitionKey; }

    public String sortKey() { return sortKey; }
}
