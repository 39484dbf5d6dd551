// Settings → Profiles in the browser: the preview of a profile for every role, a template checked
// as typed, Write all into the sandbox's config file, and Prune, which waits for main's question
// (the web host's recorded dialog) and removes only after a yes; axe on the section.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/web-host';
import { signIn } from './fixtures/journeys';

test.use({ hostOptions: { emulator: { accounts: 4, rolesPerAccount: 2 } } });

async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} at ${n.target.join(' ')}`));
  expect(bad, `${what}: serious or critical axe violations`).toEqual([]);
}

test('previews, writes every role’s profile, and prunes only after main’s question', async ({
  app,
  host,
  control,
}) => {
  const org = host.emulator.organisation.accounts;
  const roles = org.reduce((n, a) => n + a.roles.length, 0);
  await signIn(app);
  await app.getByRole('button', { name: /settings/i }).click();
  const section = app.getByRole('region', { name: 'Profiles' });
  const preview = section.getByRole('status', { name: 'Preview' });
  await expect(preview).toContainText(`${roles} roles, one profile each: ${roles} to add.`);
  await expectAccessible(app, 'settings with the profiles preview');

  // a template the rule refuses: its message, and no writing
  const template = section.getByRole('textbox', { name: 'Profile names' });
  await template.fill('{account}');
  await expect(template).toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByText(/unknown placeholder \{account\}/)).toBeVisible();
  await expect(section.getByRole('button', { name: 'Write all' })).toBeDisabled();

  // keyboard only: the template, then Write all
  await template.fill('{account_id}.{role_name}');
  const first = `${org[0]!.accountId}.`;
  await expect(section.getByRole('list', { name: 'To add' })).toContainText(first);
  const { config } = await control.paths();
  const before = await readFile(config, 'utf8');
  await section.getByRole('button', { name: 'Write all' }).focus();
  await app.keyboard.press('Enter');
  await expect(section.getByText(`Wrote ${roles} profiles to ${config}.`)).toBeVisible();
  const text = await readFile(config, 'utf8');
  expect(text.startsWith(before)).toBe(true);
  for (const a of org) {
    for (const r of a.roles) expect(text).toContain(`[profile ${a.accountId}.${r}]\n`);
  }
  await expect(preview).toContainText(`${roles} up to date`);
  await expect(preview).toContainText('Prune would remove nothing.');

  // another template: Prune asks main; no leaves the file as it is, yes swaps the names
  await template.fill('{account_id}-{role_name}');
  await expect(section.getByRole('list', { name: 'Prune would remove' })).toContainText(first);
  await section.getByRole('button', { name: /Prune/ }).click();
  const asked = await control.answerNextConfirmation(false);
  expect(asked).toMatchObject({
    title: 'Remove profiles',
    message: `Remove ${roles} profiles from ${config}?`,
    confirmLabel: 'Remove profiles',
  });
  await expect(section.getByText(/removing the profiles was not confirmed/)).toBeVisible();
  expect(await readFile(config, 'utf8')).toBe(text);

  await section.getByRole('button', { name: /Prune/ }).click();
  await control.answerNextConfirmation(true);
  await expect(
    section.getByText(`Wrote ${roles} profiles to ${config}; removed ${roles} profiles.`),
  ).toBeVisible();
  const pruned = await readFile(config, 'utf8');
  expect(pruned.startsWith(before)).toBe(true);
  for (const a of org) {
    for (const r of a.roles) {
      expect(pruned).toContain(`[profile ${a.accountId}-${r}]\n`);
      expect(pruned).not.toContain(`[profile ${a.accountId}.${r}]`);
    }
  }
  await expectAccessible(app, 'settings after pruning');

  // the template is kept for the session: shown again after a reload
  await app.reload();
  await app.getByRole('button', { name: /settings/i }).click();
  await expect(
    app.getByRole('region', { name: 'Profiles' }).getByRole('textbox', { name: 'Profile names' }),
  ).toHaveValue('{account_id}-{role_name}');
});
