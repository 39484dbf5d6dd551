// The session's status in the window (the session panel) and the tray's first line, and
// "Sign in again": it signs out first (the portal's Logout), then signs in anew.
import { test, expect } from './fixtures/web-host';
import { accountsTree, approveSignIn, popupAfter, signIn } from './fixtures/journeys';

test('the session panel and the tray say how the sign-in stands; "Sign in again" signs out first', async ({
  app,
  host,
  control,
}) => {
  await signIn(app);
  const org = host.emulator.organisation.accounts;
  const roles = org.reduce((n, a) => n + a.roles.length, 0);
  const panel = app.getByRole('group', { name: 'Session status' });
  await expect(panel.locator('summary')).toHaveText(/^Signed in · (\d+ h )?\d+ min left$/);
  await panel.locator('summary').click();
  await expect(panel).toContainText('held (renews itself)');
  // The counts arrive once every role is listed.
  await expect(panel).toContainText(`${org.length} accounts, ${roles} roles`);
  const first = (await control.tray()).items[0];
  expect(first?.label).toMatch(/^Signed in to \S+ · (\d+ h )?\d+ min left$/);

  const logouts = (await control.emulatorState()).calls.Logout ?? 0;
  const approval = await popupAfter(app, () =>
    panel.getByRole('button', { name: 'Sign in again' }).click(),
  );
  expect((await control.emulatorState()).calls.Logout).toBe(logouts + 1);
  await approveSignIn(approval);
  await expect(accountsTree(app)).toBeVisible();
  await expect(app.getByRole('group', { name: 'Session status' }).locator('summary')).toHaveText(
    /^Signed in · /,
  );
});
