// The one place that talks HTTP to the user-administration API: base URL, bearer token,
// Idempotency-Key on every change, If-Match, and problem documents (RFC 9457) turned into errors
// that react-admin's forms understand (`body.errors` = {field: message}).
import { HttpError } from 'react-admin';

let apiBase = '';

/** Reads config.json (next to index.html) once; `apiBaseUrl` empty or absent means same origin. */
export async function loadConfig() {
  const fromEnv = import.meta.env.VITE_API_BASE_URL;
  if (fromEnv) apiBase = String(fromEnv).replace(/\/$/, '');
  try {
    const res = await fetch('./config.json', { cache: 'no-store' });
    if (res.ok) {
      const config = await res.json();
      if (typeof config.apiBaseUrl === 'string' && config.apiBaseUrl) apiBase = config.apiBaseUrl.replace(/\/$/, '');
    }
  } catch {
    // no config.json: same origin
  }
  return { apiBaseUrl: apiBase };
}

const SESSION = 'peakcommerce.session';

/** The signed-in session: {token, tenantId, userId, role, tenantName, expiresAt}, kept in sessionStorage. */
export const session = {
  get() {
    try {
      const s = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
      if (s && s.expiresAt && s.expiresAt < Date.now()) return null;
      return s;
    } catch {
      return null;
    }
  },
  set(value) { sessionStorage.setItem(SESSION, JSON.stringify(value)); },
  clear() { sessionStorage.removeItem(SESSION); },
};

export function newIdempotencyKey() {
  if (globalThis.crypto && typeof globalThis.crypto.randomUUID === 'function') return globalThis.crypto.randomUUID();
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Fields of a problem document that are not form inputs: they go into the message, not next to a field.
const NOT_FORM_FIELDS = new Set(['If-Match', 'Idempotency-Key', '(body)', 'Content-Type', 'cursor', 'limit']);

/** The error every failed call rejects with: an HttpError whose body is the problem document. */
function problemError(status, problem, fallback) {
  const fieldErrors = {};
  const list = Array.isArray(problem?.errors) ? problem.errors : [];
  for (const e of list) {
    if (e && e.field && !NOT_FORM_FIELDS.has(e.field)) fieldErrors[e.field] = e.message;
  }
  const message = problem?.detail || problem?.title || problem?.message || fallback || `Request failed (${status})`;
  const body = { ...(problem || {}), problemErrors: list };
  if (Object.keys(fieldErrors).length > 0) body.errors = fieldErrors;
  else delete body.errors;
  return new HttpError(message, status, body);
}

/**
 * One API call. `body` is sent as JSON; every non-GET gets a fresh Idempotency-Key unless one is given.
 * Resolves {status, headers, json}; rejects an HttpError (a problem document as its body).
 */
export async function api(path, { method = 'GET', body, ifMatch, idempotencyKey, query, auth = true, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (auth) {
    const s = session.get();
    if (s?.token) headers.Authorization = `Bearer ${s.token}`;
  }
  if (method !== 'GET' && method !== 'HEAD') headers['Idempotency-Key'] = idempotencyKey || newIdempotencyKey();
  if (ifMatch !== undefined && ifMatch !== null) headers['If-Match'] = `"${ifMatch}"`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let url = apiBase + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    }
    const qs = params.toString();
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }
  let res;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (e) {
    if (e?.name === 'AbortError') throw e;
    throw new HttpError('The service cannot be reached. Check your connection and try again.', 0, {});
  }
  const text = await res.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = { message: text }; }
  }
  if (!res.ok) {
    if (res.status === 401) throw new HttpError('Your session has ended. Please sign in again.', 401, json || {});
    throw problemError(res.status, json, res.statusText);
  }
  return { status: res.status, headers: res.headers, json };
}

/** The version an answer names: the ETag header ("3") or the record's `version`. */
export function versionOf(res) {
  const etag = res.headers.get('ETag');
  const m = etag && etag.match(/"?(\d+)"?/);
  if (m) return Number(m[1]);
  return res.json?.version;
}

/** A stale version: 412, or a 409/412 naming If-Match. */
export function isStaleVersion(error) {
  if (!error) return false;
  if (error.status === 412) return true;
  const list = error.body?.problemErrors || [];
  return error.status === 409 && list.some((e) => e.field === 'If-Match');
}
