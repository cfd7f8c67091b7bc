package com.peakcommerce.useradmin.ports;

/**
 * The ports of the service's table, one per aggregate, as one adapter factory builds them; composition passes
 * each service the ones it uses.
 */
public record Stores(Snapshots snapshots, Users users, UserLists userLists, Profiles profiles, Tenants tenants,
                     AuditTrail auditTrail, PendingUsers pendingUsers) {}
