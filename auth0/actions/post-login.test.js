// Tests of the post-login Action, with node's own test runner: node --test auth0/actions/
// The webhook is a local HTTP server that checks the signature as the service does.
'use strict';

const { test, describe, before, after, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const action = require('./post-login.js');

const SECRET = 'test-post-login-secret-0123456789abcdef';

/** Auth0's post-login event (documented shape, see shared reference post-login-event_docs-skeleton.json). */
function loginEvent(secrets) {
  return {
    secrets,
    client: { client_id: 'aI61p8I8aFjmYRliLWgvM9ev97kCCNDB', metadata: {}, name: 'PeakCommerce Portal' },
    connection: { id: 'con_1a5wCUmAs6VOU17n', name: 'users-demo', strategy: 'auth0' },
    request: {
      body: { username: 'carla@example.com', password: 'never-forward-me' },
      geoip: { countryCode: 'DE' },
      ip: '198.51.100.23',
      method: 'POST',
      query: { state: 'abc' },
      user_agent: 'Mozilla/5.0',
    },
    stats: { logins_count: 1 },
    tenant: { id: 'peakcommerce-prod' },
    user: {
      user_id: 'auth0|00000000-0000-4000-8000-000000000002',
      email: 'carla@example.com',
      email_verified: true,
      given_name: 'Carla',
      family_name: 'Customer',
      app_metadata: { tenant_id: 'demo', user_id: '00000000-0000-4000-8000-000000000002', other: 'not sent' },
      user_metadata: { theme: 'dark' },
    },
  };
}

/** The Action's `api`, recording what the Action does. */
function recordingApi() {
  const done = { denied: null, claims: {} };
  return {
    done,
    access: { deny: (reason) => { done.denied = reason; } },
    accessToken: { setCustomClaim: (name, value) => { done.claims[name] = value; } },
  };
}

function verify(secret, headers, body) {
  const timestamp = headers['x-signature-timestamp'];
  const expected = 'v1=' + crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  const given = headers['x-signature'] || '';
  return given.length === expected.length
    && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))
    && Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
}

describe('post-login Action', () => {
  let server;
  let url;
  let requests;
  let reply; // (body, res) => void

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        requests.push({ method: req.method, headers: req.headers, body });
        if (!verify(SECRET, req.headers, body)) {
          res.writeHead(401, { 'Content-Type': 'application/problem+json' }).end('{"status":401}');
          return;
        }
        reply(JSON.parse(body), res);
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}/hooks/auth0/post-login`;
  });

  after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));

  beforeEach(() => {
    requests = [];
    reply = (body, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({
      action: 'allow',
      claims: {
        'https://peakcommerce.example/tenant': body.user.app_metadata.tenant_id,
        'https://peakcommerce.example/user_id': body.user.app_metadata.user_id,
        'https://peakcommerce.example/role': 'CUSTOMER',
      },
    }));
  });

  const secrets = (more) => ({ WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET, CLAIM_NAMESPACE: 'peakcommerce.example', ...more });

  test('reports the login, signed, and puts the allowed claims into the access token', async () => {
    const api = recordingApi();

    await action.onExecutePostLogin(loginEvent(secrets()), api);

    assert.equal(requests.length, 1);
    assert.equal(requests[0].method, 'POST');
    assert.equal(requests[0].headers['content-type'], 'application/json');
    assert.match(requests[0].headers['x-signature'], /^v1=[0-9a-f]{64}$/);
    assert.equal(api.done.denied, null);
    assert.deepEqual(api.done.claims, {
      'https://peakcommerce.example/tenant': 'demo',
      'https://peakcommerce.example/user_id': '00000000-0000-4000-8000-000000000002',
      'https://peakcommerce.example/role': 'CUSTOMER',
    });
  });

  test('sends the documented event fields the service reads, and nothing else of the event', async () => {
    await action.onExecutePostLogin(loginEvent(secrets()), recordingApi());

    assert.deepEqual(JSON.parse(requests[0].body), {
      user: {
        user_id: 'auth0|00000000-0000-4000-8000-000000000002',
        email: 'carla@example.com',
        email_verified: true,
        app_metadata: { tenant_id: 'demo', user_id: '00000000-0000-4000-8000-000000000002' },
      },
      connection: { name: 'users-demo' },
      stats: { logins_count: 1 },
      tenant: { id: 'peakcommerce-prod' },
      request: { ip: '198.51.100.23', user_agent: 'Mozilla/5.0' },
    });
    assert.ok(!requests[0].body.includes('never-forward-me'), 'the login request body (a password) is never forwarded');
  });

  test('denies the login when the service answers deny', async () => {
    reply = (body, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"action":"deny"}');
    const api = recordingApi();

    await action.onExecutePostLogin(loginEvent(secrets({ FAIL_OPEN: 'true' })), api);

    assert.equal(api.done.denied, action.messages.DENIED, 'a deny is a deny even when failing open');
    assert.deepEqual(api.done.claims, {});
  });

  test('an answer it does not understand denies', async () => {
    reply = (body, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"action":"maybe"}');
    const api = recordingApi();

    await action.onExecutePostLogin(loginEvent(secrets({ FAIL_OPEN: 'true' })), api);

    assert.equal(api.done.denied, action.messages.DENIED);
  });

  test('sets only claims under its CLAIM_NAMESPACE', async () => {
    reply = (body, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({
      action: 'allow',
      claims: { 'https://peakcommerce.example/tenant': 'demo', 'https://evil.example/admin': true, sub: 'someone-else' },
    }));
    const api = recordingApi();

    await action.onExecutePostLogin(loginEvent(secrets()), api);

    assert.deepEqual(api.done.claims, { 'https://peakcommerce.example/tenant': 'demo' });
  });

  for (const [failOpen, denied] of [[undefined, true], ['false', true], ['true', false]]) {
    test(`on a timeout with FAIL_OPEN=${failOpen} it ${denied ? 'denies' : 'lets the user in without claims'}`, async () => {
      reply = (body, res) => setTimeout(() => res.writeHead(200).end('{"action":"allow","claims":{}}'), 1000);
      const api = recordingApi();
      const started = Date.now();

      await action.onExecutePostLogin(loginEvent(secrets({ FAIL_OPEN: failOpen, TIMEOUT_MS: '150' })), api);

      assert.ok(Date.now() - started < 900, 'it did not wait for the answer');
      assert.equal(api.done.denied, denied ? action.messages.UNAVAILABLE : null);
      assert.deepEqual(api.done.claims, {});
    });
  }

  for (const [failOpen, denied] of [[undefined, true], ['true', false]]) {
    test(`on a 5xx with FAIL_OPEN=${failOpen} it ${denied ? 'denies' : 'lets the user in without claims'}`, async () => {
      reply = (body, res) => res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"message":"Service Unavailable"}');
      const api = recordingApi();

      await action.onExecutePostLogin(loginEvent(secrets({ FAIL_OPEN: failOpen })), api);

      assert.equal(api.done.denied, denied ? action.messages.UNAVAILABLE : null);
      assert.deepEqual(api.done.claims, {});
    });
  }

  test('a wrong secret is refused by the webhook and the login fails closed by default', async () => {
    const api = recordingApi();

    await action.onExecutePostLogin(loginEvent(secrets({ WEBHOOK_SECRET: 'another-secret-0123456789abcdef0123' })), api);

    assert.equal(api.done.denied, action.messages.UNAVAILABLE);
  });

  test('an unreachable webhook fails as configured', async () => {
    const closed = http.createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${closed.address().port}/hooks/auth0/post-login`;
    await new Promise((resolve) => closed.close(resolve));

    const shut = recordingApi();
    await action.onExecutePostLogin(loginEvent(secrets({ WEBHOOK_URL: deadUrl })), shut);
    assert.equal(shut.done.denied, action.messages.UNAVAILABLE);

    const open = recordingApi();
    await action.onExecutePostLogin(loginEvent(secrets({ WEBHOOK_URL: deadUrl, FAIL_OPEN: 'TRUE' })), open);
    assert.equal(open.done.denied, null);
  });

  test('without its secrets it does not call anything and fails as configured', async () => {
    const api = recordingApi();

    await action.onExecutePostLogin(loginEvent({ CLAIM_NAMESPACE: 'peakcommerce.example' }), api);

    assert.equal(requests.length, 0);
    assert.equal(api.done.denied, action.messages.UNAVAILABLE);
  });
});

test('the signature matches the vector the Java side checks too', () => {
  const vector = JSON.parse(fs.readFileSync(path.join(__dirname, 'signature-vector.json'), 'utf8'));

  assert.equal(action.sign(vector.secret, vector.timestamp, vector.body), vector.signature);
});

test('the request body of the shared event is what the Action builds', () => {
  const event = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'events', 'post-login-hook.json'), 'utf8'));
  const sent = JSON.parse(event.body);
  const rebuilt = action.requestBody({
    user: { ...sent.user, app_metadata: { ...sent.user.app_metadata } },
    connection: { id: 'con_1a5wCUmAs6VOU17n', name: sent.connection.name, strategy: 'auth0' },
    stats: sent.stats,
    tenant: sent.tenant,
    request: sent.request,
  });

  assert.deepEqual(rebuilt, sent, 'events/post-login-hook.json holds exactly what the Action sends');
});
