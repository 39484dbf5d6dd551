// registerIpc against the electron mock: one ipcMain handler per channel of the contract, each
// behind the sender check, with handlers that count their calls.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventChannel, invokeChannels, type InvokeChannel } from '../../shared/ipc-contract';
import { UNTRUSTED_SENDER, type Handlers } from '../core/ipc/dispatch';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake, FakeWebContents, APP_TOP_FRAME } = await import('./testing/electron-mock');
const { registerIpc, sendEvent } = await import('./ipc');

const CHANNELS = Object.keys(invokeChannels) as InvokeChannel[];

/**
 * Handlers that record each call and answer nothing, or the answer given for their channel (main
 * checks each result against its channel's schema before it sends it).
 */
function countingHandlers(answers: Partial<Record<InvokeChannel, unknown>> = {}) {
  const calls: Array<{ channel: InvokeChannel; payload: unknown }> = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      (payload: unknown) => {
        calls.push({ channel, payload });
        return answers[channel] ?? null;
      },
    ]),
  ) as unknown as Handlers;
  return { calls, handlers };
}

const ROLE = { session: 'acme', accountId: '123456789012', roleName: 'Admin' };

describe('registerIpc', () => {
  beforeEach(() => fake.reset());

  it('registers exactly the contract channels and removes them again', () => {
    const { handlers } = countingHandlers();
    const unregister = registerIpc(handlers, () => 'app://sso-tray');
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(fake.ipcMain.eventNames()).toEqual([]);
    unregister();
    expect(fake.ipcMain.handlers.size).toBe(0);
    // Registering again after removal works (no second-handler error).
    registerIpc(handlers, () => 'app://sso-tray');
    expect(fake.ipcMain.handlers.size).toBe(CHANNELS.length);
  });

  it('the app page reaches the handler with the parsed payload', async () => {
    const { calls, handlers } = countingHandlers({ 'favourites.toggle': { favourite: true } });
    registerIpc(handlers, () => 'app://sso-tray');
    expect(await fake.ipcMain.invoke('favourites.toggle', ROLE)).toEqual({
      ok: true,
      value: { favourite: true },
    });
    expect(calls).toEqual([{ channel: 'favourites.toggle', payload: ROLE }]);
    // A bad payload from the app page stops at the schema.
    const bad = await fake.ipcMain.invoke('favourites.toggle', { ...ROLE, accountId: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(calls).toHaveLength(1);
  });

  it('no handler runs for a sender that is not the app top frame', async () => {
    const { calls, handlers } = countingHandlers();
    registerIpc(handlers, () => 'app://sso-tray');
    const frames = [
      null,
      { url: 'https://evil.example/', parent: null },
      { url: 'app://sso-tray.evil/', parent: null },
      { url: 'app://sso-tray/index.html', parent: APP_TOP_FRAME },
    ];
    for (const channel of CHANNELS) {
      for (const frame of frames) {
        expect(await fake.ipcMain.invoke(channel, ROLE, frame)).toEqual(UNTRUSTED_SENDER);
      }
    }
    expect(calls).toEqual([]);
  });

  it('reads the trusted origin at each request (the dev server can start later)', async () => {
    const { calls, handlers } = countingHandlers();
    let origin = 'app://sso-tray';
    registerIpc(handlers, () => origin);
    const dev = { url: 'http://localhost:5173/', parent: null };
    expect(await fake.ipcMain.invoke('window.hide', {}, dev)).toEqual(UNTRUSTED_SENDER);
    origin = 'http://localhost:5173';
    expect(await fake.ipcMain.invoke('window.hide', {}, dev)).toEqual({ ok: true, value: null });
    expect(calls).toHaveLength(1);
  });
});

describe('sendEvent', () => {
  beforeEach(() => fake.reset());

  it('sends on the event channel, and skips a missing or destroyed window', () => {
    const contents = new FakeWebContents();
    sendEvent(contents as never, 'notice', { level: 'info', message: 'hi' });
    expect(contents.sent).toEqual([
      { channel: eventChannel('notice'), args: [{ level: 'info', message: 'hi' }] },
    ]);
    sendEvent(null, 'notice', {});
    contents.markDestroyed();
    sendEvent(contents as never, 'notice', { level: 'info', message: 'again' });
    expect(contents.sent).toHaveLength(1);
  });
});
