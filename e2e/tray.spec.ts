// Journey 7: "pick a role from the tray menu and copy its commands", expiry notifications and
// auto-refresh of a written profile, through what the web host records instead of the OS.
import { readFile } from 'node:fs/promises';
import { test, expect, type TrayItem } from './fixtures/web-host';
import { pickRole, signIn, walkTray } from './fixtures/journeys';

const POWERSHELL_LINES =
  /^\$Env:AWS_ACCESS_KEY_ID="(ASIA\w+)"\n\$Env:AWS_SECRET_ACCESS_KEY="[^"\n]+"\n\$Env:AWS_SESSION_TOKEN="[^"\n]+"\n$/;
const ACCESS_KEY_IN_CLIPBOARD = /AWS_ACCESS_KEY_ID="?(ASIA\w+)"?/;

function roleItemFor(items: TrayItem[], accountId: string, roleName: string, label: string) {
  for (const { item, path } of walkTray(items)) {
    if (
      item.label === label &&
      path.some((p) => p.includes(accountId)) &&
      path.at(-2) === roleName &&
      path[0] === 'Accounts'
    ) {
      return { item, path };
    }
  }
  return undefined;
}

/** The role's tray item once the tray has it (roles fill in the background after sign-in). */
async function trayRoleItem(
  control: { tray(): Promise<{ items: TrayItem[] }> },
  role: { accountId: string; roleName: string },
  label: string,
) {
  let found: ReturnType<typeof roleItemFor>;
  await expect
    .poll(async () => {
      found = roleItemFor((await control.tray()).items, role.accountId, role.roleName, label);
      return found !== undefined;
    })
    .toBe(true);
  return found;
}

test('the tray lists the roles and "Copy for PowerShell" copies that role', async ({
  app,
  host,
  control,
}) => {
  await signIn(app);
  const role = pickRole(host);
  // Every role of the organisation is reachable in the tray's Accounts menu.
  await expect
    .poll(async () => {
      const { items } = await control.tray();
      return host.emulator.organisation.accounts.every((a) =>
        a.roles.every((r) => roleItemFor(items, a.accountId, r, 'Copy for PowerShell')),
      );
    })
    .toBe(true);

  const { items } = await control.tray();
  const found = roleItemFor(items, role.accountId, role.roleName, 'Copy for PowerShell');
  expect(found).toBeDefined();
  await control.clickTray({ id: found?.item.id ?? '' });
  await expect.poll(() => control.clipboard()).toMatch(POWERSHELL_LINES);
  const key = POWERSHELL_LINES.exec(await control.clipboard())?.[1];
  expect((await control.emulatorState()).issuedAccessKeyIds).toContain(key);

  // The same item can be picked by its label path.
  await control.clickTray({ path: found?.path ?? [] });
  await expect.poll(() => control.clipboard()).toMatch(POWERSHELL_LINES);
});

test.describe('short-lived credentials', () => {
  test.use({
    hostOptions: { emulator: { credentialSeconds: 240 } },
  });

  test('copying warns at once and the notification copies fresh credentials', async ({
    app,
    host,
    control,
  }) => {
    await signIn(app);
    const role = pickRole(host);
    const found = await trayRoleItem(control, role, 'Copy for macOS/Linux');
    await control.clickTray({ id: found?.item.id ?? '' });
    await expect.poll(() => control.clipboard()).toMatch(ACCESS_KEY_IN_CLIPBOARD);
    const firstKey = ACCESS_KEY_IN_CLIPBOARD.exec(await control.clipboard())?.[1];

    await expect
      .poll(async () => (await control.notifications()).map((n) => n.title))
      .toContainEqual(expect.stringMatching(/expires? in 4 minutes/));
    const warning = (await control.notifications()).find((n) =>
      /expires? in 4 minutes/.test(n.title),
    );
    expect(warning?.body).toContain(role.roleName);

    await control.clickNotification(warning?.id ?? '');
    await expect
      .poll(async () => ACCESS_KEY_IN_CLIPBOARD.exec(await control.clipboard())?.[1])
      .not.toBe(firstKey);
    const freshKey = ACCESS_KEY_IN_CLIPBOARD.exec(await control.clipboard())?.[1];
    expect(freshKey).toMatch(/^ASIA/);
    expect((await control.emulatorState()).issuedAccessKeyIds).toContain(freshKey);
  });

  test('a written profile is renewed by auto-refresh before it expires', async ({
    app,
    host,
    control,
  }) => {
    await signIn(app);
    // The user turns auto-refresh on in Settings.
    await app.getByRole('button', { name: 'Settings' }).click();
    await app
      .getByRole('checkbox', { name: 'Keep written profiles refreshed while signed in' })
      .check();
    await app.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(app.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await app.getByRole('button', { name: 'Back' }).click();

    const role = pickRole(host);
    const profile = `${role.accountId}_${role.roleName}`;
    const write = await trayRoleItem(control, role, 'Write profile');
    await control.clickTray({ id: write?.item.id ?? '' });

    const { credentials } = await control.paths();
    const keyIn = async () => {
      try {
        const text = await readFile(credentials, 'utf8');
        const section = text.split(`[${profile}]`)[1] ?? '';
        return /aws_access_key_id\s*=\s*(\S+)/.exec(section)?.[1];
      } catch {
        return undefined;
      }
    };
    await expect.poll(keyIn).toMatch(/^ASIA/);
    const firstKey = await keyIn();

    // Time passes on the web host's clock to just before the 4-minute credentials expire: the
    // profile is rewritten with fresh ones.
    await control.advanceClock(220_000);
    await expect.poll(keyIn).not.toBe(firstKey);
    const renewed = await keyIn();
    expect(renewed).toMatch(/^ASIA/);
    expect((await control.emulatorState()).issuedAccessKeyIds).toContain(renewed);
  });
});
