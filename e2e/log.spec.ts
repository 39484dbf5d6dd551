// Settings says where the log is and opens its folder; what a journey did (a refused sign-in
// page, a failed request) is in that log, and (checked by the fixture after every test) no
// secret is.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures/web-host';
import { signIn } from './fixtures/journeys';

test('Settings shows the log and opens its folder; the log records what went wrong', async ({
  app,
  host,
  control,
}) => {
  await signIn(app);
  // a request that fails in main: the credentials of an account the user cannot reach
  const res = await app.request.post(`${host.url}/api/invoke/credentials.get`, {
    headers: { Authorization: `Bearer ${host.token}` },
    data: { session: 'demo', accountId: '000000000000', roleName: 'Nope' },
  });
  expect((await res.json()) as unknown).toMatchObject({ ok: false });

  await app.getByRole('button', { name: 'Settings' }).click();
  const folder = host.paths.logFile.replace(/\/[^/]+$/, '');
  await expect(app.getByText(folder)).toBeVisible();
  await app.getByRole('button', { name: 'Open logs folder' }).click();
  await expect
    .poll(async () => (await control.get<{ folders: string[] }>('opened')).folders)
    .toEqual([folder]);
  const log = readFileSync(host.paths.logFile, 'utf8');
  expect(log).toMatch(/WARN +\[ipc\] request failed channel=credentials\.get/);
});
