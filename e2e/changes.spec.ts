// What changed since the last listing: the organisation changes on the emulator (its admin
// routes), the user refreshes, and the window shows a banner once and one notification is shown.
import { test, expect } from './fixtures/web-host';
import { accountsTree, signIn } from './fixtures/journeys';

test('a refresh that finds new roles shows a banner once and one notification', async ({
  app,
  host,
  control,
  request,
}) => {
  await signIn(app);
  const refresh = app.getByRole('button', { name: 'Refresh accounts' });
  // The first listing of the session says nothing.
  await expect(refresh).toBeEnabled();
  await expect(app.getByRole('status', { name: 'Changes since the last listing' })).toHaveCount(0);

  const [a, b] = host.emulator.organisation.accounts;
  for (const [accountId, roleName] of [
    [a!.accountId, 'NewOne'],
    [a!.accountId, 'NewTwo'],
    [b!.accountId, 'NewOne'],
  ]) {
    const res = await request.post(`${host.emulator.url}/_emulator/roles/add`, {
      data: { accountId, roleName },
    });
    expect(res.ok()).toBe(true);
  }
  await refresh.click();
  const banner = app.getByRole('status', { name: 'Changes since the last listing' });
  await expect(banner).toContainText('3 new roles in 2 accounts');
  await expect(banner).toContainText(`New role NewOne in ${a!.accountName}`);
  await expect
    .poll(async () => (await control.notifications()).filter((n) => /access changed/.test(n.title)))
    .toHaveLength(1);
  expect((await control.notifications()).find((n) => /access changed/.test(n.title))?.body).toMatch(
    /: 3 new roles in 2 accounts$/,
  );
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);

  // Nothing changed: nothing said.
  await expect(refresh).toBeEnabled();
  await refresh.click();
  await expect(accountsTree(app)).toBeVisible();
  await expect(refresh).toBeEnabled();
  await expect(app.getByRole('status', { name: 'Changes since the last listing' })).toHaveCount(0);
  expect(
    (await control.notifications()).filter((n) => /access changed/.test(n.title)),
  ).toHaveLength(1);
});
