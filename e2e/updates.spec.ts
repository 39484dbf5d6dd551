// Updates in the window and the tray. The web host is a development build: updates are off and
// Settings says why. With `scriptedUpdates` it stands in for a packaged build whose updater a
// test scripts (/_debug/updates): an update found from the tray, announced once, put off with
// "Later" and installed only when the user presses "Restart to update".
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, type HostControl, type TrayItem } from './fixtures/web-host';

interface UpdaterRecord {
  checks: number;
  downloads: number;
  restarts: string[];
}

async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} at ${n.target.join(' ')}`));
  expect(bad, `${what}: serious or critical axe violations`).toEqual([]);
}

const updateItems = async (control: HostControl): Promise<TrayItem[]> =>
  (await control.tray()).items.filter((i) => i.id.startsWith('updates'));

test('a development build: updates are off, with the reason, and nothing checks', async ({
  app,
  control,
  request,
  host,
}) => {
  await app.getByRole('button', { name: 'Settings' }).click();
  const section = app.getByRole('region', { name: 'Updates' });
  await expect(section.getByRole('status').first()).toHaveText(
    'Updates are off in development builds.',
  );
  await expect(section.getByRole('button', { name: 'Check for updates' })).toBeDisabled();
  expect(await updateItems(control)).toEqual([]);
  const scripted = await request.get(`${host.url}/_debug/updates`, {
    headers: { Authorization: `Bearer ${host.token}` },
  });
  expect(scripted.status()).toBe(409);
});

test.describe('a packaged build (scripted updater)', () => {
  test.use({ hostOptions: { scriptedUpdates: { currentVersion: '1.2.0' } } });

  test('found from the tray, announced once, put off, installed only when the user chooses', async ({
    app,
    control,
  }) => {
    await expect.poll(async () => (await control.get<UpdaterRecord>('updates')).checks).toBe(1);
    expect(await updateItems(control)).toMatchObject([
      { id: 'updates', label: 'Check for updates' },
    ]);

    await control.post('updates', { offer: '1.3.0' });
    await control.post('tray/click', { id: 'updates' });
    await expect
      .poll(async () => (await updateItems(control)).map((i) => i.label))
      .toEqual(['Restart to update 1.3.0']);
    const notes = await control.notifications();
    expect(notes.filter((n) => n.title === 'SSO Tray 1.3.0 is ready to install')).toHaveLength(1);

    await app.getByRole('button', { name: 'Settings' }).click();
    const section = app.getByRole('region', { name: 'Updates' });
    const status = section.getByRole('status').first();
    await expect(status).toHaveText('Version 1.3.0 is ready: restart SSO Tray to update.');
    await expectAccessible(app, 'settings with an update ready');

    // "Later", by keyboard.
    await section.getByRole('button', { name: 'Later' }).focus();
    await app.keyboard.press('Enter');
    await expect(status).toContainText('You chose later');
    await expect(section.getByRole('button', { name: 'Later' })).toHaveCount(0);
    expect((await control.get<UpdaterRecord>('updates')).restarts).toEqual([]);

    await section.getByRole('button', { name: 'Restart to update 1.3.0' }).focus();
    await app.keyboard.press('Enter');
    await expect(status).toHaveText('Restarting to install version 1.3.0…');
    expect((await control.get<UpdaterRecord>('updates')).restarts).toEqual(['1.3.0']);
  });

  test('a failed check says why; a plain-http update server is refused as typed', async ({
    app,
    control,
  }) => {
    await expect.poll(async () => (await control.get<UpdaterRecord>('updates')).checks).toBe(1);
    await control.post('updates', {
      fail: 'Cannot find latest.yml at https://u.example.com/x?sig=s3cr3t',
    });
    await app.getByRole('button', { name: 'Settings' }).click();
    const section = app.getByRole('region', { name: 'Updates' });
    await section.getByRole('button', { name: 'Check for updates' }).click();
    const status = section.getByRole('status').first();
    await expect(status).toHaveText(
      'The update failed: Cannot find latest.yml at https://u.example.com/x',
    );
    const feed = section.getByLabel('Update server (optional)');
    await feed.fill('http://updates.example.com/');
    await expect(feed).toHaveAccessibleDescription(/does not start with https:\/\//);
    await expect(section.getByRole('button', { name: 'Save update settings' })).toBeDisabled();
    await feed.fill('https://updates.example.com/sso-tray/');
    await section.getByRole('button', { name: 'Save update settings' }).click();
    await expect(section.getByText('Saved')).toBeVisible();
  });
});
