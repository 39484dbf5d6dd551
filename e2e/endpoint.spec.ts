// The local credentials endpoint from the window: the box after the portal's three options asks
// for the setting while it is off; once on, it shows the two lines for the chosen shell without
// the token, copies them with it, and those lines get the role's credentials from the endpoint.
import { test, expect } from './fixtures/web-host';
import { openAccessKeys, pickRole, signIn } from './fixtures/journeys';

test('the endpoint box: off, turned on in Settings, lines per shell, copied with the token', async ({
  app,
  host,
  control,
}) => {
  await signIn(app);
  const role = pickRole(host);
  let dialog = await openAccessKeys(app, host, role);
  let box = dialog.getByRole('region', { name: /never expire/ });
  await expect(box).toContainText('Serve credentials to local processes');
  await expect(box.getByRole('button', { name: /^Copy / })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await app.getByRole('button', { name: 'Settings' }).click();
  const setting = app.getByRole('checkbox', { name: 'Serve credentials to local processes' });
  await expect(setting).not.toBeChecked();
  await setting.check();
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByText('Saved')).toBeVisible();
  await app.getByRole('button', { name: 'Back' }).click();

  dialog = await openAccessKeys(app, host, role);
  box = dialog.getByRole('region', { name: /never expire/ });
  const path = `/${role.accountId}/${role.roleName}`;
  for (const [tab, prefix] of [
    ['Windows', 'set AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:'],
    ['PowerShell', '$Env:AWS_CONTAINER_CREDENTIALS_FULL_URI="http://127.0.0.1:'],
    ['macOS and Linux', 'export AWS_CONTAINER_CREDENTIALS_FULL_URI="http://127.0.0.1:'],
  ] as const) {
    await dialog.getByRole('tab', { name: tab }).click();
    await expect(box.locator('pre')).toContainText(prefix);
    await expect(box.locator('pre')).toContainText(path);
    await expect(box.locator('pre')).toContainText('never shown');
  }

  await box.getByRole('button', { name: /^Copy / }).click();
  await expect(box.getByRole('button', { name: /^Copied / })).toHaveText('Copied');
  const copied = await control.clipboard();
  const url = /AWS_CONTAINER_CREDENTIALS_FULL_URI="([^"]+)"/.exec(copied)?.[1] ?? '';
  const token = /AWS_CONTAINER_AUTHORIZATION_TOKEN="([A-Za-z0-9_-]{43})"/.exec(copied)?.[1] ?? '';
  expect(url).toContain(path);
  expect(token).not.toBe('');
  // The token is in the clipboard, never on the page.
  await expect(dialog).not.toContainText(token);

  // What a shell given those lines gets: the role's credentials, as the emulator issued them.
  const res = await fetch(url, { headers: { Authorization: token } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { AccessKeyId: string };
  expect((await control.emulatorState()).issuedAccessKeyIds).toContain(body.AccessKeyId);
});
