// The real Electron main process (on the electron mock) against the local AWS emulator: signing
// in from the window, the browser opened only for allowed URLs, the tray following the session,
// a copy from the tray menu, and the clipboard cleared on quit.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventChannel } from '../../src/shared/ipc-contract';
import { startTestEmulator, type RunningEmulator } from '../support/emulator';
import { endpointEnv, SESSION, ssoSessionSection } from '../support/sandbox-home';

vi.mock('electron', async () =>
  (await import('../../src/main/electron/testing/electron-mock')).electronModule(),
);

const { fake } = await import('../../src/main/electron/testing/electron-mock');
const { launch } = await import('../../src/main/electron/testing/launch');

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ accounts: 3, rolesPerAccount: 2 });
});

afterAll(async () => {
  await emulator?.close();
});

async function launchAgainstEmulator(packaged: boolean) {
  fake.reset();
  return launch({
    packaged,
    config: ssoSessionSection({
      name: SESSION,
      startUrl: emulator.startUrl,
      region: emulator.region,
    }),
    env: { ...endpointEnv(emulator.url), SSO_TRAY_ALLOW_LOOPBACK_HTTP: '1' },
  });
}

type AuthEvent = { type: string; userCode?: string; url?: string };

function authEvents(): AuthEvent[] {
  return (fake.windows[0]?.webContents.sent ?? [])
    .filter((s) => s.channel === eventChannel('auth'))
    .map((s) => s.args[0] as AuthEvent);
}

async function signIn(): Promise<AuthEvent> {
  expect(await fake.ipcMain.invoke('auth.login', { session: 'emu', flow: 'device' })).toEqual({
    ok: true,
    value: null,
  });
  const prompt = await vi.waitFor(() => {
    const p = authEvents().find((e) => e.type === 'prompt');
    if (p?.userCode === undefined) throw new Error('no prompt yet');
    return p;
  });
  emulator.approve(prompt.userCode!);
  await vi.waitFor(
    () => {
      if (!authEvents().some((e) => e.type === 'success')) throw new Error('not signed in yet');
    },
    { timeout: 20_000 },
  );
  return prompt;
}

describe('the Electron main process against the emulator', () => {
  it('signs in from the window; the tray follows; a tray copy is cleared on quit', async () => {
    const app = await launchAgainstEmulator(false);
    try {
      fake.app.emit('second-instance');
      const prompt = await signIn();
      // `npm run demo`: the emulator's http sign-in page on 127.0.0.1 opens (unpackaged only).
      expect(fake.shell.opened).toEqual([prompt.url]);
      expect(new URL(prompt.url ?? '').hostname).toBe('127.0.0.1');

      // The icon changes to the signed-in one, from a file that exists.
      const tray = fake.trays[0]!;
      await vi.waitFor(() => {
        const last = tray.images.at(-1) as { path: string };
        if (basename(last.path) !== 'tray-ok.png') throw new Error(`icon is ${last.path}`);
      });
      for (const path of fake.nativeImage.paths) expect(existsSync(path), path).toBe(true);

      // The menu is rebuilt with the accounts and their roles once they are listed.
      const copyItem = await vi.waitFor(
        () => {
          const item = tray.contextMenu
            ?.flat()
            .find((i) => typeof i.id === 'string' && /\/copy-env-/.test(i.id) && i.click);
          if (item === undefined) throw new Error('no role in the tray menu yet');
          return item;
        },
        { timeout: 20_000 },
      );
      expect(tray.contextMenu?.item('sign-out')?.label).toBe('Sign out');

      (copyItem.click as () => void)();
      await vi.waitFor(
        () => {
          if (!fake.clipboard.text.includes('AWS_SECRET_ACCESS_KEY')) throw new Error('no copy');
        },
        { timeout: 20_000 },
      );
      await app.quit();
      expect(fake.clipboard.text).toBe('');
    } finally {
      await app.quit();
      await app.cleanup();
    }
  });

  it('warns with a desktop notification before the session ends; quit closes it', async () => {
    emulator.configure({ tokenSeconds: 240 });
    const app = await launchAgainstEmulator(false);
    try {
      fake.app.emit('second-instance');
      await signIn();
      const notification = await vi.waitFor(
        () => {
          const shown = fake.notifications.find((n) => n.shown && !n.closed);
          if (shown === undefined) throw new Error('no notification yet');
          return shown;
        },
        { timeout: 20_000 },
      );
      expect(notification.options.title).toBe('AWS sign-in ends in 4 minutes');
      expect(notification.options.body).toMatch(/^emu /);
      // A click signs in again: a new sign-in prompt.
      const prompts = () => authEvents().filter((e) => e.type === 'prompt').length;
      expect(prompts()).toBe(1);
      notification.click();
      await vi.waitFor(() => expect(prompts()).toBe(2), { timeout: 20_000 });
      await app.quit();
      expect(fake.notifications.every((n) => n.closed)).toBe(true);
    } finally {
      emulator.configure({ tokenSeconds: 28_800 });
      await app.quit();
      await app.cleanup();
    }
  });

  it('a packaged build never opens plain-http pages, even on the loopback address', async () => {
    const app = await launchAgainstEmulator(true);
    try {
      fake.app.emit('second-instance');
      await fake.ipcMain.invoke('auth.login', { session: 'emu', flow: 'device' });
      await vi.waitFor(
        () => {
          if (authEvents().length === 0) throw new Error('no auth event yet');
        },
        { timeout: 20_000 },
      );
      // The device page is the emulator's, plain http on 127.0.0.1: shown, never opened.
      const prompt = authEvents().find((e) => e.type === 'prompt');
      expect(new URL(prompt?.url ?? '').protocol).toBe('http:');
      expect(fake.shell.opened).toEqual([]);
      // Links the window asks for go through the same allow-list.
      fake.windows[0]!.webContents.openWindow(`${emulator.url}/`);
      expect(fake.shell.opened).toEqual([]);
    } finally {
      await app.quit();
      await app.cleanup();
    }
  });
});
