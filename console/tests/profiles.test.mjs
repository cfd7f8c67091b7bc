// Profiles: add (a name only), edit the seven tabs of bubbles drawn from GET /profile-settings, view
// locked, a field error on the name, and delete with the holders count and a replacement.
import { test, before, after } from 'node:test';
import { openBrowser, signIn, screen, BASE, api, assert, createUser, uniqueEmail, choose } from './helpers.mjs';

let b;
let page;
before(async () => {
  b = await openBrowser();
  page = b.page;
  await signIn(page, 'GLOBAL_ADMIN');
});
after(async () => { await b?.close(); });

test('add a profile, set bubbles in its tabs, view it locked', async () => {
  const model = (await api('/profile-settings')).json;
  const name = `Gold ${Date.now().toString(36)}`;
  await page.goto(`${BASE}/#/profiles`);
  await page.getByRole('link', { name: 'Add Profile' }).click();
  await page.getByLabel('Profile name *').fill(name);
  await screen(page, '1280-profile-add');
  await page.getByRole('button', { name: 'Add Profile' }).click();
  // Straight to the edit form with the seven tabs of the model.
  const tabs = page.getByRole('tablist', { name: 'Profile settings' }).getByRole('tab');
  await tabs.first().waitFor();
  assert.deepEqual(await tabs.allTextContents(), model.tabs.map((t) => t.label));
  const id = (await api('/profiles')).json.items.find((p) => p.name === name).id;

  // In every tab, the first setting moved off its default.
  const chosen = {};
  for (const tab of model.tabs) {
    await page.getByRole('tab', { name: tab.label }).click();
    const setting = tab.settings[0];
    const option = setting.options.find((o) => o.id !== setting.default);
    const group = page.getByRole('group', { name: setting.label, exact: true });
    await group.getByRole('radio', { name: option.label, exact: true }).check();
    chosen[tab.id] = { [setting.id]: option.id };
  }
  await screen(page, '1280-profile-edit-changed');
  await page.getByRole('button', { name: 'Update' }).click();
  await page.getByText('Profile updated').waitFor();
  const held = (await api(`/profiles/${id}`)).json;
  for (const [tab, values] of Object.entries(chosen)) {
    for (const [setting, option] of Object.entries(values)) assert.equal(held.settings[tab][setting], option, `${tab}.${setting}`);
  }

  // View: the same tabs, locked.
  await page.goto(`${BASE}/#/profiles/${id}/show`);
  const last = model.tabs[model.tabs.length - 1];
  await page.getByRole('tab', { name: last.label }).click();
  const lastSetting = last.settings[0];
  const radio = page.getByRole('group', { name: lastSetting.label, exact: true })
    .getByRole('radio', { name: lastSetting.options.find((o) => o.id === chosen[last.id][lastSetting.id]).label, exact: true });
  assert.equal(await radio.isChecked(), true);
  assert.equal(await radio.isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Update' }).count(), 0);
  await screen(page, '1280-profile-view-locked');
});

test('a taken profile name is refused next to the name field', async () => {
  await page.goto(`${BASE}/#/profiles/create`);
  await page.getByLabel('Profile name *').fill('Standard');
  await page.getByRole('button', { name: 'Add Profile' }).click();
  await page.locator('.MuiFormControl-root', { has: page.getByLabel('Profile name *') }).getByText(/already|taken|exists/i).waitFor();
});

test('deleting a profile users hold asks for a replacement and reassigns them', async () => {
  const name = `Silver ${Date.now().toString(36)}`;
  const profile = (await api('/profiles', { method: 'POST', body: { name } })).json;
  const holder = await createUser({ role: 'PARTNER', firstName: 'Holden', lastName: 'Holder', username: uniqueEmail('holder'), profileId: profile.id });
  await page.goto(`${BASE}/#/profiles`);
  await page.getByRole('button', { name: `Delete ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete the profile “${name}”?` });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByText('1 user holds this profile').waitFor();
  await screen(page, '1280-profile-delete-holders');
  await choose(page, 'Replacement profile', 'Standard', dialog);
  await dialog.getByRole('button', { name: 'Reassign and delete' }).click();
  await page.getByText(`Profile “${name}” deleted`).waitFor();
  assert.equal((await api(`/profiles/${profile.id}`)).status, 404);
  assert.equal((await api(`/users/${holder.id}`)).json.profileId, 'standard');
});

test('an unused profile is deleted after a confirmation', async () => {
  const name = `Bronze ${Date.now().toString(36)}`;
  const profile = (await api('/profiles', { method: 'POST', body: { name } })).json;
  await page.goto(`${BASE}/#/profiles/${profile.id}`);
  await page.getByRole('button', { name: `Delete ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await page.waitForURL(/#\/profiles$/);
  assert.equal((await api(`/profiles/${profile.id}`)).status, 404);
});
