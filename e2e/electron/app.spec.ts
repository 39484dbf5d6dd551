// The real Electron app against the emulator: window security, the IPC bridge, sign-in,
// accounts, copy to the clipboard, and the tray's model. Needs `npx electron-vite build` first
// (the script does it).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../tools/electron-binary';
import { startTestEmulator, type RunningEmulator } from '../../test/support/emulator';
import { createSandboxHome, type SandboxHome } from '../../test/support/sandbox-home';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const electron = findElectronBinary();

test.skip(electron.path === null, `skipped: no Electron binary (${electron.reason ?? ''})`);

let emulator: RunningEmulator;
let sandbox: SandboxHome | undefined;
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  emulator = await startTestEmulator({ autoApprove: true, accounts: 30 });
  sandbox = await createSandboxHome({
    session: { name: 'demo', startUrl: emulator.startUrl, region: emulator.region },
    endpoint: emulator.url,
    prefix: 'sso-tray-electron-',
  });
  app = await _electron.launch({
    executablePath: electron.path ?? undefined,
    args: [root],
    env: {
      ...process.env,
      ...sandbox.env,
      SSO_TRAY_ALLOW_LOOPBACK_HTTP: '1',
    },
  });
  // A second launch focuses the running instance: the same path the app uses to show its window.
  await app.evaluate(({ app: electronApp }) => {
    electronApp.emit('second-instance');
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  await emulator?.close();
  await sandbox?.cleanup();
});

test('the window is served from app:// with no Node access', async () => {
  expect(page.url()).toMatch(/^app:\/\/sso-tray\//);
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    api: typeof (globalThis as { api?: unknown }).api,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', api: 'object' });
});

test('the page cannot navigate away or open windows', async () => {
  const before = page.url();
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  expect(app.windows()).toHaveLength(1);
});

test('sign in, list accounts and copy credentials through window.api', async () => {
  type Api = {
    login(p: { session: string; flow?: 'pkce' | 'device' }): Promise<void>;
    getState(): Promise<{ sessions: { name: string; status: string }[] }>;
    listAccounts(p: { session: string }): Promise<{ accounts: { accountId: string }[] }>;
    listRoles(p: { session: string; accountId: string }): Promise<{ roleName: string }[]>;
    copyCredentials(p: {
      session: string;
      accountId: string;
      roleName: string;
      what: string;
    }): Promise<unknown>;
  };
  // page.evaluate ships the function text to the page: each callback finds `api` there.
  await page.evaluate(() =>
    (globalThis as unknown as { api: Api }).api.login({ session: 'demo', flow: 'device' }),
  );
  await expect
    .poll(async () =>
      page.evaluate(
        async () =>
          (await (globalThis as unknown as { api: Api }).api.getState()).sessions[0]?.status,
      ),
    )
    .toBe('signed-in');
  const first = await page.evaluate(async () => {
    const api = () => (globalThis as unknown as { api: Api }).api;
    const list = await api().listAccounts({ session: 'demo' });
    const accountId = list.accounts[0]?.accountId ?? '';
    const roles = await api().listRoles({ session: 'demo', accountId });
    return { accountId, roleName: roles[0]?.roleName ?? '' };
  });
  expect(first.accountId).toMatch(/^\d{12}$/);
  await page.evaluate(
    (t) =>
      (globalThis as unknown as { api: Api }).api.copyCredentials({
        session: 'demo',
        ...t,
        what: 'env-macos',
      }),
    first,
  );
  const copied = await app.evaluate(({ clipboard }) => clipboard.readText());
  expect(copied).toMatch(/^export AWS_ACCESS_KEY_ID="ASIA/);
});

test('IPC from the page with a bad payload gets an error, not a crash', async () => {
  const result = await page.evaluate(async () => {
    try {
      await (
        globalThis as unknown as { api: { listRoles(p: unknown): Promise<unknown> } }
      ).api.listRoles({
        session: 'demo',
        accountId: 'not-an-id',
      });
      return 'accepted';
    } catch (e) {
      return (e as { code?: string }).code;
    }
  });
  expect(result).toBe('INVALID_INPUT');
});
