// Journeys 2–4: find a role, open Access keys, copy every format, write the profile, verify.
import { readFile, writeFile } from 'node:fs/promises';
import { test, expect } from './fixtures/web-host';
import {
  expectedEnv,
  expectedProfileBlock,
  openAccessKeys,
  pickRole,
  shownCredentials,
  signIn,
} from './fixtures/journeys';

const TABS = [
  { tab: 'macOS and Linux', shell: 'macos' },
  { tab: 'Windows', shell: 'windows' },
  { tab: 'PowerShell', shell: 'powershell' },
] as const;

test('each tab copies the exact commands, the profile block and each value', async ({
  app,
  host,
  control,
}) => {
  await signIn(app);
  const role = pickRole(host);
  const dialog = await openAccessKeys(app, host, role);
  await expect(dialog).toContainText(role.accountId);

  const creds = await shownCredentials(dialog);
  // The dialog shows credentials the emulator really issued.
  expect((await control.emulatorState()).issuedAccessKeyIds).toContain(creds.accessKeyId);
  expect(creds.accessKeyId).toMatch(/^ASIA/);

  await expect(dialog.getByRole('tab')).toHaveCount(3);
  for (const { tab, shell } of TABS) {
    await dialog.getByRole('tab', { name: tab }).click();
    await expect(dialog.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    const option1 = dialog.getByRole('region', { name: /Option 1/ });
    await option1.getByRole('button', { name: /^Copy / }).click();
    await expect.poll(() => control.clipboard()).toBe(expectedEnv(creds, shell));
    // Visible feedback, and the screen reader hears when the clipboard will be cleared.
    await expect(option1.getByRole('button', { name: /^Copied / })).toHaveText('Copied');
    await expect(dialog.getByRole('status').last()).toContainText('Copied the commands.');
  }

  const profileName = `${role.accountId}_${role.roleName}`;
  const option2 = dialog.getByRole('region', { name: /Option 2/ });
  await expect(option2).toContainText(`[${profileName}]`);
  await option2.getByRole('button', { name: /^Copy / }).click();
  await expect.poll(() => control.clipboard()).toBe(expectedProfileBlock(creds, profileName));

  const option3 = dialog.getByRole('region', { name: /Option 3/ });
  const values = [
    ['AWS_ACCESS_KEY_ID', creds.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', creds.secretAccessKey],
    ['AWS_SESSION_TOKEN', creds.sessionToken],
  ] as const;
  for (const [name, value] of values) {
    await option3.getByRole('button', { name: `Copy ${name}`, exact: true }).click();
    await expect.poll(() => control.clipboard()).toBe(value);
  }
});

test('Write profile writes the section into the credentials file and confirms it', async ({
  app,
  host,
  control,
}) => {
  await signIn(app);
  const role = pickRole(host, 1);
  const dialog = await openAccessKeys(app, host, role);
  const creds = await shownCredentials(dialog);
  const profileName = `${role.accountId}_${role.roleName}`;
  const { credentials } = await control.paths();

  const option2 = dialog.getByRole('region', { name: /Option 2/ });
  await expect(option2.getByRole('textbox', { name: /profile name/i })).toHaveValue(profileName);
  await option2.getByRole('button', { name: 'Write profile' }).click();
  await expect(option2.getByRole('status').or(option2.getByText(credentials))).toContainText(
    credentials,
  );

  const text = await readFile(credentials, 'utf8');
  expect(text).toContain(expectedProfileBlock(creds, profileName));
});

test('Write profile under a chosen name; a name the AWS tools cannot read is refused', async ({
  app,
  host,
  control,
}) => {
  await signIn(app);
  const role = pickRole(host, 2);
  const dialog = await openAccessKeys(app, host, role);
  const option2 = dialog.getByRole('region', { name: /Option 2/ });
  const name = option2.getByRole('textbox', { name: /profile name/i });

  await name.fill('bad name');
  await expect(option2.getByRole('button', { name: 'Write profile' })).toBeDisabled();
  await expect(option2).toContainText(/space/i);

  await name.fill('e2e-chosen');
  await option2.getByRole('button', { name: 'Write profile' }).click();
  const { credentials } = await control.paths();
  await expect(option2).toContainText(credentials);
  const creds = await shownCredentials(dialog);
  expect(await readFile(credentials, 'utf8')).toContain(expectedProfileBlock(creds, 'e2e-chosen'));
});

test('Verify shows the caller ARN of the assumed role', async ({ app, host }) => {
  await signIn(app);
  const role = pickRole(host);
  const dialog = await openAccessKeys(app, host, role);
  await dialog.getByRole('button', { name: 'Verify' }).click();
  await expect(dialog).toContainText(
    `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${host.emulator.userName}`,
  );
});

test('Write profile asks before replacing a profile another tool wrote under the default name', async ({
  app,
  host,
  control,
}) => {
  await signIn(app);
  const role = pickRole(host, 3);
  const profileName = `${role.accountId}_${role.roleName}`;
  const { credentials } = await control.paths();
  // Another tool's profile with the portal's default name, and the user's own [default].
  const foreign =
    '# written by hand\n[default]\naws_access_key_id = AKIAE2ELONGTERM\naws_secret_access_key = e2e\n\n' +
    `[${profileName}]\ncredential_process = /usr/local/bin/other-tool creds\n`;
  await writeFile(credentials, foreign);

  const dialog = await openAccessKeys(app, host, role);
  const creds = await shownCredentials(dialog);
  const option2 = dialog.getByRole('region', { name: /Option 2/ });
  const write = option2.getByRole('button', { name: 'Write profile' });
  await write.click();
  const question = option2.getByRole('group', {
    name: `Replace profile ${profileName} in your credentials file?`,
  });
  await expect(question).toBeVisible();
  await expect(question).toContainText(`SSO Tray did not write profile "${profileName}"`);
  await expect(question).toContainText('it holds a credential_process command');
  await expect(question).not.toContainText('other-tool');
  // Nothing is written while the question waits; Cancel (focused) changes nothing.
  const cancel = question.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeFocused();
  expect(await readFile(credentials, 'utf8')).toBe(foreign);
  await app.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(write).toBeFocused();
  expect(await readFile(credentials, 'utf8')).toBe(foreign);

  // Asked again, Replace writes it; the rest of the file stays as it was.
  await write.click();
  await question.getByRole('button', { name: 'Replace' }).click();
  await expect(question).toHaveCount(0);
  await expect(option2.getByRole('status')).toContainText(`Wrote profile [${profileName}]`);
  const text = await readFile(credentials, 'utf8');
  expect(
    text.startsWith('# written by hand\n[default]\naws_access_key_id = AKIAE2ELONGTERM\n'),
  ).toBe(true);
  expect(text).toContain(
    `[${profileName}]\ncredential_process = /usr/local/bin/other-tool creds\n` +
      `aws_access_key_id=${creds.accessKeyId}\n` +
      `aws_secret_access_key=${creds.secretAccessKey}\n` +
      `aws_session_token=${creds.sessionToken}\n`,
  );
  // Now SSO Tray's own: written again without a question.
  await write.click();
  await expect(option2.getByRole('status')).toContainText(`Wrote profile [${profileName}]`);
  await expect(question).toHaveCount(0);
});
