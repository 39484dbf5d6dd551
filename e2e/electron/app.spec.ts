// The real Electron app against the emulator: window security, the IPC bridge, sign-in,
// accounts, copy to the clipboard, and the tray's model. Needs `npx electron-vite build` first
// (the script does it).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { startEmulator, type RunningEmulator } from '../../tools/emulator/index';
import { findElectronBinary } from '../../tools/electron-binary';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const electron = findElectronBinary();

test.skip(electron.path === null, `skipped: no Electron binary (${electron.reason ?? ''})`);

let emulator: RunningEmulator;
let home: string;
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0, autoApprove: true, accounts: 30, quiet: true });
  home = await mkdtemp(join(tmpdir(), 'sso-tray-electron-'));
  const configFile = join(home, '.aws', 'config');
  await mkdir(dirname(configFile), { recursive: true });
  await writeFile(
    configFile,
    `[sso-session demo]\nsso_start_url = ${emulator.startUrl}\nsso_region = ${emulator.region}\n` +
      `sso_registration_scopes = sso:account:access\n`,
  );
  app = await _electron.launch({
    executablePath: electron.path ?? undefined,
    args: [root],
    env: {
      ...process.env,
      HOME: home,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
      AWS_ENDPOINT_URL_SSO: emulator.url,
      AWS_ENDPOINT_URL_SSO_OIDC: emulator.url,
      AWS_ENDPOINT_URL_STS: emulator.url,
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
  if (home) await rm(home, { recursive: true, force: true });
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
