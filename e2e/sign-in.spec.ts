// Journeys 1 and 5: sign in through the emulator's approval page, sign out again.
import { test, expect } from './fixtures/web-host';
import { accountsTree, signIn } from './fixtures/journeys';

test('signing in opens the approval page in a new tab and then lists the accounts', async ({
  app,
  host,
  control,
}) => {
  await expect(app.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await signIn(app);

  // The page that opened was the emulator's, and every account of the organisation is listed.
  const opened = await control.opened();
  expect(opened.some((u) => u.startsWith(host.emulator.url))).toBe(true);
  const first = host.emulator.organisation.accounts[0];
  expect(first).toBeDefined();
  await expect(accountsTree(app)).toContainText(first?.accountName ?? '');
});

test('signing out returns to the sign-in screen', async ({ app }) => {
  await signIn(app);
  await app.getByRole('button', { name: /settings/i }).click();
  await app.getByRole('button', { name: 'Sign out' }).click();
  await expect(app.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(accountsTree(app)).toHaveCount(0);
});
