// Journey 8: no serious or critical axe violations on the main screens, light and dark; and the
// screenshots of those screens (e2e-artifacts/screenshots; the README's are copied from there).
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/web-host';
import { accountItem, openAccessKeys, pickRole, signIn } from './fixtures/journeys';

const SHOTS = join(import.meta.dirname, '..', 'e2e-artifacts', 'screenshots');

/** Soft: every screen is checked (and photographed) even when an earlier one has violations. */
async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.impact} ${v.id} at ${n.target.join(' ')}: ${n.any[0]?.message ?? n.failureSummary ?? v.help}`,
      ),
    );
  expect.soft(bad, `${what}: serious or critical axe violations`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`sign-in, accounts and the dialog are accessible (${colorScheme})`, async ({
    app,
    host,
  }) => {
    await app.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await expect(app.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await app.screenshot({ path: `${SHOTS}/sign-in-${colorScheme}.png` });
    await expectAccessible(app, 'sign-in');

    await signIn(app);
    const role = pickRole(host);
    await expectAccessible(app, 'accounts');
    // One expanded account in the picture.
    await accountItem(app, role).click();
    await expect(app.getByRole('treeitem', { level: 2 }).first()).toBeVisible();
    await app.mouse.move(0, 0);
    await app.screenshot({ path: `${SHOTS}/accounts-${colorScheme}.png` });
    await expectAccessible(app, 'accounts (expanded)');

    const dialog = await openAccessKeys(app, host, role);
    await expect(dialog.getByTestId('value-AWS_ACCESS_KEY_ID')).not.toBeEmpty();
    await app.screenshot({ path: `${SHOTS}/dialog-${colorScheme}.png` });
    await dialog.getByRole('region', { name: /Option 2/ }).scrollIntoViewIfNeeded();
    await app.screenshot({ path: `${SHOTS}/dialog-options-${colorScheme}.png` });
    await expectAccessible(app, 'Get credentials dialog');
  });
}
