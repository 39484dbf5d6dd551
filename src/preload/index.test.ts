// The preload against the electron mock, talking to the real main process (also on the mock):
// it exposes `window.api` and nothing else, and each call travels the contract's channel to main
// and back through both sides' schemas.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApi } from '../shared/ipc-renderer';
import { eventChannel, invokeChannels } from '../shared/ipc-contract';

vi.mock('electron', async () =>
  (await import('../main/electron/testing/electron-mock')).electronModule(),
);

const { fake, APP_TOP_FRAME } = await import('../main/electron/testing/electron-mock');
const { launch } = await import('../main/electron/testing/launch');
type Api = ReturnType<typeof createApi>;

let app: Awaited<ReturnType<typeof launch>>;
let api: Api;

beforeAll(async () => {
  fake.reset();
  app = await launch();
  // The page the preload runs in: the app's window (events are sent to it).
  fake.app.emit('second-instance');
  await import('./index');
  api = fake.contextBridge.exposed.get('api') as Api;
});

afterAll(async () => {
  await app.quit();
  await app.cleanup();
});

describe('preload', () => {
  it('exposes one object, `api`, of plain functions: no ipcRenderer, no generic send', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['api']);
    const values = Object.values(api);
    expect(values.every((v) => typeof v === 'function')).toBe(true);
    for (const v of values) {
      expect(v).not.toBe(fake.ipcRenderer.invoke);
      expect(v).not.toBe(fake.ipcRenderer.on);
    }
    // The same functions as the contract's client, one per channel plus the event subscriptions.
    const client = createApi({ invoke: async () => undefined, subscribe: () => () => undefined });
    expect(Object.keys(api).sort()).toEqual(Object.keys(client).sort());
    expect(Object.keys(api).length).toBeGreaterThanOrEqual(Object.keys(invokeChannels).length);
  });

  it('a call reaches the real main process and comes back parsed', async () => {
    const state = await api.getState();
    expect(state.sessions.map((s) => s.name)).toEqual(['acme']);
    expect(state.settings.theme).toBe('system');
  });

  it('events from main reach the subscriber until it unsubscribes', async () => {
    const themes: string[] = [];
    const off = api.onState((s) => themes.push(s.settings.theme));
    await api.updateSettings({ patch: { theme: 'dark' } });
    expect(themes).toContain('dark');
    off();
    expect(fake.ipcRenderer.listenerCount(eventChannel('state'))).toBe(0);
    await api.updateSettings({ patch: { theme: 'light' } });
    expect(themes).not.toContain('light');
  });

  it("main's sender check applies to the preload's requests too", async () => {
    fake.ipcRenderer.frame = { url: 'https://evil.example/', parent: null };
    try {
      await expect(api.getState()).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    } finally {
      fake.ipcRenderer.frame = APP_TOP_FRAME;
    }
  });
});
