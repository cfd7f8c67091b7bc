package com.peakcommerce.useradmin.testing;

import com.peakcommerce.useradmin.ports.IdentityProvider;
import com.peakcommerce.useradmin.ports.IdentityProviderException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test double of the identity provider: keeps logins in memory, records every call, and fails the
 * next calls of a given operation on request. The Auth0 adapter itself is tested on the wire.
 */
public final class RecordingIdentityProvider implements IdentityProvider {
    public record Login(String userId, String tenantId, String connection, String email, String givenName, String familyName, boolean blocked, boolean emailVerified) {}

    public final Map<String, Login> logins = new ConcurrentHashMap<>();
    /** The initial password each login was created with; absent for a set-password link (the adapter then sets a random one). */
    public final Map<String, String> passwords = new ConcurrentHashMap<>();
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<IdentityProviderException>> failures = new ConcurrentHashMap<>();

    /** The next call of {@code operation} (createLogin, block, …) throws {@code failure}. */
    public void failNext(String operation, IdentityProviderException.Reason reason) {
        failures.computeIfAbsent(operation, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(new IdentityProviderException(reason, "injected " + reason));
    }

    private void call(String operation, String userId) {
        calls.add(operation + " " + userId);
        List<IdentityProviderException> pending = failures.get(operation);
        if (pending != null && !pending.isEmpty()) throw pending.removeFirst();
    }

    /** The connections made by {@link #ensureConnection}. */
    public final java.util.Set<String> connections = ConcurrentHashMap.newKeySet();

    @Override
    public void ensureConnection(String connection) {
        call("ensureConnection", connection);
        connections.add(connection);
    }

    @Override
    public synchronized void createLogin(NewLogin login) {
        call("createLogin", login.userId());
        if (logins.containsKey(login.userId())) return; // as the Auth0 adapter does: a 409 for the same id is a create already done
        // As Auth0: an email is unique within its database connection.
        if (logins.values().stream().anyMatch(l -> l.connection().equals(login.connection()) && l.email().equalsIgnoreCase(login.email()))) {
            throw new IdentityProviderException(IdentityProviderException.Reason.CONFLICT, "The user already exists.");
        }
        if (login.password() != null) passwords.put(login.userId(), login.password());
        logins.put(login.userId(), new Login(login.userId(), login.tenantId(), login.connection(), login.email(), login.givenName(), login.familyName(), login.blocked(), false));
    }

    @Override
    public void updateLogin(String userId, LoginUpdate update) {
        call("updateLogin", userId);
        logins.computeIfPresent(userId, (id, l) -> new Login(id, l.tenantId(), l.connection(),
                update.email() == null ? l.email() : update.email(),
                update.givenName() == null ? l.givenName() : update.givenName(),
                update.familyName() == null ? l.familyName() : update.familyName(),
                l.blocked(), update.email() == null || update.email().equalsIgnoreCase(l.email()) ? l.emailVerified() : false));
    }

    @Override
    public void block(String userId) {
        call("block", userId);
        logins.computeIfPresent(userId, (id, l) -> new Login(id, l.tenantId(), l.connection(), l.email(), l.givenName(), l.familyName(), true, l.emailVerified()));
    }

    @Override
    public void unblock(String userId) {
        call("unblock", userId);
        logins.computeIfPresent(userId, (id, l) -> new Login(id, l.tenantId(), l.connection(), l.email(), l.givenName(), l.familyName(), false, l.emailVerified()));
    }

    @Override
    public void deleteLogin(String userId) {
        call("deleteLogin", userId);
        logins.remove(userId);
    }

    @Override
    public URI passwordChangeTicket(String userId) {
        call("passwordChangeTicket", userId);
        return URI.create("https://idp.test/tickets/password-change/" + userId);
    }

    @Override
    public URI emailVerificationTicket(String userId) {
        call("emailVerificationTicket", userId);
        return URI.create("https://idp.test/tickets/email-verification/" + userId);
    }
}
