// "More formats" beyond the portal's three shells: the dialog's menu button from the keyboard
// (ARIA menu pattern, axe with the menu open and with a format shown), each format's text and
// its Copy, and the tray's "More formats" submenu.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures/web-host';
import {
  openAccessKeys,
  pickRole,
  shownCredentials,
  signIn,
  walkTray,
  type ShownCredentials,
} from './fixtures/journeys';

async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} at ${n.target.join(' ')}`));
  expect(bad, `${what}: serious or critical axe violations`).toEqual([]);
}

const ISO = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00`;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Each format's lines for the credentials the dialog shows (values as issued, expiry any). */
function expected(c: ShownCredentials): Record<string, RegExp> {
  const lines = (line: (name: string, value: string) => string) =>
    new RegExp(
      '^' +
        [
          line('AWS_ACCESS_KEY_ID', esc(c.accessKeyId)),
          line('AWS_SECRET_ACCESS_KEY', esc(c.secretAccessKey)),
          line('AWS_SESSION_TOKEN', esc(c.sessionToken)),
          line('AWS_CREDENTIAL_EXPIRATION', ISO),
        ].join('') +
        '$',
    );
  const plain = lines((n, v) => `${n}=${v}\\n`);
  return {
    fish: lines((n, v) => `set -gx ${n} "${v}"\\n`),
    'Shell variables (no export)': plain,
    '.env file': new RegExp(
      `^# AWS credentials for \\d{12}_\\w+, valid until [^\\n]+Z\\n${plain.source.slice(1)}`,
    ),
    Nushell: lines((n, v) => `\\$env\\.${n} = "${v}"\\n`),
    'JSON (AWS CLI)': new RegExp(
      `^\\{\\n  "Version": 1,\\n  "AccessKeyId": "${esc(c.accessKeyId)}",\\n` +
        `  "SecretAccessKey": "${esc(c.secretAccessKey)}",\\n` +
        `  "SessionToken": "${esc(c.sessionToken)}",\\n  "Expiration": "${ISO}"\\n\\}\\n$`,
    ),
  };
}

async function moreButton(dialog: Locator): Promise<Locator> {
  const button = dialog.getByRole('button', { name: 'More formats' });
  await expect(button).toBeVisible();
  return button;
}

test('the "More formats" menu works from the keyboard, shows each format and copies it', async ({
  app,
  host,
  control,
}) => {
  await signIn(app);
  const role = pickRole(host);
  const dialog = await openAccessKeys(app, host, role);
  const creds = await shownCredentials(dialog);
  expect((await control.emulatorState()).issuedAccessKeyIds).toContain(creds.accessKeyId);
  // the portal's three tabs are unchanged
  await expect(dialog.getByRole('tab')).toHaveText(['macOS and Linux', 'Windows', 'PowerShell']);

  const button = await moreButton(dialog);
  // Tab order: the selected shell tab, then the menu button
  await dialog.getByRole('tab', { selected: true }).focus();
  await app.keyboard.press('Tab');
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  await app.keyboard.press('Enter');
  const menu = app.getByRole('menu', { name: 'More formats' });
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const items = menu.getByRole('menuitemradio');
  await expect(items).toHaveText(Object.keys(expected(creds)));
  await expect(items.first()).toBeFocused();
  await expectAccessible(app, 'dialog with the More formats menu open');
  // Escape closes only the menu
  await app.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(dialog).toBeVisible();
  await expect(button).toBeFocused();

  const want = expected(creds);
  const labels = Object.keys(want);
  for (const [i, label] of labels.entries()) {
    await button.focus();
    await app.keyboard.press('ArrowDown');
    await expect(items.first()).toBeFocused();
    for (let k = 0; k < i; k++) await app.keyboard.press('ArrowDown');
    await expect(items.nth(i)).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(menu).toHaveCount(0);
    const block = dialog.getByLabel(`Credentials as ${label}`, { exact: true });
    await expect(block).toBeFocused();
    const text = (await block.textContent()) ?? '';
    expect(text).toMatch(want[label] ?? /^$/);
    await dialog
      .getByRole('button', { name: `Copy credentials as ${label}`, exact: false })
      .click();
    await expect.poll(() => control.clipboard()).toBe(text);
  }
  await expectAccessible(app, 'dialog with a More format shown');

  // the tray's submenu copies the same formats for the same role
  let fish: { item: { id: string }; path: string[] } | undefined;
  await expect
    .poll(async () => {
      for (const found of walkTray((await control.tray()).items)) {
        if (
          found.item.label === 'Copy for fish' &&
          found.path.at(-3) === role.roleName &&
          found.path.at(-2) === 'More formats' &&
          found.path.some((p) => p.includes(role.accountId))
        ) {
          fish = found;
        }
      }
      return fish !== undefined;
    })
    .toBe(true);
  expect(fish, 'the tray has More formats → Copy for fish under the role').toBeDefined();
  await control.clickTray({ id: fish?.item.id ?? '' });
  await expect.poll(() => control.clipboard()).toMatch(want.fish ?? /^$/);
});
