// A user's own, messy ~/.aws/config: sections SSO Tray cannot use are listed with their reasons,
// the legacy SSO profiles' start URL is offered, signed in to, and given an [sso-session] while the
// legacy profiles stay byte for byte as they were.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures/web-host';
import { signIn } from './fixtures/journeys';

const LEGACY_URL = 'https://d-9000000000.awsapps.com/start';
const MESSY = [
  '# my config, edited by hand since 2019',
  '[default]',
  'region = eu-west-1',
  '',
  '[profile legacy-dev]',
  `sso_start_url = ${LEGACY_URL}`,
  'sso_region = us-east-1',
  'sso_account_id = 111111111111',
  'sso_role_name = Admin',
  '',
  '[profile legacy-prod]',
  `sso_start_url = ${LEGACY_URL}`,
  'sso_region = us-east-1',
  'sso_account_id = 222222222222',
  'sso_role_name = ReadOnly',
  '',
  '[sso-session has space]',
  'sso_start_url = https://d-9000000001.awsapps.com/start',
  'sso_region = us-east-1',
  '',
  '[sso-session x]',
  'sso_start_url = https://d-9000000002.awsapps.com/start',
  '',
].join('\n');

const home = mkdtempSync(join(tmpdir(), 'sso-tray-e2e-config-'));
test.use({ hostOptions: { home } });
test.beforeEach(() => {
  rmSync(join(home, '.aws'), { recursive: true, force: true });
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), MESSY);
});
test.afterAll(() => rmSync(home, { recursive: true, force: true }));

test('a messy config: problems are listed, the legacy start URL signs in and gets an [sso-session]', async ({
  app,
}) => {
  const errors: string[] = [];
  app.on('pageerror', (e) => errors.push(e.message));
  const session = app.getByLabel('Session');
  await expect(session).toBeVisible();
  await expect(
    session.getByRole('option', { name: /d-9000000000 .*\(legacy profiles\)/ }),
  ).toHaveCount(1);

  await app.getByText(/2 problems in/).click();
  const problems = app.getByRole('list', { name: /Problems in/ });
  await expect(problems.getByRole('listitem')).toHaveCount(2);
  await expect(problems).toContainText('[sso-session has space]');
  await expect(problems).toContainText('has a space in its name, so botocore skips it');
  await expect(problems).toContainText('[sso-session x]');
  await expect(problems).toContainText('no sso_region');
  const { violations } = await new AxeBuilder({ page: app }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // Sign in to the legacy profiles' portal (the emulator serves any start URL).
  await session.selectOption({ label: `d-9000000000 — ${LEGACY_URL} (legacy profiles)` });
  await signIn(app);
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('d-9000000000');

  // Settings: the legacy session is offered an [sso-session] of its own.
  await app.getByRole('button', { name: 'Settings' }).click();
  await expect(
    app.getByText('legacy profiles: legacy-dev, legacy-prod', { exact: false }),
  ).toBeVisible();
  await app.getByRole('button', { name: 'Add an sso-session for d-9000000000' }).click();
  await expect(app.getByText(/legacy profiles are unchanged/)).toBeVisible();
  const after = readFileSync(join(home, '.aws', 'config'), 'utf8');
  expect(after.startsWith(MESSY)).toBe(true);
  expect(after).toContain(
    `[sso-session d-9000000000]\nsso_start_url = ${LEGACY_URL}\nsso_region = us-east-1\n`,
  );
  // Still signed in, now through the [sso-session].
  await expect(
    app.getByRole('button', { name: 'Add an sso-session for d-9000000000' }),
  ).toHaveCount(0);
  await expect(app.getByText(/signed in until/).first()).toBeVisible();
  expect(errors).toEqual([]);
});
