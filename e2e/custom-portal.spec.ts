// A start URL on a company's own domain: the window asks to add it, main asks the user (here the
// web host's recorded dialog, answered through /_debug/confirmations), and only a yes adds it.
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures/web-host';
import { signIn } from './fixtures/journeys';

test('adding a session outside AWS waits for main’s question; no keeps it out, yes adds it', async ({
  app,
  control,
}) => {
  await signIn(app);
  await app.getByRole('button', { name: /settings/i }).click();
  await app.getByRole('button', { name: 'Add a session…' }).click();
  const form = app.getByRole('form', { name: 'Add a session' });
  await form.getByLabel('Start URL').fill('https://sso.example.com/start');
  await form.getByLabel('Region').fill('eu-west-1');
  await form.getByLabel('Name (optional)').fill('corp');
  const { config } = await control.paths();
  const before = await readFile(config, 'utf8');

  await form.getByRole('button', { name: 'Add session' }).click();
  const first = await control.answerNextConfirmation(false);
  expect(first).toMatchObject({
    title: 'Sign-in portal outside AWS',
    message: 'Add a session whose start URL is on sso.example.com?',
    confirmLabel: 'Add session',
  });
  await expect(form.getByRole('alert')).toContainText(
    'The session was not added: sso.example.com is not an AWS access portal address',
  );
  await expect(app.getByText('https://sso.example.com/start')).toHaveCount(0);
  expect(await readFile(config, 'utf8')).toBe(before);

  await form.getByRole('button', { name: 'Add session' }).click();
  await control.answerNextConfirmation(true);
  await expect(app.getByText(/https:\/\/sso\.example\.com\/start/)).toBeVisible();
  expect(await readFile(config, 'utf8')).toContain(
    '[sso-session corp]\nsso_start_url = https://sso.example.com/start\nsso_region = eu-west-1\n',
  );
  // asked twice in all: once per attempt, never by the window itself
  expect(await control.confirmations()).toHaveLength(2);
});
