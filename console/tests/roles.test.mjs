// What each role sees: a Partner Admin's limited view (their Partner Account Executives only, no
// realms, profiles read-only), a sales rep's read-only customers, a customer's My Profile only.
import { test } from 'node:test';
import { openBrowser, signIn, screen, BASE, api, apiAs, seeded, assert, uniqueEmail, userByUsername, choose } from './helpers.mjs';

const menu = (page) => page.getByRole('menu').or(page.locator('.RaMenu-open, .RaMenu-closed')).first();

test('a Partner Admin sees and creates only Partner Account Executives, tied to them', async (t) => {
  const b = await openBrowser();
  t.after(() => b.close());
  const { page } = b;
  const paula = await signIn(page, 'PARTNER_ADMIN');
  await page.getByText('pete@demo.example').waitFor();
  const roles = await page.locator('td.column-undefined, td').filter({ hasText: /Admin$|Customer$|Partner$/ }).count();
  assert.equal(roles, 0, 'no other roles listed');
  const nav = menu(page);
  assert.equal(await nav.getByText('Partner Admin Realms').count(), 0);
  assert.equal(await nav.getByText('All Users').count(), 1);
  assert.equal(await nav.getByText('My Profile').count(), 1);
  await screen(page, '1280-partner-admin-users');

  await page.getByRole('link', { name: 'New user' }).click();
  // The role is fixed; no contact fields; no partner-admin picklist (the service ties the user to the creator).
  await page.getByLabel('First name *').waitFor();
  assert.equal(await page.getByLabel('Company').count(), 0);
  const username = uniqueEmail('pae');
  await page.getByLabel('First name *').fill('Pia');
  await page.getByLabel('Last name *').fill('Paeson');
  await page.getByLabel('Username (email) *').fill(username);
  await choose(page, /^User profile/, 'Standard');
  await screen(page, '1280-partner-admin-new-user');
  await page.getByRole('button', { name: 'Add User' }).click();
  await page.getByRole('dialog', { name: /User created/ }).getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Update' }).waitFor();
  const held = await userByUsername(username);
  assert.equal(held.role, 'PARTNER_ACCOUNT_EXECUTIVE');
  assert.equal(held.partnerAdminId, paula.userId);

  // Their edit offers only what seed 003 lists, and the actions the API allows.
  assert.equal(await page.getByLabel('Job title').count(), 0);
  for (const name of ['Suspend User', 'Reset Password', 'Send verification mail', 'Log in as', 'Delete']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
  }
  await page.getByLabel('Account number').fill('A000004242');
  await page.getByRole('button', { name: 'Update' }).click();
  await page.getByText('User updated').waitFor();
  assert.equal((await api(`/users/${held.id}`)).json.accountNumber, 'A000004242');
  await screen(page, '1280-partner-admin-edit-user');
});

test('a sales rep sees their customers read-only', async (t) => {
  const b = await openBrowser();
  t.after(() => b.close());
  const { page } = b;
  const ella = await seeded('ACCOUNT_EXECUTIVE');
  const cora = await seeded('CUSTOMER');
  const listed = (await apiAs(ella.userId, '/users')).json.items;
  await signIn(page, 'ACCOUNT_EXECUTIVE');
  await page.goto(`${BASE}/#/users`);
  if (listed.length) {
    await page.getByText(listed[0].username).waitFor();
    assert.equal(await page.getByRole('link', { name: 'New user' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: /^Edit / }).count(), 0);
    assert.equal(await page.getByRole('checkbox').count(), 0, 'no bulk selection');
    await screen(page, '1280-sales-rep-users');
    await page.getByRole('link', { name: `View ${listed[0].displayName}` }).click();
    await page.getByRole('heading', { name: listed[0].displayName }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Update' }).count(), 0);
    await screen(page, '1280-sales-rep-view-user');
  } else {
    await page.getByText('No users found.').waitFor();
  }
  assert.ok(cora);
});

test('a customer reaches only My Profile: names, email address, password reset', async (t) => {
  const b = await openBrowser({ width: 375, height: 800 });
  t.after(() => b.close());
  const { page } = b;
  const cora = await signIn(page, 'CUSTOMER');
  await page.waitForURL(/#\/me$/);
  await page.getByRole('heading', { name: 'Email address' }).waitFor();
  await page.getByRole('button', { name: /Open menu|Close menu/ }).first().click();
  const nav = page.locator('.RaMenu-open, .RaMenu-closed').first();
  await nav.getByText('My Profile').waitFor();
  assert.equal(await nav.getByText('All Users').count(), 0);
  assert.equal(await nav.getByText('Profiles').count(), 0);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Edit name' }).click();
  await page.getByLabel('First name').fill('Corinna');
  await page.getByRole('button', { name: 'Update' }).click();
  await page.getByText('Your name was updated').waitFor();
  assert.equal((await apiAs(cora.userId, '/me')).json.firstName, 'Corinna');

  await page.getByRole('button', { name: 'Edit email address' }).click();
  await page.getByLabel('New email address').fill('admin@demo.example');
  await page.getByRole('button', { name: 'Update' }).click();
  await page.locator('.MuiFormControl-root', { has: page.getByLabel('New email address') }).getByText(/in use|taken/i).waitFor();
  await screen(page, '375-my-profile-email-error');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Reset Password' }).click();
  await page.getByText(`A password-reset mail was sent to ${cora.username}`).waitFor();
  await screen(page, '375-my-profile');
});
