// Sign-in for the local run (GET /local lists the seeded tenants and users; POST /local/tokens
// mints a token), the session in sessionStorage, and what the signed-in user may reach: every menu
// entry is a GET the API answers (403/404 hides it), never a copy of the rules.
import { api, session } from './api';
import { dataProvider, resetCursors } from './dataProvider';

export const ROLES = [
  'GLOBAL_ADMIN', 'SYSTEM_ADMIN', 'PARTNER_ADMIN', 'ACCOUNT_EXECUTIVE', 'PARTNER_ACCOUNT_EXECUTIVE', 'PARTNER', 'CUSTOMER',
];

let permissions = null; // {token, promise}

async function probe() {
  const canListUsers = await dataProvider.canRead('/users', { limit: 1 });
  const [visibleRoles, canListProfiles, canReadSettings, canListRealms] = await Promise.all([
    canListUsers
      ? Promise.all(ROLES.map((role) => dataProvider.canRead('/users', { role, limit: 1 }))).then((ok) => ROLES.filter((_, i) => ok[i]))
      : Promise.resolve([]),
    dataProvider.canRead('/profiles', { limit: 1 }),
    dataProvider.canRead('/profile-settings'),
    dataProvider.canRead('/partner-admin-realms'),
  ]);
  const role = session.get()?.role;
  return {
    role,
    canListUsers,
    visibleRoles,
    canListProfiles,
    canReadSettings,
    canListRealms,
    // Not in the API yet (no allowedActions on profiles, nothing says who may create users): the
    // documented rules (README, "Behaviour where the spec is silent"), until the API says.
    canManageProfiles: canListProfiles && (role === 'GLOBAL_ADMIN' || role === 'SYSTEM_ADMIN'),
    canCreateUsers: canListUsers && role !== 'ACCOUNT_EXECUTIVE' && role !== 'PARTNER',
  };
}

export const authProvider = {
  async login({ tenantId, userId }) {
    const res = await api('/local/tokens', { method: 'POST', body: { tenantId, userId }, auth: false });
    const t = res.json;
    session.set({
      token: t.token,
      tenantId: t.tenantId,
      userId: t.userId,
      role: t.role,
      expiresAt: Date.now() + (Number(t.expiresIn) || 3600) * 1000,
    });
    permissions = null;
    resetCursors();
  },
  async logout() {
    session.clear();
    permissions = null;
    resetCursors();
  },
  async checkAuth() {
    if (!session.get()) throw new Error('Please sign in');
  },
  async checkError(error) {
    if (error?.status === 401) {
      session.clear();
      permissions = null;
      throw new Error('Your session has ended. Please sign in again.');
    }
    // 403 and 404 are answers about one thing, not about the session.
  },
  async getIdentity() {
    const s = session.get();
    if (!s) throw new Error('Not signed in');
    try {
      const me = await dataProvider.me();
      return { id: me.id, fullName: `${me.displayName} (${roleLabel(me.role)})` };
    } catch {
      return { id: s.userId, fullName: roleLabel(s.role) };
    }
  },
  async getPermissions() {
    const s = session.get();
    if (!s) return null;
    if (!permissions || permissions.token !== s.token) permissions = { token: s.token, promise: probe() };
    try {
      return await permissions.promise;
    } catch (e) {
      permissions = null;
      throw e;
    }
  },
};

const ROLE_LABELS = {
  GLOBAL_ADMIN: 'Global Admin',
  SYSTEM_ADMIN: 'System Admin',
  PARTNER_ADMIN: 'Partner Admin',
  ACCOUNT_EXECUTIVE: 'Account Executive (sales rep)',
  PARTNER_ACCOUNT_EXECUTIVE: 'Partner Account Executive',
  PARTNER: 'Partner',
  CUSTOMER: 'Customer',
};

export function roleLabel(role) {
  return ROLE_LABELS[role] || role || '';
}

export const roleChoices = (roles = ROLES) => roles.map((id) => ({ id, name: roleLabel(id) }));
