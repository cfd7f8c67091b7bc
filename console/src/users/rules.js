// Which fields each role takes: the API's `RoleFieldRules` (docs/openapi.yaml, SPEC U1). The API has no
// route that serves this table, so the form mirrors it; the service still checks every request and
// its field errors appear next to the fields.
export const CONTACT_FIELDS = [
  'displayName', 'company', 'jobTitle', 'department', 'alternativeEmail', 'phone',
  'streetAddress', 'city', 'state', 'postalCode', 'country',
];

const DEPRECATED = ['primary', 'noticeToUser'];

export const ROLE_FIELDS = {
  GLOBAL_ADMIN: { required: [], allowed: DEPRECATED },
  SYSTEM_ADMIN: { required: [], allowed: DEPRECATED },
  PARTNER_ADMIN: { required: ['securityRealm'], allowed: [] },
  PARTNER_ACCOUNT_EXECUTIVE: { required: ['profileId', 'partnerAdminId'], allowed: ['accountNumber', ...DEPRECATED] },
  ACCOUNT_EXECUTIVE: { required: ['profileId'], allowed: DEPRECATED },
  PARTNER: { required: ['profileId'], allowed: DEPRECATED },
  CUSTOMER: { required: ['accountNumber', 'amendmentDateAlignment', 'profileId'], allowed: ['partnerId', 'salesRepId', ...DEPRECATED] },
};

/** The fields a role takes beyond names, username and contact fields, in form order. */
export const ROLE_SPECIFIC_ORDER = [
  'securityRealm', 'accountNumber', 'amendmentDateAlignment', 'profileId', 'partnerId', 'salesRepId', 'partnerAdminId',
  'primary', 'noticeToUser',
];

export function fieldsOf(role) {
  const rules = ROLE_FIELDS[role];
  if (!rules) return [];
  const set = new Set([...rules.required, ...rules.allowed]);
  return ROLE_SPECIFIC_ORDER.filter((f) => set.has(f));
}

export function isRequired(role, field) {
  if (['role', 'firstName', 'lastName', 'username'].includes(field)) return true;
  return !!ROLE_FIELDS[role]?.required.includes(field);
}

/** Every field the role's record may carry (for a create body and for clearing on a role change). */
export function allFieldsOf(role) {
  return ['role', 'firstName', 'lastName', 'username', ...fieldsOf(role), ...CONTACT_FIELDS];
}

/** Seed 003: what a Partner Admin may change on their Partner Account Executives. */
export const PARTNER_ADMIN_EDITABLE = ['firstName', 'lastName', 'username', 'accountNumber', 'profileId', 'partnerAdminId'];

export const AMENDMENT_CHOICES = [
  { id: 'IMMEDIATE', name: 'Immediate' },
  { id: 'NEXT_BILLING_PERIOD', name: 'Next Billing Period' },
  { id: 'END_OF_TERM', name: 'End of Term' },
];

export const STATUS_CHOICES = [
  { id: 'ACTIVE_UNVERIFIED', name: 'Active (unverified)' },
  { id: 'ACTIVE_VERIFIED', name: 'Active (verified)' },
  { id: 'SUSPENDED', name: 'Suspended' },
  { id: 'PROVISIONING', name: 'Provisioning' },
];

export const LABELS = {
  role: 'Role',
  firstName: 'First name',
  lastName: 'Last name',
  username: 'Username (email)',
  accountNumber: 'Account number',
  amendmentDateAlignment: 'Amendment date alignment',
  profileId: 'User profile',
  partnerId: 'Partner',
  salesRepId: 'Sales rep',
  partnerAdminId: 'Partner admin',
  securityRealm: 'Security realm',
  primary: 'Primary (deprecated)',
  noticeToUser: 'Notice to user (deprecated)',
  displayName: 'Display name',
  company: 'Company',
  jobTitle: 'Job title',
  department: 'Department',
  alternativeEmail: 'Alternative email',
  phone: 'Phone',
  streetAddress: 'Street address',
  city: 'City',
  state: 'State',
  postalCode: 'Postal code',
  country: 'Country',
};
