// Every screen, at 1280 and 375 px wide: it shows, axe-core finds no WCAG A/AA violation, and a
// screenshot is written (console/target/screenshots/<width>-<screen>.png).
import { test, before, after } from 'node:test';
import { openBrowser, signIn, screen, BASE, seeded, assert } from './helpers.mjs';

for (const width of [1280, 375]) {
  test(`every screen at ${width} px`, async (t) => {
    const b = await openBrowser({ width, height: width > 400 ? 900 : 800 });
    t.after(() => b.close());
    const { page } = b;
    const shot = (name) => screen(page, `${width}-${name}`);
    await page.goto(`${BASE}/#/login`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot('sign-in');
    await signIn(page);

    await page.getByText('cora@demo.example').first().waitFor();
    await shot('users');

    await page.goto(`${BASE}/#/users/create`);
    await page.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Customer' }).click();
    await page.getByLabel('Account number').waitFor();
    await shot('new-user-customer');

    const cora = await seeded('CUSTOMER');
    await page.goto(`${BASE}/#/users/${cora.userId}`);
    await page.getByRole('button', { name: 'Update' }).waitFor();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await shot('edit-user');

    await page.goto(`${BASE}/#/profiles`);
    await page.getByText('Standard').first().waitFor();
    await shot('profiles');
    await page.goto(`${BASE}/#/profiles/standard`);
    await page.getByRole('tab', { name: 'My Account' }).waitFor();
    await shot('profile-edit');
    await page.getByRole('tab', { name: 'Currencies' }).click();
    await shot('profile-edit-currencies');
    await page.goto(`${BASE}/#/profiles/standard/show`);
    await page.getByRole('tab', { name: 'Pay Invoices' }).click();
    await page.getByText('View only: the settings are locked.').waitFor();
    await shot('profile-view');

    await page.goto(`${BASE}/#/partner-admin-realms`);
    await page.getByText('All Partner Account Executives').waitFor();
    await shot('realms');

    await page.goto(`${BASE}/#/me`);
    await page.getByRole('heading', { name: 'Email address' }).waitFor();
    await shot('my-profile');
    assert.deepEqual(b.errors.map(String), []);
  });
}
