import { describe, expect, it, vi } from 'vitest';
import { createWebApi, takeToken } from './web-bridge';

class FakeEventSource {
  static last: FakeEventSource | null = null;
  listeners = new Map<string, Array<(e: MessageEvent<string>) => void>>();
  constructor(public url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, l: (e: MessageEvent<string>) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), l]);
  }
  fire(name: string, data: string) {
    this.listeners.get(name)?.forEach((l) => l({ data } as MessageEvent<string>));
  }
}

function env(href: string) {
  const replaceState = vi.fn();
  const store = new Map<string, string>();
  const fetch = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify({ ok: true, value: { favourite: true } })),
  );
  return {
    location: { href },
    history: { replaceState, state: null },
    fetch: fetch as unknown as typeof globalThis.fetch,
    fetchMock: fetch,
    EventSource: FakeEventSource as unknown as typeof EventSource,
    sessionStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    },
    replaceState,
  };
}

describe('web bridge', () => {
  it('takes the token from the URL and strips it from the address bar', () => {
    const e = env('http://127.0.0.1:5000/?token=abc123&x=1#top');
    expect(takeToken(e)).toBe('abc123');
    expect(e.replaceState).toHaveBeenCalledWith(null, '', '/?x=1#top');
    // A reload (no token in the URL any more) still has it for this tab.
    expect(takeToken({ ...e, location: { href: 'http://127.0.0.1:5000/?x=1' } })).toBe('abc123');
  });

  it('invokes over POST /api/invoke/<channel> with the bearer token', async () => {
    const e = env('http://127.0.0.1:5000/?token=t0k');
    const api = createWebApi(e);
    const payload = { session: 'work', accountId: '123456789012', roleName: 'Admin' };
    await expect(api.toggleFavourite(payload)).resolves.toEqual({ favourite: true });
    const [url, init] = e.fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/invoke/favourites.toggle');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer t0k');
    expect(JSON.parse(String(init?.body))).toEqual(payload);
  });

  it('subscribes to server-sent events with the token and parses them', () => {
    const e = env('http://127.0.0.1:5000/?token=t0k');
    const api = createWebApi(e);
    const seen: unknown[] = [];
    const off = api.onNotice((n) => seen.push(n));
    const source = FakeEventSource.last!;
    expect(source.url).toBe('/api/events?token=t0k');
    source.fire('notice', JSON.stringify({ level: 'info', message: 'hello' }));
    source.fire('notice', 'not json');
    off();
    source.fire('notice', JSON.stringify({ level: 'info', message: 'late' }));
    expect(seen).toEqual([{ level: 'info', message: 'hello' }]);
  });
});
