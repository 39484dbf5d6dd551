// Open console, the direct way: the session's console settings switched to the direct sign-in
// in Firefox with a container, then "Open console" on a role: the opener gets the federation
// endpoint's login URL for that browser choice, and the URL (opened here in a tab, as the
// browser would) signs in to the emulator's console page for the account and role.
import { test, expect } from './fixtures/web-host';
import {
  accountItem,
  accountsTree,
  pickRole,
  popupAfter,
  roleItem,
  searchBox,
  searchTermFor,
  signIn,
} from './fixtures/journeys';

interface Launched {
  url: string;
  browser: { browser: string; profile?: string; container?: string };
}

test('open console signs in directly when the session says so', async ({ app, host, request }) => {
  await signIn(app);
  const role = pickRole(host, 0);

  // the portal's shortcut link is the default
  await searchBox(app).fill(searchTermFor(host, role));
  await accountItem(app, role).click();
  const row = roleItem(app, role);
  const shortcut = app.context().waitForEvent('page');
  await row.getByRole('button', { name: 'Open console' }).click();
  await (await shortcut).close();

  await app.getByRole('button', { name: /settings/i }).click();
  await app.getByRole('button', { name: 'Console settings for demo' }).click();
  const form = app.getByRole('form', { name: 'Console settings for demo' });
  await expect(form.getByRole('radio', { name: /Access portal link/ })).toBeChecked();
  await form.getByRole('radio', { name: /Direct sign-in/ }).check();
  await form.getByLabel('Console page (optional)').fill('/ec2/home');
  await form.getByLabel('Browser', { exact: true }).selectOption('firefox');
  await form.getByLabel('Container (optional)').fill('Work');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form).toHaveCount(0);
  await app.getByRole('button', { name: 'Back' }).click();

  await expect(accountsTree(app)).toBeVisible();
  await searchBox(app).fill(searchTermFor(host, role));
  const account = accountItem(app, role);
  if ((await account.getAttribute('aria-expanded')) !== 'true') await account.click();
  const consolePage = await popupAfter(app, () =>
    roleItem(app, role).getByRole('button', { name: 'Open console' }).click(),
  );
  await expect(consolePage.getByTestId('role')).toHaveText(role.roleName);
  await expect(consolePage.getByTestId('account')).toContainText(role.accountId);
  await expect(consolePage.getByTestId('destination')).toHaveText(
    'https://console.aws.amazon.com/ec2/home?region=us-east-1',
  );

  // what the opener got: the login URL, for Firefox in the container
  const res = await request.get(`${host.url}/_debug/opened`, {
    headers: { Authorization: `Bearer ${host.token}` },
  });
  const { launched } = (await res.json()) as { launched: Launched[] };
  const last = launched.at(-1);
  expect(last?.browser).toEqual({ browser: 'firefox', container: 'Work' });
  const url = new URL(last?.url ?? '');
  expect(url.origin + url.pathname).toBe(`${host.emulator.url}/federation`);
  expect(url.searchParams.get('Action')).toBe('login');
  expect(host.emulator.issuedSecrets()).toContain(url.searchParams.get('SigninToken'));
});
