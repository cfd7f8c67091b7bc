package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Conflict;
import com.peakcommerce.useradmin.domain.DomainException.Forbidden;
import com.peakcommerce.useradmin.jose.Es256;
import com.peakcommerce.useradmin.ports.ImpersonationGrants.Grant;
import com.peakcommerce.useradmin.ports.ImpersonationGrants;
import com.peakcommerce.useradmin.ports.Snapshots;
import com.peakcommerce.useradmin.ports.Stores;
import com.peakcommerce.useradmin.ports.TokenSigner;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Log in as (SPEC U11): an admin who may manage a user gets a credential that lets the portal act as
 * that user, once, within {@link #LIFETIME}.
 *
 * <p>The credential is a compact JWS (ES256, header {@code typ} {@value #TYPE}) whose claims name the
 * user as {@code sub}, the admin as {@code act.sub} (RFC 8693), the tenant, a random {@code jti}, and
 * {@code purpose} {@value #PURPOSE}. The service signs it first and then writes its grant and the
 * audit entry in one transaction: a failure before the write leaves a credential no redeem accepts
 * (no grant) and no entry; a failure of the write leaves nothing. The portal redeems it once
 * ({@link #redeem}), which marks the grant in one conditional write.
 */
public final class Impersonation {
    /** The longest a credential is valid (SPEC U11: at most 5 minutes). */
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    public static final String PURPOSE = "log-in-as";
    /** The JWS {@code typ} (RFC 8725 explicit typing): no other kind of JWT can pass for this one. */
    public static final String TYPE = "log-in-as+jwt";
    /** Clock difference tolerated on {@code iat}. */
    private static final long SKEW_SECONDS = 60;

    /**
     * @param issuer         {@code iss}: the API's URL (or another name for this service)
     * @param audience       {@code aud}: the portal that redeems the credentials
     * @param claimNamespace the namespace of the tenant claim, as in the Auth0 access tokens
     */
    public record Config(String issuer, String audience, String claimNamespace) {
        public String tenantClaim() { return "https://" + claimNamespace + "/tenant"; }
    }

    /** What the admin gets: the credential and, readable without decoding it, what it says. */
    public record Issued(String token, Instant expiresAt, String tenant, String subject, String actor, String jti) {}

    /** What a redeem vouches for: act as {@code subject} in {@code tenant}, on behalf of {@code actor}. */
    public record Redeemed(String tenant, String subject, String actor, String jti, Instant expiresAt) {}

    /** The credential is not one this service issued for this audience, or it has expired: 401. */
    public static final class InvalidCredential extends RuntimeException {
        public InvalidCredential(String message) { super(message, null, false, false); }
    }

    private final Snapshots snapshots;
    private final ImpersonationGrants grants;
    private final TokenSigner signer;
    private final Clock clock;
    private final Supplier<String> jtis;
    private final Config config;

    public Impersonation(Stores stores, ImpersonationGrants grants, TokenSigner signer, Clock clock, Supplier<String> jtis, Config config) {
        this.snapshots = stores.snapshots();
        this.grants = grants;
        this.signer = signer;
        this.clock = clock;
        this.jtis = jtis;
        this.config = config;
    }

    /**
     * A credential to act as {@code userId}, for an admin who may manage that user ({@link Policy#decide}):
     * never as oneself (403), never as a suspended or still-provisioning user (409). Records
     * {@code LOGGED_IN_AS} on the user's trail, with the admin as actor. (Only the target's trail: the
     * entry names the admin, and an admin's own trail records changes to the admin.)
     */
    public Issued issue(CallerId callerId, String userId) {
        // The policy refuses it too; refused here before any read.
        if (callerId.userId().equals(userId)) throw new Forbidden("You cannot log in as yourself.");
        Access.Managed managed = Access.checked(snapshots, callerId, userId, Policy.Action.LOG_IN_AS);
        User target = managed.target();

        Instant now = clock.instant();
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        Instant expiresAt = issuedAt.plus(LIFETIME);
        String jti = jtis.get();
        String kid = (String) signer.publicJwk().get("kid");

        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", Es256.ALG);
        header.put("typ", TYPE);
        header.put("kid", kid);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", config.issuer());
        claims.put("aud", config.audience());
        claims.put("sub", target.id());
        claims.put("act", Map.of("sub", managed.caller().id()));
        claims.put(config.tenantClaim(), callerId.tenantId());
        claims.put("purpose", PURPOSE);
        claims.put("jti", jti);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        String signingInput = Es256.signingInput(header, claims);
        String token = signingInput + "." + Es256.b64(signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));

        Map<String, String> details = new LinkedHashMap<>();
        details.put("jti", jti);
        details.put("expiresAt", expiresAt.toString());
        AuditEntry entry = AuditEntry.ofUser(callerId, target.id(), AuditEntry.Action.LOGGED_IN_AS, now, Map.of(), details);
        grants.issue(new Grant(callerId.tenantId(), jti, target.id(), managed.caller().id(), issuedAt, expiresAt, callerId.requestId()), List.of(entry));
        return new Issued(token, expiresAt, callerId.tenantId(), target.id(), managed.caller().id(), jti);
    }

    /**
     * Checks a credential (signature with the service's key, {@code alg}, {@code typ}, {@code kid},
     * {@code iss}, {@code aud}, {@code exp}, {@code purpose}, {@code act}) and uses it up: a credential that
     * fails a check, or whose grant is gone, is {@link InvalidCredential} (401); one redeemed before, or
     * whose user or admin is no longer active, is a {@link Conflict} (409).
     */
    public Redeemed redeem(String token) {
        Es256.Parsed jws = Es256.parse(token).orElseThrow(() -> new InvalidCredential("The token is not a compact JWS."));
        Map<String, Object> jwk = signer.publicJwk();
        Map<String, Object> header = jws.header();
        if (!Es256.ALG.equals(header.get("alg")) || !TYPE.equals(header.get("typ")) || !Objects.equals(jwk.get("kid"), header.get("kid"))) {
            throw new InvalidCredential("The token is not a log-in-as credential of this service.");
        }
        ECPublicKey key = Es256.publicKey(jwk);
        if (!Es256.verify(key, jws.signingInput(), jws.signature())) throw new InvalidCredential("The token's signature does not verify.");

        Map<String, Object> claims = jws.claims();
        long now = clock.instant().getEpochSecond();
        if (!config.issuer().equals(claims.get("iss"))) throw new InvalidCredential("The token's issuer is not this service.");
        if (!audienceMatches(claims.get("aud"))) throw new InvalidCredential("The token is not meant for this audience.");
        if (!PURPOSE.equals(claims.get("purpose"))) throw new InvalidCredential("The token is not a log-in-as credential.");
        long exp = number(claims.get("exp"));
        long iat = number(claims.get("iat"));
        if (exp <= now) throw new InvalidCredential("The token has expired.");
        if (iat > now + SKEW_SECONDS || exp - iat > LIFETIME.toSeconds()) throw new InvalidCredential("The token's lifetime is not one this service gives.");
        String subject = id(claims.get("sub"));
        String actor = claims.get("act") instanceof Map<?, ?> act ? id(act.get("sub")) : null;
        String tenant = id(claims.get(config.tenantClaim()));
        String jti = id(claims.get("jti"));
        if (subject == null || actor == null || tenant == null || jti == null) throw new InvalidCredential("The token lacks its subject, actor, tenant or id.");

        return switch (grants.redeem(tenant, jti, subject, actor, clock.instant())) {
            case REDEEMED -> new Redeemed(tenant, subject, actor, jti, Instant.ofEpochSecond(exp));
            case UNKNOWN -> throw new InvalidCredential("The token was not issued by this service or is no longer valid.");
            case EXPIRED -> throw new InvalidCredential("The token has expired.");
            case ALREADY_REDEEMED -> throw new Conflict("token", "The token has been redeemed already; it is good for one use.");
            case SUBJECT_INACTIVE -> throw new Conflict("token", "The user is no longer active (suspended or deleted since the token was issued).");
            case ACTOR_INACTIVE -> throw new Conflict("token", "The admin who asked for the token is no longer active.");
        };
    }

    /** The JSON Web Key Set of the signing key, as published at {@code /.well-known/jwks.json}. */
    public static Map<String, Object> jwks(TokenSigner signer) {
        return Map.of("keys", List.of(signer.publicJwk()));
    }

    private boolean audienceMatches(Object aud) {
        if (aud instanceof String one) return config.audience().equals(one);
        if (aud instanceof List<?> many) return many.contains(config.audience());
        return false;
    }

    private static long number(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
        throw new InvalidCredential("The token's iat and exp must be numbers.");
    }

    private static String id(Object value) {
        return value instanceof String s && Identifiers.isId(s) ? s : null;
    }
}
