/**
 * PeakCommerce user administration: the Auth0 post-login Action (Actions runtime Node 18 or later).
 *
 * After every successful login it reports the login to the service's webhook, POST /hooks/auth0/post-login
 * (SPEC V1, V2), and does what the answer says:
 *   {"action":"allow","claims":{...}}  puts the claims (tenant, user id, role) into the access token;
 *   {"action":"deny"}                  denies the login: a user the service has suspended or does not know
 *                                      (the message does not say which).
 * When the webhook gives no usable answer (a timeout, no connection, a status other than 200, a body that
 * is not JSON), FAIL_OPEN decides: "true" lets the user in without the claims (the API then refuses their
 * calls with 403, but the portal's login page works); anything else (the default) denies the login.
 *
 * The request is signed: X-Signature-Timestamp is the time in UNIX seconds, X-Signature is "v1=" and the
 * hex HMAC-SHA256, keyed with WEBHOOK_SECRET, of "<timestamp>.<body>". The service refuses a request
 * more than 5 minutes old.
 *
 * Secrets (Actions > this Action > Secrets):
 *   WEBHOOK_URL      https://<api>/hooks/auth0/post-login (the stack's PostLoginHookUrl output)
 *   WEBHOOK_SECRET   the value of the SSM parameter PostLoginSecretParameter (at least 32 characters)
 *   CLAIM_NAMESPACE  the stack's ClaimNamespace, e.g. peakcommerce.example: only claims named
 *                    https://<CLAIM_NAMESPACE>/... are set, whatever the answer holds
 *   FAIL_OPEN        "true" or "false" (default false), see above
 *   TIMEOUT_MS       how long to wait for the webhook, in milliseconds (default 3000)
 */
'use strict';

const crypto = require('node:crypto');

const DENIED = 'You cannot sign in to this portal. Please contact your administrator.';
const UNAVAILABLE = 'Signing in is not possible at the moment. Please try again in a few minutes.';
const DEFAULT_TIMEOUT_MS = 3000;

/** What the service needs of Auth0's post-login event, under the event's own names (and nothing else). */
function requestBody(event) {
  const user = event.user || {};
  const appMetadata = user.app_metadata || {};
  const request = event.request || {};
  return {
    user: {
      user_id: user.user_id,
      email: user.email,
      email_verified: user.email_verified === true,
      app_metadata: { tenant_id: appMetadata.tenant_id, user_id: appMetadata.user_id },
    },
    connection: { name: event.connection && event.connection.name },
    stats: { logins_count: event.stats && event.stats.logins_count },
    tenant: { id: event.tenant && event.tenant.id },
    request: { ip: request.ip, user_agent: request.user_agent },
  };
}

/** The X-Signature of a body sent at `timestamp` (UNIX seconds, as a string). */
function sign(secret, timestamp, body) {
  return 'v1=' + crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

function timeoutMs(value) {
  const ms = Number.parseInt(value, 10);
  return Number.isInteger(ms) && ms > 0 ? ms : DEFAULT_TIMEOUT_MS;
}

exports.onExecutePostLogin = async (event, api) => {
  const secrets = event.secrets || {};
  const failOpen = String(secrets.FAIL_OPEN || '').trim().toLowerCase() === 'true';
  const timeout = timeoutMs(secrets.TIMEOUT_MS);

  const noAnswer = (why) => {
    console.log(`post-login webhook ${why}: failing ${failOpen ? 'open, no claims' : 'closed'}`);
    if (!failOpen) api.access.deny(UNAVAILABLE);
  };

  if (!secrets.WEBHOOK_URL || !secrets.WEBHOOK_SECRET) return noAnswer('is not configured (WEBHOOK_URL, WEBHOOK_SECRET)');

  const body = JSON.stringify(requestBody(event));
  const timestamp = String(Math.floor(Date.now() / 1000));
  let answer;
  try {
    const response = await fetch(secrets.WEBHOOK_URL, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-Signature-Timestamp': timestamp,
        'X-Signature': sign(secrets.WEBHOOK_SECRET, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(timeout), // covers reading the answer too
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      return noAnswer(`answered ${response.status}`);
    }
    answer = await response.json();
  } catch (e) {
    return noAnswer(e && e.name === 'TimeoutError' ? `did not answer within ${timeout} ms` : `failed (${e && e.message})`);
  }

  if (answer && answer.action === 'allow' && answer.claims && typeof answer.claims === 'object') {
    const prefix = secrets.CLAIM_NAMESPACE ? `https://${secrets.CLAIM_NAMESPACE}/` : 'https://';
    for (const [name, value] of Object.entries(answer.claims)) {
      if (name.startsWith(prefix)) api.accessToken.setCustomClaim(name, value);
      else console.log(`post-login webhook: claim ${name} is not under ${prefix}; not set`);
    }
    return;
  }
  // "deny", or an answer this Action does not understand: an authentic answer that does not allow denies.
  api.access.deny(DENIED);
};

// For the tests (Auth0 ignores other exports).
exports.requestBody = requestBody;
exports.sign = sign;
exports.messages = { DENIED, UNAVAILABLE };
