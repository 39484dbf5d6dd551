// The Electron security checklist (style.md) asserted on the source of the Electron adapters,
// where Electron itself cannot run here. The decisions (window options, CSP, sender check,
// allow-list) have unit tests in src/main/core/security; this checks they are wired in.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, windowWebPreferences } from '../../src/main/core/security';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
/** Source without comments, so a comment can neither satisfy nor trip a check. */
const code = (p: string) =>
  read(p)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

function files(dir: string, ext = /\.(ts|tsx)$/): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p, ext));
    else if (ext.test(e.name) && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('Electron adapters follow the security checklist', () => {
  const main = code('src/main/electron/index.ts');
  const windowTs = code('src/main/electron/window.ts');

  it('every web contents: navigation and redirects prevented, new windows denied, no webviews', () => {
    expect(main).toMatch(/app\.on\(\s*'web-contents-created'/);
    expect(main).toMatch(
      /on\(\s*'will-navigate',\s*\(event\)\s*=>\s*event\.preventDefault\(\)\s*\)/,
    );
    expect(main).toMatch(
      /on\(\s*'will-redirect',\s*\(event\)\s*=>\s*event\.preventDefault\(\)\s*\)/,
    );
    expect(main).toMatch(
      /on\(\s*'will-attach-webview',\s*\(event\)\s*=>\s*event\.preventDefault\(\)\s*\)/,
    );
    const handler = /setWindowOpenHandler\(([\s\S]*?)\n\s{4}\}\);/.exec(main)?.[1] ?? '';
    expect(handler).toContain("return { action: 'deny' }");
    expect(handler).not.toContain("'allow'");
  });

  it('permission requests and checks are denied', () => {
    expect(main).toMatch(/setPermissionRequestHandler\(\([^)]*\)\s*=>\s*callback\(false\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(\(\)\s*=>\s*false\)/);
  });

  it('shell.openExternal is called only behind isAllowedExternalUrl', () => {
    const all = files('src').filter((f) => code(f).includes('shell.openExternal'));
    expect(all.map((f) => relative(ROOT, join(ROOT, f)))).toEqual(['src/main/electron/index.ts']);
    const calls = main.match(/shell\.openExternal\(/g) ?? [];
    expect(calls).toHaveLength(1);
    expect(main).toMatch(
      /const allowed = isAllowedExternalUrl\([\s\S]{0,200}?\);\s*if \(allowed\) void shell\.openExternal\(url\);/,
    );
  });

  it('the window takes its webPreferences from windowWebPreferences (isolated, sandboxed)', () => {
    expect(windowTs).toMatch(/webPreferences:\s*windowWebPreferences\(/);
    expect(windowTs.match(/new BrowserWindow\(/g)).toHaveLength(1);
    const prefs = windowWebPreferences('/p.cjs');
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(prefs).not.toHaveProperty('nodeIntegrationInWorker', true);
    expect(prefs).not.toHaveProperty('nodeIntegrationInSubFrames', true);
    expect(prefs).not.toHaveProperty('enableRemoteModule', true);
  });

  it('no file of the app turns on Node in a renderer or uses @electron/remote', () => {
    const sources = [...files('src'), 'electron.vite.config.ts', 'package.json'];
    for (const f of sources) {
      const text = code(f);
      expect(text, f).not.toMatch(/nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/);
      expect(text, f).not.toMatch(/contextIsolation\s*:\s*false/);
      expect(text, f).not.toMatch(/sandbox\s*:\s*false/);
      expect(text, f).not.toMatch(/webSecurity\s*:\s*false/);
      expect(text, f).not.toMatch(/@electron\/remote|enableRemoteModule/);
      expect(text, f).not.toMatch(/allowRunningInsecureContent\s*:\s*true/);
    }
  });

  it('the app:// scheme is registered privileged before ready, served with the CSP header', () => {
    const protocol = code('src/main/electron/protocol.ts');
    expect(protocol).toMatch(/registerSchemesAsPrivileged\(/);
    expect(protocol).toMatch(/standard: true,\s*secure: true,/);
    expect(protocol).toMatch(/corsEnabled: false,/);
    expect(protocol).toMatch(/codeCache: true/);
    expect(protocol).toMatch(/'Content-Security-Policy': CONTENT_SECURITY_POLICY/);
    expect(protocol).toMatch(/request\.method !== 'GET'/);
    expect(protocol).toMatch(/resolveAppAsset\(/);
    // Registered at module load, i.e. before `app.whenReady()` resolves.
    const at = main.indexOf('registerAppSchemePrivileges();');
    expect(at).toBeGreaterThan(-1);
    expect(at).toBeLessThan(main.indexOf('await app.whenReady()'));
    expect(main).toMatch(/\$\{APP_ORIGIN\}\/index\.html/);
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
    // The page carries the same CSP as a meta tag (for the dev server and the web host).
    const html = read('src/renderer/index.html');
    expect(html.replace(/\s+/g, ' ')).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
  });

  it('IPC: every channel goes through handleIpc with the sender frame; the preload exposes only the api', () => {
    const ipc = code('src/main/electron/ipc.ts');
    expect(ipc).toMatch(
      /for \(const channel of INVOKE_CHANNELS\)\s*\{\s*ipcMain\.handle\(channel, \(event, payload: unknown\) =>\s*handleIpc\(channel, senderOf\(event\)/,
    );
    expect(ipc.match(/ipcMain\.(handle|on)\(/g)).toHaveLength(1);
    expect(ipc).toMatch(/event\.senderFrame/);
    const preload = code('src/preload/index.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\('api', api\)/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    // `electron` is imported only by the adapters and the preload.
    for (const f of files('src')) {
      if (f.startsWith('src/main/electron/') || f.startsWith('src/preload/')) continue;
      expect(code(f), f).not.toMatch(/from 'electron'|require\('electron'\)/);
    }
  });

  it('the packaged build flips the fuses of the checklist', () => {
    const yml = read('electron-builder.yml');
    for (const line of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'onlyLoadAppFromAsar: true',
      'enableEmbeddedAsarIntegrityValidation: true',
    ]) {
      expect(yml).toMatch(new RegExp(`^\\s+${line}$`, 'm'));
    }
  });

  it('safeStorage: on Linux the basic_text backend is detected by the storage adapter', () => {
    const storage = code('src/main/electron/secure-storage.ts');
    expect(storage).toMatch(/getSelectedStorageBackend\(\)/);
    const policy = code('src/main/core/security/secret-storage.ts');
    expect(policy).toContain('basic_text');
  });
});
