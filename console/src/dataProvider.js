// react-admin's data provider over the API: cursors to pages, version to If-Match, merge patches
// from the form's changes, and the user actions (suspend, enable, mails, log in as) and self-service.
import { api, versionOf } from './api';

/** What a person edits on a user; everything else (id, status, version, timestamps...) is the service's. */
export const USER_FIELDS = [
  'role', 'firstName', 'lastName', 'username', 'accountNumber', 'amendmentDateAlignment', 'profileId',
  'partnerId', 'salesRepId', 'partnerAdminId', 'securityRealm', 'primary', 'noticeToUser', 'displayName',
  'company', 'jobTitle', 'department', 'alternativeEmail', 'phone', 'streetAddress', 'city', 'state',
  'postalCode', 'country',
];

const PATHS = {
  users: '/users',
  profiles: '/profiles',
  'partner-admin-realms': '/partner-admin-realms',
};

function pathOf(resource) {
  const p = PATHS[resource];
  if (!p) throw new Error(`Unknown resource ${resource}`);
  return p;
}

const blank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A JSON merge patch taking `previous` to `next` over `fields`: changed values, and null for cleared ones. */
export function mergePatch(previous, next, fields) {
  const patch = {};
  for (const f of fields) {
    const before = previous?.[f];
    const after = typeof next?.[f] === 'string' ? next[f].trim() : next?.[f];
    if (blank(after)) {
      if (!blank(before)) patch[f] = null;
    } else if (after !== before) {
      patch[f] = after;
    }
  }
  return patch;
}

/** Only the set values, trimmed: a create body. */
export function compact(data, fields) {
  const out = {};
  for (const f of fields) {
    const v = typeof data?.[f] === 'string' ? data[f].trim() : data?.[f];
    if (!blank(v)) out[f] = v;
  }
  return out;
}

// Cursor paging: the cursor of each page of each query (resource + filter + page size), learnt as the
// pages are read. Page 1 needs none; page n is reached through page n-1's nextCursor.
const cursors = new Map();

async function page(path, key, query, pageNumber, perPage) {
  let known = cursors.get(key);
  if (!known) {
    known = [undefined, undefined];
    cursors.set(key, known);
  }
  // Walk forward from the last page whose cursor is known (a jump, or the cache was reset).
  let n = 1;
  for (let i = pageNumber; i > 1; i -= 1) if (known[i] !== undefined) { n = i; break; }
  while (n < pageNumber) {
    const res = await api(path, { query: { ...query, limit: perPage, cursor: known[n] } });
    if (!res.json.nextCursor) break;
    known[n + 1] = res.json.nextCursor;
    n += 1;
  }
  const target = Math.min(pageNumber, n);
  const res = await api(path, { query: { ...query, limit: perPage, cursor: known[target] } });
  const next = res.json.nextCursor;
  if (next) known[target + 1] = next;
  else known.length = target + 1;
  return { items: res.json.items || [], hasNextPage: !!next, hasPreviousPage: target > 1 };
}

const USER_FILTERS = ['role', 'status', 'accountNumber', 'partnerId', 'salesRepId', 'partnerAdminId', 'q'];

function userQuery(filter = {}) {
  const query = {};
  for (const f of USER_FILTERS) if (!blank(filter[f])) query[f] = typeof filter[f] === 'string' ? filter[f].trim() : filter[f];
  return query;
}

export const dataProvider = {
  async getList(resource, params) {
    const { page: pageNumber = 1, perPage = 25 } = params.pagination || {};
    if (resource === 'partner-admin-realms') {
      const res = await api('/partner-admin-realms');
      const items = res.json.items || [];
      return { data: items, total: items.length };
    }
    const query = resource === 'users' ? userQuery(params.filter) : {};
    const path = pathOf(resource);
    const key = JSON.stringify([resource, query, perPage]);
    const { items, hasNextPage, hasPreviousPage } = await page(path, key, query, pageNumber, Math.min(100, perPage));
    return { data: items, pageInfo: { hasNextPage, hasPreviousPage } };
  },

  async getOne(resource, params) {
    const res = await api(`${pathOf(resource)}/${encodeURIComponent(params.id)}`);
    const data = { ...res.json };
    if (resource !== 'partner-admin-realms') data.version = versionOf(res) ?? data.version;
    return { data };
  },

  async getMany(resource, params) {
    const results = await Promise.all(params.ids.filter((id) => !blank(id)).map((id) =>
      api(`${pathOf(resource)}/${encodeURIComponent(id)}`).then((r) => r.json).catch(() => null)));
    return { data: results.filter(Boolean) };
  },

  async getManyReference(resource, params) {
    const { page: pageNumber = 1, perPage = 25 } = params.pagination || {};
    if (resource === 'audit') {
      const path = `/users/${encodeURIComponent(params.id)}/audit`;
      const key = JSON.stringify(['audit', params.id, perPage]);
      const { items, hasNextPage, hasPreviousPage } = await page(path, key, {}, pageNumber, perPage);
      // Audit entries have no id of their own: the time and action name one within a trail.
      const data = items.map((e, i) => ({ ...e, id: `${e.at}-${e.action}-${pageNumber}-${i}` }));
      return { data, pageInfo: { hasNextPage, hasPreviousPage } };
    }
    return dataProvider.getList(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } });
  },

  async create(resource, params) {
    const res = await api(pathOf(resource), { method: 'POST', body: params.data });
    return { data: { ...res.json, version: versionOf(res) ?? res.json.version } };
  },

  async update(resource, params) {
    const previous = params.previousData || {};
    let patch;
    if (resource === 'users') {
      patch = mergePatch(previous, params.data, USER_FIELDS);
    } else if (resource === 'profiles') {
      patch = {};
      const name = (params.data.name || '').trim();
      if (name !== previous.name) patch.name = name;
      const settings = {};
      for (const [tab, values] of Object.entries(params.data.settings || {})) {
        for (const [setting, option] of Object.entries(values || {})) {
          if (previous.settings?.[tab]?.[setting] !== option) {
            settings[tab] = settings[tab] || {};
            settings[tab][setting] = option ?? null;
          }
        }
      }
      if (Object.keys(settings).length) patch.settings = settings;
    } else {
      throw new Error(`${resource} cannot be changed`);
    }
    if (Object.keys(patch).length === 0) return { data: previous };
    const res = await api(`${pathOf(resource)}/${encodeURIComponent(params.id)}`, {
      method: 'PATCH', body: patch, ifMatch: previous.version,
    });
    return { data: { ...res.json, version: versionOf(res) ?? res.json.version, allowedActions: previous.allowedActions } };
  },

  async delete(resource, params) {
    const query = {};
    if (params.meta?.replacement) query.replacement = params.meta.replacement;
    await api(`${pathOf(resource)}/${encodeURIComponent(params.id)}`, {
      method: 'DELETE', query, ifMatch: resource === 'profiles' ? params.previousData?.version : undefined,
    });
    return { data: params.previousData || { id: params.id } };
  },

  async deleteMany(resource, params) {
    const ids = [];
    for (const id of params.ids) {
      await api(`${pathOf(resource)}/${encodeURIComponent(id)}`, { method: 'DELETE' });
      ids.push(id);
    }
    return { data: ids };
  },

  async updateMany() {
    throw new Error('Not supported: change users one by one');
  },

  // ---- beyond CRUD ----------------------------------------------------------------------------

  /** POST /users/{id}/{suspend|enable|password-reset|verification-email|impersonation}: the answer's body. */
  async userAction(id, action) {
    const paths = {
      suspend: 'suspend', enable: 'enable', resetPassword: 'password-reset',
      sendVerificationEmail: 'verification-email', logInAs: 'impersonation',
    };
    const res = await api(`/users/${encodeURIComponent(id)}/${paths[action]}`, { method: 'POST' });
    return res.json;
  },

  async profileSettings() {
    return (await api('/profile-settings')).json;
  },

  async me() {
    const res = await api('/me');
    return { ...res.json, version: versionOf(res) ?? res.json.version };
  },

  async updateMe(version, names) {
    const res = await api('/me', { method: 'PATCH', body: names, ifMatch: version });
    return { ...res.json, version: versionOf(res) ?? res.json.version };
  },

  async changeMyEmail(version, email) {
    const res = await api('/me/email', { method: 'POST', body: { email }, ifMatch: version });
    return { ...res.json, version: versionOf(res) ?? res.json.version };
  },

  async resetMyPassword() {
    return (await api('/me/password-reset', { method: 'POST' })).json;
  },

  /** Whether a GET is allowed to the caller: false when the API answers 403 or 404. */
  async canRead(path, query) {
    try {
      await api(path, { query });
      return true;
    } catch (e) {
      if (e.status === 403 || e.status === 404 || e.status === 400) return false;
      throw e;
    }
  },

};

/** Forget every learnt cursor (after changes that move users between pages). Not a data-provider method:
 * react-admin's wrapper expects those to return promises. */
export function resetCursors() { cursors.clear(); }
