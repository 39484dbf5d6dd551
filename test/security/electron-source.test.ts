// What the Electron security rules forbid everywhere, checked on the source text. The rules that
// behaviour can show are tested by running the adapters against a mock of `electron`
// (src/main/electron/*.test.ts, src/preload/index.test.ts, test/app/electron-main.test.ts):
// single instance, app:// privileges, CSP header and what it serves, webPreferences, navigation,
// new windows, webviews, permissions, the IPC sender check on every channel, the preload's one
// `api`, the tray's icons and menu, disposal on quit. What stays here is what no run can show:
// that no other file does what the adapters avoid (a test only sees the code it runs), and the
// packaged binary's fuses (electron-builder flips them; Electron does not run here).
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
/** Source without comments, so a comment can neither satisfy nor trip a check. */
const code = (p: string) =>
  read(p)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

/** The app's source files; tests and the electron mock (which only pretends) are not the app. */
function files(dir: string, ext = /\.(ts|tsx)$/): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const p = posix.join(dir, e.name);
    if (e.isDirectory()) {
      if (p !== 'src/main/electron/testing') out.push(...files(p, ext));
    } else if (ext.test(e.name) && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('Electron rules that hold for every file', () => {
  // Source check: a prohibition on all other code, which no test of the adapters would run.
  it('`electron` is imported only by the adapters (src/main/electron) and the preload', () => {
    const importers = files('src').filter((f) =>
      /from 'electron'|require\('electron'\)|import\('electron'\)/.test(code(f)),
    );
    expect(importers.length).toBeGreaterThan(0);
    for (const f of importers) {
      expect(f.startsWith('src/main/electron/') || f.startsWith('src/preload/'), f).toBe(true);
    }
  });

  // Source check: the behaviour tests show that the one opener in main.ts asks the allow-list
  // (refused URLs never reach the fake shell); only the source can show there is no other.
  it('shell.openExternal is called only by the allow-listed opener in main.ts', () => {
    const callers = files('src').filter((f) => code(f).includes('shell.openExternal'));
    expect(callers).toEqual(['src/main/electron/main.ts']);
    expect(code('src/main/electron/main.ts').match(/shell\.openExternal\(/g)).toHaveLength(1);
  });

  // Source check: the window's preferences are tested on the one window the app makes
  // (main.test.ts, window.test.ts) and Electronegativity flags any other BrowserWindow; this
  // covers settings and dependencies no window test would meet (the build config, package.json).
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

  // Source check: the app keeps no secret of its own at rest (SECURITY.md), so nothing may use
  // safeStorage, whose Linux fallback (`basic_text`) encrypts with a fixed key. The behaviour
  // test (main-ipc.test.ts) sees that the runs it makes never reach it; this sees every file.
  it('nothing uses safeStorage', () => {
    for (const f of files('src')) expect(code(f), f).not.toMatch(/\bsafeStorage\b/);
  });

  // Source check: the fuses are flipped in the packaged binary by electron-builder, which
  // cannot run Electron here; the CI workflow builds the installers on real machines.
  it('the packaged build flips the fuses', () => {
    const yml = read('electron-builder.yml');
    for (const line of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'onlyLoadAppFromAsar: true',
      'enableEmbeddedAsarIntegrityValidation: true',
      'enableCookieEncryption: true',
      'grantFileProtocolExtraPrivileges: false',
    ]) {
      expect(yml).toMatch(new RegExp(`^\\s+${line}$`, 'm'));
    }
  });
});
