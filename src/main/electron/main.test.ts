// The real main process (runMain and everything it wires) against the electron mock: what
// Electron is asked to do at start, for each thing a page or the user does, at start and for the
// window, its web contents, permissions and app:// (the IPC, the tray and quit: main-ipc.test.ts).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { UNTRUSTED_SENDER } from '../core/ipc/dispatch';
import { CONTENT_SECURITY_POLICY, windowWebPreferences } from '../core/security';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake, FakeBrowserWindow, APP_TOP_FRAME } = await import('./testing/electron-mock');
const { REPO_ROOT, START_URL, INDEX_HTML, APP_JS, OUTSIDE_SECRET } =
  await import('./testing/launch');
const { useLaunchedApp } = await import('./testing/main-harness');
const { start, showWindow } = useLaunchedApp();

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
