// Journey 9: the window works from the keyboard alone.
import { test, expect } from './fixtures/web-host';
import { accountsTree, pickRole, signIn } from './fixtures/journeys';

test('/ focuses search, arrows move in the tree, Enter opens Access keys, Esc closes it', async ({
  app,
  host,
}) => {
  await signIn(app);
  const role = pickRole(host);
  const tree = accountsTree(app);

  await app.locator('body').click({ position: { x: 1, y: 1 } });
  await app.keyboard.press('/');
  await expect(app.getByRole('searchbox')).toBeFocused();
  await app.keyboard.type(role.accountId);
  const account = tree.getByRole('treeitem').filter({ hasText: role.accountId }).first();
  await expect(account).toBeVisible();

  // Into the tree: the account gets focus, Right expands it, Down reaches its roles.
  await app.keyboard.press('ArrowDown');
  await expect(account).toBeFocused();
  await app.keyboard.press('ArrowRight');
  await expect(account).toHaveAttribute('aria-expanded', 'true');
  const roleRows = tree.getByRole('treeitem', { level: 2 });
  await expect(roleRows.first()).toBeVisible();
  const names = await roleRows.allInnerTexts();
  const index = names.findIndex((t) => t.includes(role.roleName));
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= index; i++) await app.keyboard.press('ArrowDown');
  await expect(roleRows.nth(index)).toBeFocused();
  await expect(roleRows.nth(index)).toHaveAttribute('aria-selected', 'true');
  // Up goes back, Down comes again.
  await app.keyboard.press('ArrowUp');
  await expect(roleRows.nth(index)).not.toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(roleRows.nth(index)).toBeFocused();

  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Get credentials for ${role.roleName}`);
  // Focus is inside the modal.
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);

  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // Left collapses the account again from its role.
  await app.keyboard.press('ArrowLeft');
  await app.keyboard.press('ArrowLeft');
  await expect(account).toHaveAttribute('aria-expanded', 'false');
});
