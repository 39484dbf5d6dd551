// The quick pick, from the keyboard alone: the debug route presses its global shortcut (the web
// host's stand-in for the keys), the page shows the palette over the window, and a role is
// picked by typing, arrows and Enter. Copy goes to the clipboard stand-in, Shift+Enter writes
// the credentials file, recents come first the next time, Esc and losing focus close it.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect, type HostControl } from './fixtures/web-host';
import { pickRole, searchBox, searchTermFor, signIn } from './fixtures/journeys';

function palette(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Quick pick' });
}

function box(page: Page): Locator {
  return palette(page).getByRole('combobox', { name: 'Find an account or role' });
}

/** What the shortcut would do: the debug route presses it. */
async function pressShortcut(page: Page, control: HostControl): Promise<void> {
  const pressed = await control.post<{ accelerator: string }>('palette', {});
  expect(pressed.accelerator).toBe('CommandOrControl+Alt+Shift+Space');
  await expect(palette(page)).toBeVisible();
  await expect(box(page)).toBeFocused();
}

/** The option the combobox points at (aria-activedescendant). */
async function activeOption(page: Page): Promise<Locator> {
  const id = await box(page).getAttribute('aria-activedescendant');
  expect(id).not.toBeNull();
  return page.locator(`[id="${id}"]`);
}

async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} at ${n.target.join(' ')}`));
  expect(bad, `${what}: serious or critical axe violations`).toEqual([]);
}

test('pick a role from the palette by keyboard alone: copy, write, recents first, Esc', async ({
  app,
  host,
  control,
}) => {
  await signIn(app);
  const role = pickRole(host);
  const issued = async () => (await control.emulatorState()).issuedAccessKeyIds;

  // The shortcut opens it over the window, focused, with the keys described.
  await searchBox(app).focus();
  await pressShortcut(app, control);
  await expect(box(app)).toHaveAttribute('aria-expanded', 'true');
  await expect(box(app)).toHaveAccessibleDescription(/Enter copy for macOS and Linux/);
  const list = palette(app).getByRole('listbox', { name: 'Roles, recent ones first' });
  await expect(list.getByRole('option').first()).toBeVisible();
  await expectAccessible(app, 'the quick pick');

  // Type part of the account's name: its roles are the options; arrows reach the role.
  await app.keyboard.type(searchTermFor(host, role));
  const options = list.getByRole('option');
  await expect(options.first()).toContainText(role.accountId);
  const texts = await options.allInnerTexts();
  const index = texts.findIndex((t) => t.includes(role.roleName) && t.includes(role.accountId));
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < index; i++) await app.keyboard.press('ArrowDown');
  await expect(options.nth(index)).toHaveAttribute('aria-selected', 'true');
  expect(await (await activeOption(app)).innerText()).toContain(role.roleName);
  await expect(options.nth(index)).toHaveAccessibleName(
    new RegExp(`${role.roleName}.*${role.accountId}`),
  );

  // Enter copies the export lines (the web host runs as Linux here) and closes it; focus is
  // back where it was.
  await app.keyboard.press('Enter');
  await expect(palette(app)).toHaveCount(0);
  await expect(searchBox(app)).toBeFocused();
  await expect.poll(() => control.clipboard()).toMatch(/^export AWS_ACCESS_KEY_ID="/);
  const copied = await control.clipboard();
  expect(
    copied
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('=')[0]),
  ).toEqual([
    'export AWS_ACCESS_KEY_ID',
    'export AWS_SECRET_ACCESS_KEY',
    'export AWS_SESSION_TOKEN',
  ]);
  const keyId = /AWS_ACCESS_KEY_ID="([^"]+)"/.exec(copied)?.[1] ?? '';
  expect(await issued()).toContain(keyId);

  // Next time the role it was used for comes first, marked Recent, before anything is typed.
  await pressShortcut(app, control);
  const first = list.getByRole('option').first();
  await expect(first).toContainText(role.roleName);
  await expect(first).toContainText(role.accountId);
  await expect(first).toContainText('Recent');
  await expect(first).toHaveAttribute('aria-selected', 'true');

  // Shift+Enter writes the profile into the credentials file.
  await app.keyboard.press('Shift+Enter');
  await expect(palette(app)).toHaveCount(0);
  const { credentials } = await control.paths();
  const profile = `${role.accountId}_${role.roleName}`;
  await expect.poll(() => readFile(credentials, 'utf8').catch(() => '')).toContain(`[${profile}]`);
  const file = await readFile(credentials, 'utf8');
  const written = new RegExp(`\\[${profile}\\]\\naws_access_key_id=(\\S+)`).exec(file)?.[1] ?? '';
  expect(await issued()).toContain(written);

  // Alt+Enter lists the shells; Enter copies the PowerShell lines.
  await pressShortcut(app, control);
  await app.keyboard.press('Alt+Enter');
  const shells = palette(app).getByRole('listbox', { name: /for which shell\?/ });
  await expect(shells.getByRole('option')).toHaveText([
    'Copy for macOS and Linux',
    'Copy for Windows',
    'Copy for PowerShell',
  ]);
  await expect(await activeOption(app)).toHaveText('Copy for Windows');
  await app.keyboard.press('ArrowDown');
  await expect(await activeOption(app)).toHaveText('Copy for PowerShell');
  await expectAccessible(app, 'the quick pick, shells');
  await app.keyboard.press('Enter');
  await expect(palette(app)).toHaveCount(0);
  await expect.poll(() => control.clipboard()).toMatch(/^\$Env:AWS_ACCESS_KEY_ID="/);

  // Esc closes it without doing anything; Tab does not leave it.
  await pressShortcut(app, control);
  const before = await control.clipboard();
  await app.keyboard.press('Tab');
  await expect(box(app)).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(palette(app)).toHaveCount(0);
  expect(await control.clipboard()).toBe(before);
  const recorded = await control.get<{ shown: number; closed: number }>('palette');
  expect(recorded.shown).toBe(4);
  expect(recorded.closed).toBeGreaterThanOrEqual(4);
});

test('losing focus closes it; signed out it says where to sign in', async ({ app, control }) => {
  await expect(app.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await control.post('palette', {});
  await expect(palette(app)).toContainText('from the SSO Tray window');
  await expect(palette(app).getByRole('button', { name: 'Close' })).toBeFocused();
  await expectAccessible(app, 'the quick pick, signed out');
  // A click outside it takes the focus away.
  await app.mouse.click(5, 600);
  await expect(palette(app)).toHaveCount(0);
});

test.describe('a shortcut another app holds', () => {
  test.use({ hostOptions: { takenShortcuts: ['CommandOrControl+Alt+Shift+Space'] } });

  test('is off with the reason in Settings, and another one can be chosen', async ({
    app,
    control,
    request,
    host,
  }) => {
    const refused = await request.post(`${host.url}/_debug/palette`, {
      headers: { Authorization: `Bearer ${host.token}` },
    });
    expect(refused.status()).toBe(409);
    await app.getByRole('button', { name: 'Settings' }).click();
    const field = app.getByLabel('Shortcut that opens the quick pick');
    await expect(field).toHaveValue('CommandOrControl+Alt+Shift+Space');
    await expect(field).toHaveAccessibleDescription(/could not be registered/);
    await expectAccessible(app, 'settings with a refused shortcut');
    await field.fill('Control+Alt+K');
    await app.getByRole('button', { name: 'Save shortcut' }).click();
    await expect(field).toHaveAccessibleDescription(/Control\+Alt\+K opens the quick pick/);
    expect((await control.get<{ registered: string[] }>('palette')).registered).toEqual([
      'Control+Alt+K',
    ]);
  });
});
