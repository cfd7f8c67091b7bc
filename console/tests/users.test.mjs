// Users, as an admin clicks through them: create one of each role, edit, suspend and enable, reset the
// password, log in as, delete, bulk actions, a field error, a stale-version conflict. Each story then
// checks what the API holds.
import { test, before, after } from 'node:test';
import {
  openBrowser, signIn, screen, BASE, api, seeded, assert, uniqueEmail, userByUsername, createUser, choose,
} from './helpers.mjs';

let b;
let page;
before(async () => {
  b = await openBrowser();
  page = b.page;
  await signIn(page, 'GLOBAL_ADMIN');
});
after(async () => { await b?.close(); });

async function mailsTo(address) {
  const mail = await (await fetch(`${BASE}/local/mail`)).json();
  return mail.filter((m) => m.to === address || (Array.isArray(m.to) && m.to.includes(address)));
}

/** The text next to a field (its helper or error line). */
function fieldBox(label) {
  return page.locator('.MuiFormControl-root, .ra-input', { has: page.getByLabel(label, { exact: true }) }).first();
}

async function pickUser(label, search, optionName) {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(search);
  await page.getByRole('option', { name: optionName }).click();
}

async function openNewUser(roleLabel) {
  await page.goto(`${BASE}/#/users`);
  await page.getByRole('link', { name: 'New user' }).click();
  await choose(page, 'Role', roleLabel);
}

async function fillNames(first, last, username) {
  await page.getByLabel('First name', { exact: false }).first().fill(first);
  await page.getByLabel('Last name').fill(last);
  await page.getByLabel('Username (email)').fill(username);
}

async function addUser() {
  await page.getByRole('button', { name: 'Add User' }).click();
  const dialog = page.getByRole('dialog', { name: /User created/ });
  await dialog.waitFor();
  return dialog;
}

test('create a user of each role, with the fields that role takes', async () => {
  const paula = await seeded('PARTNER_ADMIN');
  const ella = await seeded('ACCOUNT_EXECUTIVE');
  const stories = [
    { role: 'GLOBAL_ADMIN', label: 'Global Admin', fill: async () => {} },
    { role: 'SYSTEM_ADMIN', label: 'System Admin', fill: async () => {}, generated: true },
    { role: 'PARTNER_ADMIN', label: 'Partner Admin', fill: async () => choose(page, /^Security realm/, 'All Partner Account Executives'),
      expect: { securityRealm: 'all-partner-account-executives' } },
    { role: 'PARTNER_ACCOUNT_EXECUTIVE', label: 'Partner Account Executive', fill: async () => {
      await choose(page, /^User profile/, 'Standard');
      await pickUser(/^Partner admin/, 'partner', /Paula/);
    }, expect: { profileId: 'standard', partnerAdminId: paula.userId } },
    { role: 'ACCOUNT_EXECUTIVE', label: 'Account Executive (sales rep)', fill: async () => choose(page, /^User profile/, 'Standard'),
      expect: { profileId: 'standard' } },
    { role: 'PARTNER', label: 'Partner', fill: async () => choose(page, /^User profile/, 'Standard'), suspended: true,
      expect: { profileId: 'standard' } },
    { role: 'CUSTOMER', label: 'Customer', fill: async () => {
      await page.getByLabel('Account number *').fill('A000009999');
      await choose(page, /^Amendment date alignment/, 'End of Term');
      await choose(page, /^User profile/, 'Standard');
      await pickUser('Sales rep', 'exec', /Ella/);
      await page.getByLabel('Job title').fill('Buyer');
    }, expect: { accountNumber: 'A000009999', amendmentDateAlignment: 'END_OF_TERM', profileId: 'standard', salesRepId: ella.userId, jobTitle: 'Buyer' } },
  ];
  for (const s of stories) {
    const username = uniqueEmail(s.role.toLowerCase());
    await openNewUser(s.label);
    await fillNames('Nina', `New${s.role.replace(/_/g, '')}`, username);
    // Only the fields of the role are offered.
    assert.equal(await page.getByLabel('Account number').count() > 0, ['CUSTOMER', 'PARTNER_ACCOUNT_EXECUTIVE'].includes(s.role), `${s.role}: account number`);
    assert.equal(await page.getByLabel('Security realm').count() > 0, s.role === 'PARTNER_ADMIN', `${s.role}: realm`);
    assert.equal(await page.getByLabel('User profile').count() > 0, !['GLOBAL_ADMIN', 'SYSTEM_ADMIN', 'PARTNER_ADMIN'].includes(s.role), `${s.role}: profile`);
    await s.fill();
    if (s.generated) await page.getByLabel('Generate a password').check();
    if (s.suspended) await page.getByLabel(/^Suspended/).check();
    if (s.role === 'CUSTOMER') await screen(page, '1280-new-user-filled');
    const dialog = await addUser();
    if (s.generated) {
      const password = await dialog.getByTestId('generated-password').textContent();
      assert.equal(password.length, 20);
      await screen(page, '1280-new-user-generated-password');
    } else if (s.suspended) {
      await dialog.getByText('no activation link was sent').waitFor();
    } else {
      await dialog.getByText(`sent to ${username}`).waitFor();
    }
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Update' }).waitFor();
    const held = await userByUsername(username);
    assert.ok(held, `${s.role} created`);
    assert.equal(held.role, s.role);
    assert.equal(held.status, s.suspended ? 'SUSPENDED' : 'ACTIVE_UNVERIFIED');
    for (const [k, v] of Object.entries(s.expect || {})) assert.equal(held[k], v, `${s.role}.${k}`);
  }
});

test('the activation link can go to a custom address', async () => {
  const username = uniqueEmail('custom');
  const custom = uniqueEmail('elsewhere');
  await openNewUser('Global Admin');
  await fillNames('Cus', 'Tom', username);
  await page.getByLabel('Custom email address').first().check();
  await page.getByRole('textbox', { name: 'Custom email address' }).fill(custom);
  const dialog = await addUser();
  await dialog.getByText(`sent to ${custom}`).waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();
  assert.equal((await mailsTo(custom)).length, 1);
});

test('a field error from the API appears next to its field', async () => {
  await openNewUser('Global Admin');
  await fillNames('Dup', 'Licate', 'cora@demo.example');
  await page.getByRole('button', { name: 'Add User' }).click();
  await fieldBox('Username (email) *').getByText('The username cora@demo.example is already in use.').waitFor();
  await screen(page, '1280-new-user-field-error');
});

test('edit a user: Update saves, a username change warns and makes them unverified, the audit trail shows it', async () => {
  const username = uniqueEmail('edit');
  const user = await createUser({ role: 'CUSTOMER', firstName: 'Eddie', lastName: 'Edit', username, accountNumber: 'A1', amendmentDateAlignment: 'IMMEDIATE', profileId: 'standard' });
  await page.goto(`${BASE}/#/users/${user.id}`);
  await page.getByLabel('Job title').fill('Owner');
  const renamed = uniqueEmail('renamed');
  await page.getByLabel('Username (email) *').fill(renamed);
  await page.getByText('Changing the username sends a verification mail').waitFor();
  await screen(page, '1280-edit-user-username-warning');
  await page.getByRole('button', { name: 'Update' }).click();
  await page.getByText('User updated').waitFor();
  const held = (await api(`/users/${user.id}`)).json;
  assert.equal(held.jobTitle, 'Owner');
  assert.equal(held.username, renamed);
  assert.equal(held.status, 'ACTIVE_UNVERIFIED');
  assert.equal((await mailsTo(renamed)).length, 1, 'a verification mail to the new address');
  const trail = page.getByRole('region', { name: 'Audit trail' });
  await trail.getByText('Username changed').waitFor();
  await trail.getByText('Owner').first().waitFor();
  // Cancel goes back to the list.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForURL(/#\/users$/);
});

test('suspend and enable, reset password, send verification mail, log in as', async () => {
  const username = uniqueEmail('actions');
  const user = await createUser({ role: 'GLOBAL_ADMIN', firstName: 'Acton', lastName: 'Actions', username });
  await page.goto(`${BASE}/#/users/${user.id}`);
  await page.getByRole('heading', { name: 'Acton Actions' }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Suspend User' }).click();
  await page.getByText('User suspended').waitFor();
  await page.getByRole('button', { name: 'Enable User' }).waitFor();
  await page.getByText('Suspended', { exact: true }).first().waitFor();
  assert.equal((await api(`/users/${user.id}`)).json.status, 'SUSPENDED');
  assert.equal(await page.getByRole('button', { name: 'Log in as' }).count(), 0, 'no log in as while suspended');
  await page.getByRole('button', { name: 'Enable User' }).click();
  await page.getByRole('button', { name: 'Suspend User' }).waitFor();
  assert.equal((await api(`/users/${user.id}`)).json.status, 'ACTIVE_UNVERIFIED');

  const before = (await mailsTo(username)).length;
  await page.getByRole('button', { name: 'Reset Password' }).click();
  await page.getByText(`Password-reset mail sent to ${username}`).waitFor();
  await page.getByRole('button', { name: 'Send verification mail' }).click();
  await page.getByText(`Verification mail sent to ${username}`).waitFor();
  assert.equal((await mailsTo(username)).length, before + 2);

  await page.getByRole('button', { name: 'Log in as' }).click();
  const dialog = page.getByRole('dialog', { name: /Log in as/ });
  const token = await dialog.getByLabel('Credential').inputValue();
  assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  await screen(page, '1280-log-in-as');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const audit = (await api(`/users/${user.id}/audit`)).json.items.map((e) => e.action);
  for (const a of ['LOGGED_IN_AS', 'PASSWORD_RESET_SENT', 'VERIFICATION_MAIL_SENT', 'USER_ENABLED', 'USER_SUSPENDED']) assert.ok(audit.includes(a), a);
});

test('delete asks first, then the user is gone', async () => {
  const username = uniqueEmail('delete');
  const user = await createUser({ role: 'SYSTEM_ADMIN', firstName: 'Del', lastName: 'Ete', username });
  await page.goto(`${BASE}/#/users/${user.id}`);
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: /Delete Del Ete/ });
  await screen(page, '1280-delete-user-confirm');
  await dialog.getByRole('button', { name: /Confirm/ }).click();
  await page.waitForURL(/#\/users$/);
  assert.equal((await api(`/users/${user.id}`)).status, 404);
});

test('a stale version is shown as a conflict, and Reload brings the current one', async () => {
  const username = uniqueEmail('stale');
  const user = await createUser({ role: 'GLOBAL_ADMIN', firstName: 'Stale', lastName: 'Version', username });
  await page.goto(`${BASE}/#/users/${user.id}`);
  await page.getByRole('heading', { name: 'Stale Version' }).waitFor();
  await page.getByLabel('Job title').waitFor();
  await page.waitForLoadState('networkidle');
  // Someone else edits the user meanwhile.
  const fresh = await api(`/users/${user.id}`);
  const other = await api(`/users/${user.id}`, { method: 'PATCH', body: { department: 'Finance' }, headers: { 'If-Match': fresh.headers.get('ETag') } });
  assert.equal(other.status, 200);
  await page.getByLabel('Job title').fill('Clerk');
  await page.getByRole('button', { name: 'Update' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this user' });
  await alert.waitFor();
  await screen(page, '1280-edit-user-conflict');
  assert.equal((await api(`/users/${user.id}`)).json.jobTitle, undefined, 'nothing overwritten');
  await alert.getByRole('button', { name: 'Reload' }).click();
  await alert.waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('Department').inputValue(), 'Finance');
  await page.getByLabel('Job title').fill('Clerk');
  await page.getByRole('button', { name: 'Update' }).click();
  await page.getByText('User updated').waitFor();
  const held = (await api(`/users/${user.id}`)).json;
  assert.equal(held.jobTitle, 'Clerk');
  assert.equal(held.department, 'Finance');
});

test('search, filters, and bulk suspend, enable, reset password and delete with the outcome per user', async () => {
  const last = `Bulkowski${Date.now().toString(36)}`;
  const users = [];
  for (const first of ['Anna', 'Bert', 'Cleo']) {
    users.push(await createUser({ role: 'SYSTEM_ADMIN', firstName: first, lastName: last, username: uniqueEmail(`bulk.${first.toLowerCase()}`) }));
  }
  await page.goto(`${BASE}/#/users`);
  await page.getByLabel('Search').fill(last.toLowerCase());
  await page.getByRole('cell', { name: `Cleo ${last}`, exact: true }).waitFor();
  await choose(page, 'Role', 'System Admin');
  await page.getByRole('cell', { name: `Anna ${last}`, exact: true }).waitFor();
  assert.equal(await page.getByRole('row').filter({ hasText: last }).count(), 3);
  await page.getByLabel('Select all on this page').check();
  await page.getByText('3 selected').waitFor();
  await screen(page, '1280-users-bulk-selected');

  const runBulk = async (label, confirm, outcome) => {
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: label }).click();
    if (confirm) await page.getByRole('dialog', { name: new RegExp(`${label} 3 users`) }).getByRole('button', { name: label }).click();
    const dialog = page.getByRole('dialog', { name: `${label}: outcome per user` });
    await dialog.waitFor();
    for (const u of users) await dialog.getByRole('row', { name: new RegExp(`${u.firstName} ${last}.*${outcome}`) }).waitFor();
    return dialog;
  };
  let dialog = await runBulk('Suspend', true, 'Suspended');
  await screen(page, '1280-users-bulk-outcome');
  await dialog.getByRole('button', { name: 'Close' }).click();
  for (const u of users) assert.equal((await api(`/users/${u.id}`)).json.status, 'SUSPENDED');
  await page.getByRole('row').filter({ hasText: `Anna ${last}` }).getByText('Suspended').waitFor();

  await page.getByLabel('Select all on this page').check();
  dialog = await runBulk('Enable', false, 'Enabled');
  await dialog.getByRole('button', { name: 'Close' }).click();
  for (const u of users) assert.equal((await api(`/users/${u.id}`)).json.status, 'ACTIVE_UNVERIFIED');

  await page.getByLabel('Select all on this page').check();
  dialog = await runBulk('Reset password', false, 'Password-reset mail sent');
  await dialog.getByRole('button', { name: 'Close' }).click();
  for (const u of users) assert.ok((await mailsTo(u.username)).some((m) => /password/i.test(m.subject)));

  await page.getByLabel('Select all on this page').check();
  dialog = await runBulk('Delete', true, 'Deleted');
  await dialog.getByRole('button', { name: 'Close' }).click();
  for (const u of users) assert.equal((await api(`/users/${u.id}`)).status, 404);
  await page.getByText('No users found.').waitFor();
});
