// The real main process (runMain and everything it wires) against the electron mock: what
// Electron is asked to do at start, for each thing a page or the user does, and on quit.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels, eventChannel } from '../../shared/ipc-contract';
import { UNTRUSTED_SENDER } from '../core/ipc/dispatch';
import { CONTENT_SECURITY_POLICY, windowWebPreferences } from '../core/security';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake, FakeBrowserWindow, FakeNativeImage, APP_TOP_FRAME } =
  await import('./testing/electron-mock');
const { launch, REPO_ROOT, START_URL, INDEX_HTML, APP_JS, OUTSIDE_SECRET } =
  await import('./testing/launch');
type Launched = Awaited<ReturnType<typeof launch>>;

let running: Launched | null = null;

async function start(options: Parameters<typeof launch>[0] = {}): Promise<Launched> {
  running = await launch(options);
  return running;
}

/** The window exists once something shows it; a second launch is what the e2e suite uses. */
function showWindow() {
  fake.app.emit('second-instance', {}, [], REPO_ROOT);
  const win = fake.windows.at(-1);
  if (win === undefined) throw new Error('no window was created');
  return win;
}

const menuBuilt = async (after: number) =>
  vi.waitFor(() => {
    if (fake.menus.length <= after) throw new Error('the tray menu was not rebuilt');
  });

beforeEach(() => {
  fake.reset();
});

afterEach(async () => {
  vi.useRealTimers();
  if (running !== null) {
    await running.quit();
    await running.cleanup();
    running = null;
  }
});

describe('start-up', () => {
  it('registers app:// as a standard, secure scheme before ready, and serves it after', async () => {
    await start();
    expect(fake.protocol.privileged).toEqual([
      {
        scheme: 'app',
        privileges: {
          standard: true,
          secure: true,
          supportFetchAPI: true,
          corsEnabled: false,
          codeCache: true,
        },
      },
    ]);
    // The mock refuses both calls at the wrong moment, as Electron does.
    expect(fake.log.indexOf('protocol.registerSchemesAsPrivileged')).toBe(0);
    expect(fake.protocol.isProtocolHandled('app')).toBe(true);
  });

  it('a second instance takes the lock from nobody: it quits and starts nothing', async () => {
    await start({ lock: false });
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.log).toEqual([
      'protocol.registerSchemesAsPrivileged',
      'app.requestSingleInstanceLock',
      'app.quit',
    ]);
    expect(fake.app.listenerCount('web-contents-created')).toBe(0);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.trays).toHaveLength(0);
    expect(fake.windows).toHaveLength(0);
    expect(fake.protocol.isProtocolHandled('app')).toBe(false);
  });

  it('the running instance shows its window when a second one starts, and keeps one window', async () => {
    await start();
    expect(fake.windows).toHaveLength(0);
    const win = showWindow();
    expect(win.isVisible()).toBe(true);
    expect(win.focused).toBe(true);
    win.hide();
    showWindow();
    expect(fake.windows).toHaveLength(1);
    expect(win.isVisible()).toBe(true);
  });

  it('keeps running when the window is closed (tray app)', async () => {
    await start();
    const win = showWindow();
    win.destroy();
    fake.app.emit('window-all-closed');
    expect(fake.app.quitCalls).toBe(0);
    expect(fake.app.exitCode).toBeNull();
    // The next show makes a new window.
    showWindow();
    expect(fake.windows).toHaveLength(2);
  });
});

describe('the window', () => {
  it('is isolated and sandboxed, without Node, webviews or devtools, loaded from app://', async () => {
    const app = await start();
    const win = showWindow();
    const preload = join(dirname(app.options.mainDir), 'preload', 'index.cjs');
    expect(win.options.webPreferences).toEqual(windowWebPreferences(preload, { dev: false }));
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(win.options.webPreferences).not.toHaveProperty('enableRemoteModule');
    expect(win.options.show).toBe(false);
    expect(win.webContents.getURL()).toBe('app://sso-tray/index.html');
    expect(win.loadedFiles).toEqual([]);
  });

  it('ignores the dev server variable in a packaged build', async () => {
    await start({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    const win = showWindow();
    expect(win.webContents.getURL()).toBe('app://sso-tray/index.html');
    expect(win.options.webPreferences?.devTools).toBe(false);
  });

  it('in development loads the dev server, with devtools, and trusts only its origin', async () => {
    await start({ packaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    const win = showWindow();
    expect(win.webContents.getURL()).toBe('http://localhost:5173/');
    expect(win.options.webPreferences?.devTools).toBe(true);
    const dev = { url: 'http://localhost:5173/', parent: null };
    expect(await fake.ipcMain.invoke('state.get', {}, dev)).toMatchObject({ ok: true });
    expect(await fake.ipcMain.invoke('state.get', {}, APP_TOP_FRAME)).toEqual(UNTRUSTED_SENDER);
  });
});

describe('every web contents is locked down', () => {
  it('navigation, redirects and webviews are prevented', async () => {
    await start();
    const contents = showWindow().webContents;
    expect(contents.navigate('https://evil.example/')).toBe(true);
    expect(contents.navigate('app://sso-tray/other.html')).toBe(true);
    expect(contents.navigate(START_URL)).toBe(true);
    expect(contents.getURL()).toBe('app://sso-tray/index.html');
    expect(contents.redirect('https://evil.example/')).toBe(true);
    expect(contents.attachWebview('https://evil.example/')).toBe(true);
  });

  it('new windows are denied; only allow-listed https links reach the browser', async () => {
    await start();
    const contents = showWindow().webContents;
    const allowed = [
      'https://console.aws.amazon.com/',
      `${START_URL}/#/console?account_id=123456789012&role_name=Admin`,
      'https://eu-west-1.signin.aws.amazon.com/',
    ];
    const refused = [
      'https://evil.example/',
      'http://console.aws.amazon.com/',
      'https://console.aws.amazon.com.evil.example/',
      'https://user@console.aws.amazon.com/',
      'https://console.aws.amazon.com:8443/',
      'https://sso.example.com/start',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://sso-tray/index.html',
    ];
    for (const url of [...allowed, ...refused]) {
      expect(contents.openWindow(url), url).toEqual({ action: 'deny' });
    }
    expect(fake.shell.opened).toEqual(allowed);
    expect(fake.windows).toHaveLength(1);
  });

  it('also any other web contents a bug might create', async () => {
    await start();
    const stray = new FakeBrowserWindow({});
    expect(stray.webContents.navigate('https://evil.example/')).toBe(true);
    expect(stray.webContents.attachWebview('https://evil.example/')).toBe(true);
    expect(stray.webContents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(fake.shell.opened).toEqual([]);
  });
});

describe('permissions', () => {
  it('every request and check is denied, set before any window exists', async () => {
    await start();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'fullscreen',
      'hid',
      'unknown',
    ]) {
      expect(await fake.session.requestPermission(permission), permission).toBe(false);
      expect(fake.session.checkPermission(permission), permission).toBe(false);
      expect(fake.session.checkPermission(permission, 'https://evil.example'), permission).toBe(
        false,
      );
    }
    showWindow();
    const firstWindow = fake.log.indexOf('new BrowserWindow');
    expect(fake.log.indexOf('session.setPermissionRequestHandler')).toBeLessThan(firstWindow);
    expect(fake.log.indexOf('session.setPermissionCheckHandler')).toBeLessThan(firstWindow);
  });
});

describe('app:// serves only the renderer, with the security headers', () => {
  it('serves the page and its scripts with the CSP header', async () => {
    await start();
    for (const [url, body, type] of [
      ['app://sso-tray/index.html', INDEX_HTML, 'text/html; charset=utf-8'],
      ['app://sso-tray/', INDEX_HTML, 'text/html; charset=utf-8'],
      ['app://sso-tray/assets/app.js', APP_JS, 'text/javascript; charset=utf-8'],
    ] as const) {
      const response = await fake.protocol.request(url);
      expect(response.status, url).toBe(200);
      expect(await response.text()).toBe(body);
      expect(Object.fromEntries(response.headers)).toEqual({
        'content-type': type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cross-origin-opener-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
      });
    }
    // The page itself carries the same policy (the dev server and the web host serve it too).
    const html = await readFile(join(REPO_ROOT, 'src', 'renderer', 'index.html'), 'utf8');
    expect(html.replace(/\s+/g, ' ')).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
  });

  it('answers 404 outside the renderer folder, for traversals, other hosts and unknown types', async () => {
    await start();
    for (const url of [
      'app://sso-tray/missing.js',
      'app://sso-tray/../secret.txt',
      'app://sso-tray/..%2fsecret.txt',
      'app://sso-tray/%2e%2e%2fsecret.txt',
      'app://sso-tray/assets/..%2f..%2fsecret.txt',
      'app://sso-tray/..%5csecret.txt',
      'app://sso-tray/assets%5c..%5c..%5csecret.txt',
      'app://sso-tray/%00index.html',
      'app://sso-tray/assets/app.js.map',
      'app://evil/index.html',
      'app://sso-tray.evil/index.html',
    ]) {
      const response = await fake.protocol.request(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain(OUTSIDE_SECRET);
    }
  });

  it('answers 405 to anything but GET', async () => {
    await start();
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await fake.protocol.request('app://sso-tray/index.html', {
        method,
        body: 'x',
      });
      expect(response.status, method).toBe(405);
    }
  });
});

describe('IPC', () => {
  const channels = Object.keys(invokeChannels).sort();
  const untrusted = [
    null,
    { url: 'https://evil.example/', parent: null },
    { url: 'app://sso-tray.evil/index.html', parent: null },
    { url: 'app://sso-tray@evil/index.html', parent: null },
    { url: 'file:///index.html', parent: null },
    { url: '', parent: null },
    { url: 'app://sso-tray/index.html', parent: APP_TOP_FRAME },
  ];

  it('every channel of the contract has a handler, and nothing else is handled', async () => {
    await start();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(channels);
    // electron-store answers its own synchronous data request (app version and data folder);
    // nothing of the app listens with ipcMain.on.
    expect(fake.ipcMain.eventNames().filter((e) => e !== 'electron-store-get-data')).toEqual([]);
  });

  it('answers the app page', async () => {
    await start();
    const reply = await fake.ipcMain.invoke('state.get', {});
    expect(reply).toMatchObject({
      ok: true,
      value: { platform: 'linux', sessions: [{ name: 'acme', status: 'signed-out' }] },
    });
  });

  it('refuses every other sender on every channel, before looking at the payload', async () => {
    await start();
    for (const channel of channels) {
      for (const frame of untrusted) {
        for (const payload of [{}, { session: 'acme' }, 'garbage']) {
          expect(await fake.ipcMain.invoke(channel, payload, frame), channel).toEqual(
            UNTRUSTED_SENDER,
          );
        }
      }
    }
  });

  it('a refused sender and a failed request are in the log; Settings opens its folder', async () => {
    const app = await start();
    await fake.ipcMain.invoke('state.get', {}, { url: 'https://evil.example/', parent: null });
    await fake.ipcMain.invoke('credentials.copy', { session: 'acme', what: 'nope' });
    expect(app.log.text()).toMatch(
      /WARN +\[ipc\] request refused channel=state\.get reason="the sender is not the app window"/,
    );
    expect(app.log.text()).toMatch(/WARN +\[ipc\] request refused channel=credentials\.copy/);
    const state = (await fake.ipcMain.invoke('state.get', {})) as {
      value: { logsLocation: string };
    };
    expect(state.value.logsLocation).toMatch(/logs$/);
    expect(await fake.ipcMain.invoke('logs.openFolder', {})).toEqual({ ok: true, value: null });
    expect(app.logFoldersOpened).toEqual([state.value.logsLocation]);
  });

  it('an untrusted sender never reaches the handler', async () => {
    const app = await start();
    const win = showWindow();
    const config = await readFile(app.configFile, 'utf8');
    const evil = { url: 'https://evil.example/', parent: null };
    await fake.ipcMain.invoke('window.hide', {}, evil);
    expect(win.isVisible()).toBe(true);
    await fake.ipcMain.invoke('settings.update', { patch: { theme: 'dark' } }, evil);
    await fake.ipcMain.invoke(
      'sessions.add',
      { name: 'evil', startUrl: 'https://d-9999999999.awsapps.com/start', region: 'us-east-1' },
      evil,
    );
    const theme = async () =>
      ((await fake.ipcMain.invoke('state.get', {})) as { value: { settings: { theme: string } } })
        .value.settings.theme;
    expect(await theme()).toBe('system');
    expect(await readFile(app.configFile, 'utf8')).toBe(config);
    // The same requests from the app's page do run.
    await fake.ipcMain.invoke('settings.update', { patch: { theme: 'dark' } });
    expect(await theme()).toBe('dark');
    await fake.ipcMain.invoke('window.hide', {});
    expect(win.isVisible()).toBe(false);
  });

  it('app events reach the window', async () => {
    await start();
    const win = showWindow();
    await fake.ipcMain.invoke('settings.update', { patch: { theme: 'dark' } });
    const state = win.webContents.sent.filter((s) => s.channel === eventChannel('state')).at(-1);
    expect(state?.args[0]).toMatchObject({ settings: { theme: 'dark' } });
  });
});

describe('the tray', () => {
  const iconFiles = () => fake.nativeImage.paths;

  it('Linux: icons from files that exist in assets/, a click toggles the window', async () => {
    await start({ packaged: false });
    const tray = fake.trays[0];
    expect(fake.trays).toHaveLength(1);
    expect(tray?.images[0]).toBeInstanceOf(FakeNativeImage);
    expect(iconFiles().map((p) => basename(p))).toEqual(['tray-signed-out.png']);
    for (const path of iconFiles()) {
      expect(dirname(path)).toBe(join(REPO_ROOT, 'assets'));
      expect(existsSync(path), path).toBe(true);
    }
    for (const image of tray?.images ?? []) {
      expect((image as InstanceType<typeof FakeNativeImage>).isEmpty()).toBe(false);
    }
    expect(tray?.toolTip).not.toBe('');
    tray?.click();
    expect(fake.windows[0]?.isVisible()).toBe(true);
    tray?.click();
    expect(fake.windows[0]?.isVisible()).toBe(false);
  });

  it('packaged: the icons come from the resources folder electron-builder fills', async () => {
    const app = await start({ packaged: true, platform: 'win32' });
    expect(iconFiles().length).toBeGreaterThan(0);
    for (const path of iconFiles()) {
      expect(dirname(path)).toBe(join(app.resourcesPath, 'assets'));
      expect(existsSync(path), path).toBe(true);
    }
    const builder = await readFile(join(REPO_ROOT, 'electron-builder.yml'), 'utf8');
    expect(builder).toMatch(/extraResources:\s*\n\s*- from: assets\s*\n\s*to: assets/);
  });

  it('macOS: a template icon that exists, the countdown as title, no click handler', async () => {
    await start({ packaged: false, platform: 'darwin' });
    const tray = fake.trays[0];
    expect(iconFiles().map((p) => basename(p))).toEqual(['trayTemplate.png']);
    expect(existsSync(iconFiles()[0] ?? '')).toBe(true);
    const image = tray?.images[0] as InstanceType<typeof FakeNativeImage>;
    expect(image.isTemplateImage()).toBe(true);
    expect(image.isEmpty()).toBe(false);
    expect(tray?.listenerCount('click')).toBe(0);
    // The dock icon is hidden while no window is open.
    expect(fake.app.dock?.visible).toBe(false);
    showWindow();
    expect(fake.app.dock?.visible).toBe(true);
  });

  it('the menu is built once the core is ready and rebuilt after a state event', async () => {
    await start();
    const tray = fake.trays[0];
    await menuBuilt(0);
    const first = fake.menus.at(-1);
    expect(tray?.contextMenu).toBe(first);
    expect(first?.item('quit')?.label).toBe('Quit');
    const before = fake.menus.length;
    // A favourite changes the state: the menu shows it without a restart.
    const reply = await fake.ipcMain.invoke('favourites.toggle', {
      session: 'acme',
      accountId: '123456789012',
      roleName: 'Admin',
      accountName: 'Prod',
    });
    expect(reply).toEqual({ ok: true, value: { favourite: true } });
    await menuBuilt(before);
    const rebuilt = fake.menus.at(-1);
    expect(tray?.contextMenu).toBe(rebuilt);
    expect(rebuilt?.flat().some((i) => i.label?.includes('Prod'))).toBe(true);
    expect(first?.flat().some((i) => i.label?.includes('Prod'))).toBe(false);
  });

  it('a menu click runs the core action: Open shows the window', async () => {
    await start();
    await menuBuilt(0);
    const open = fake.trays[0]?.contextMenu?.item('open');
    expect(open?.label).toBe('Open SSO Tray');
    (open?.click as () => void)();
    await vi.waitFor(() => expect(fake.windows[0]?.isVisible()).toBe(true));
  });

  it('the icon follows the state after a resume from sleep', async () => {
    await start();
    await menuBuilt(0);
    const before = fake.menus.length;
    fake.powerMonitor.emit('resume');
    await menuBuilt(before);
  });
});

describe('quit', () => {
  it("the tray's Quit disposes everything, then exits 0", async () => {
    await start();
    const win = showWindow();
    await menuBuilt(0);
    const tray = fake.trays[0];
    (tray?.contextMenu?.item('quit')?.click as () => void)();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(tray?.isDestroyed()).toBe(true);
    expect(win.isDestroyed()).toBe(true);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.powerMonitor.listenerCount('resume')).toBe(0);
    expect(fake.powerMonitor.listenerCount('unlock-screen')).toBe(0);
    // Nothing touches the destroyed tray or window afterwards (the fakes throw, as Electron does).
    fake.powerMonitor.emit('resume');
    fake.powerMonitor.emit('unlock-screen');
    fake.app.emit('second-instance', {}, [], REPO_ROOT);
    expect(fake.windows).toHaveLength(1);
  });

  it('leaves no timer running', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    await start();
    await vi.waitFor(() => {
      if (fake.menus.length === 0) throw new Error('no menu yet');
    });
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('asks once: the first quit is held until disposal ends, a second one passes', async () => {
    await start();
    const quits: string[] = [];
    fake.app.on('will-quit', () => quits.push('will-quit'));
    fake.app.quit();
    expect(quits).toEqual([]);
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    fake.app.quit();
    expect(quits).toEqual(['will-quit']);
  });

  it('quitting before the core is ready is clean', async () => {
    await start();
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(fake.trays[0]?.isDestroyed()).toBe(true);
  });

  it('keeps no secret of its own at rest: safeStorage is never used', async () => {
    await start();
    showWindow();
    await fake.ipcMain.invoke('settings.update', { patch: { theme: 'dark' } });
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(fake.safeStorage.calls).toEqual([]);
  });
});
