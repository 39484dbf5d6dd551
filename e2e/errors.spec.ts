// Journey 6: a session revoked mid-way leads to the sign-in-again state; throttling never shows.
import { test, expect } from './fixtures/web-host';
import { accountItem, accountsTree, openAccessKeys, pickRole, signIn } from './fixtures/journeys';

test('a revoked session asks to sign in again instead of failing', async ({ app, control }) => {
  const errors: string[] = [];
  app.on('pageerror', (e) => errors.push(e.message));
  await signIn(app);
  // Let the background load after sign-in finish (Refresh is disabled while it runs), so the
  // revoked token is met by the user's action below.
  const refresh = app.getByRole('button', { name: 'Refresh accounts' });
  await expect(refresh).toBeEnabled();
  await control.revoke();

  // The next action that needs the portal meets the revoked token.
  await refresh.click();
  await expect(app.getByRole('alert')).toHaveText('Your AWS sign-in has expired. Sign in again.');
  await expect(accountsTree(app)).toHaveCount(0);

  // Signing in again brings the accounts back.
  await signIn(app);
  await expect(app.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('revoked while the Get credentials dialog is open: Refresh leads to sign-in again', async ({
  app,
  host,
  control,
}) => {
  await signIn(app);
  await expect(app.getByRole('button', { name: 'Refresh accounts' })).toBeEnabled();
  const dialog = await openAccessKeys(app, host, pickRole(host));
  await expect(dialog.getByTestId('value-AWS_ACCESS_KEY_ID')).not.toBeEmpty();
  await control.revoke();
  await dialog.getByRole('button', { name: 'Refresh' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(app.getByRole('alert')).toHaveText('Your AWS sign-in has expired. Sign in again.');
  await expect(app.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});

test.describe('a large, throttled organisation', () => {
  test.use({ hostOptions: { emulator: { accounts: 150, rateLimit: 5 } } });

  test('loads every account and role without ever showing an error', async ({
    app,
    host,
    control,
  }) => {
    test.setTimeout(120_000);
    await signIn(app);
    const accounts = host.emulator.organisation.accounts;

    // The background load runs into the rate limit and finishes anyway.
    await expect
      .poll(
        async () => {
          const s = await control.emulatorState();
          return (s.calls.ListAccountRoles ?? 0) - (s.throttled.ListAccountRoles ?? 0);
        },
        { timeout: 100_000 },
      )
      .toBeGreaterThanOrEqual(accounts.length);
    expect(Object.values((await control.emulatorState()).throttled).some((n) => n > 0)).toBe(true);

    // The last account is there, and search finds a role of it.
    const last = accounts.at(-1);
    expect(last).toBeDefined();
    if (last) {
      await app.getByRole('searchbox').fill(last.accountId);
      await expect(
        accountItem(app, {
          accountId: last.accountId,
          accountName: last.accountName,
          roleName: '',
        }),
      ).toBeVisible();
    }
    await expect(app.getByRole('alert')).toHaveCount(0);
    await expect(accountsTree(app)).toBeVisible();
  });
});
