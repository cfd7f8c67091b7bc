package com.peakcommerce.useradmin.local;

import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.IdentityProviderException;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * NOT Auth0: a stand-in for the identity provider, for the local run only. It keeps logins in memory
 * (so they are gone after a restart, while the users in the table stay: a call about a login it does not
 * know then succeeds, as a retry against Auth0 would), honours the blocked flag, keeps each tenant's
 * logins in its connection as Auth0 does (an email is refused only when another login of the same
 * connection holds it), and answers tickets with links to this server
 * ({@code /local/tickets/<random>?user=<id>}), which show what Auth0's page would do. No password is kept.
 */
public final class LocalIdentityProviderStandIn implements IdentityProvider {
    /** One login as the stand-in holds it. */
    public record Login(String userId, String tenantId, String connection, String email, String givenName, String familyName,
                        boolean blocked, boolean emailVerified, boolean passwordSet) {}

    /** A ticket handed out: which user, and for what. */
    public record Ticket(String id, String userId, String purpose) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Login> logins = new ConcurrentHashMap<>();
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final String baseUrl;

    /** @param baseUrl this server, e.g. {@code http://localhost:3000} (links go there) */
    public LocalIdentityProviderStandIn(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    private final java.util.Set<String> connections = ConcurrentHashMap.newKeySet();

    @Override
    public void ensureConnection(String connection) {
        connections.add(connection);
    }

    /** The connections made so far (each tenant's, at its bootstrap). */
    public java.util.Set<String> connections() { return java.util.Set.copyOf(connections); }

    @Override
    public synchronized void createLogin(NewLogin login) {
        if (logins.containsKey(login.userId())) return; // a retry after a lost answer
        // As in Auth0, an email is unique within its database connection: one per tenant.
        boolean taken = logins.values().stream().anyMatch(l -> l.connection().equals(login.connection()) && l.email().equalsIgnoreCase(login.email()));
        if (taken) throw new IdentityProviderException(IdentityProviderException.Reason.CONFLICT, "The user already exists.");
        logins.put(login.userId(), new Login(login.userId(), login.tenantId(), login.connection(), login.email(), login.givenName(), login.familyName(),
                login.blocked(), false, login.password() != null));
    }

    @Override
    public void updateLogin(String userId, LoginUpdate update) {
        logins.computeIfPresent(userId, (id, l) -> {
            boolean emailChanged = update.email() != null && !update.email().equalsIgnoreCase(l.email());
            return new Login(id, l.tenantId(), l.connection(), update.email() == null ? l.email() : update.email(),
                    update.givenName() == null ? l.givenName() : update.givenName(),
                    update.familyName() == null ? l.familyName() : update.familyName(),
                    l.blocked(), l.emailVerified() && !emailChanged, l.passwordSet());
        });
    }

    @Override
    public void block(String userId) { setBlocked(userId, true); }

    @Override
    public void unblock(String userId) { setBlocked(userId, false); }

    private void setBlocked(String userId, boolean blocked) {
        logins.computeIfPresent(userId, (id, l) -> new Login(id, l.tenantId(), l.connection(), l.email(), l.givenName(), l.familyName(), blocked, l.emailVerified(), l.passwordSet()));
    }

    @Override
    public void deleteLogin(String userId) {
        logins.remove(userId);
    }

    @Override
    public URI passwordChangeTicket(String userId) { return ticket(userId, "password-change"); }

    @Override
    public URI emailVerificationTicket(String userId) { return ticket(userId, "email-verification"); }

    private URI ticket(String userId, String purpose) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        tickets.put(id, new Ticket(id, userId, purpose));
        return URI.create(baseUrl + "/local/tickets/" + id + "?user=" + userId);
    }

    /**
     * Follows a ticket link as the user would: a password-change ticket sets the password (the stand-in
     * remembers only that it did) and, like Auth0's, verifies the email; an email-verification ticket
     * verifies it. Each ticket works once.
     */
    public Optional<Ticket> redeem(String ticketId) {
        Ticket ticket = tickets.remove(ticketId);
        if (ticket == null) return Optional.empty();
        logins.computeIfPresent(ticket.userId(), (id, l) -> new Login(id, l.tenantId(), l.connection(), l.email(), l.givenName(), l.familyName(),
                l.blocked(), true, l.passwordSet() || ticket.purpose().equals("password-change")));
        return Optional.of(ticket);
    }

    public Optional<Login> login(String userId) { return Optional.ofNullable(logins.get(userId)); }

    public List<Login> logins() { return List.copyOf(logins.values()); }

    /** Registers a login that exists in the table already (the seeded admin after a restart). */
    public void remember(Login login) { logins.putIfAbsent(login.userId(), login); }
}
