// The web host's HTTP bridge: token checks, payload validation identical to Electron's (400
// envelopes), SSE events, and the /_debug/* recorders driving the tray and notifications.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/main/core/security';
import { findMenuItem, type TrayMenuItem } from '../../src/main/core/tray';
import { startWebHost, type RunningWebHost } from '../../tools/web-host/index';
import { eventually } from './helpers';

describe('web host', () => {
  let host: RunningWebHost;

  beforeAll(async () => {
    host = await startWebHost({
      build: false,
      emulator: { autoApprove: true, accounts: 8, credentialSeconds: 240 },
      platform: 'win32',
    });
  });
  afterAll(async () => {
    await host?.close();
  });

  const auth = () => ({ Authorization: `Bearer ${host.token}` });
  const invoke = (channel: string, body: unknown, headers: Record<string, string> = auth()) =>
    fetch(`${host.url}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const debug = async (path: string, body?: unknown) => {
    const res = await fetch(`${host.url}/_debug/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', ...auth() },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('serves pages with the app CSP and prints a token URL', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.appUrl).toBe(`${host.url}/?token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
    const res = await fetch(`${host.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 401 without the right token, on the API and the debug endpoints', async () => {
    expect((await invoke('state.get', {}, {})).status).toBe(401);
    const wrong = await invoke('state.get', {}, { Authorization: `Bearer ${'x'.repeat(43)}` });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ ok: false });
    expect((await fetch(`${host.url}/_debug/clipboard`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/events?token=nope`)).status).toBe(401);
    const ok = await invoke('state.get', {});
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, value: { activeSession: 'demo' } });
  });

  it('takes ?token= only on the event stream, never on invoke or debug routes', async () => {
    const q = `?token=${encodeURIComponent(host.token)}`;
    const post = (path: string, body: unknown) =>
      fetch(`${host.url}${path}${q}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/api/invoke/state.get', {})).status).toBe(401);
    expect((await post('/_debug/clock', { advanceMs: 1 })).status).toBe(401);
    expect((await post('/_debug/tray/click', { path: ['Quit'] })).status).toBe(401);
    for (const path of ['/_debug/clipboard', '/_debug/state', '/_debug/paths', '/_debug/opened']) {
      expect((await fetch(`${host.url}${path}${q}`)).status, path).toBe(401);
    }
    // the event stream, where EventSource cannot send a header
    const controller = new AbortController();
    const stream = await fetch(`${host.url}/api/events${q}`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    controller.abort();
    // the header works everywhere, the stream included
    const viaHeader = new AbortController();
    const s2 = await fetch(`${host.url}/api/events`, { headers: auth(), signal: viaHeader.signal });
    expect(s2.status).toBe(200);
    viaHeader.abort();
  });

  it('refuses requests from another origin with 403, even with the token', async () => {
    const { request } = await import('node:http');
    const send = (path: string, method: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          `${host.url}${path}`,
          { method, headers: { 'Content-Type': 'application/json', ...headers } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(method === 'POST' ? '{}' : undefined);
      });
    const port = new URL(host.url).port;
    for (const origin of [
      'https://evil.example',
      'null',
      `http://127.0.0.1:${Number(port) + 1}`,
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1.evil.example:${port}`,
    ]) {
      for (const path of ['/api/invoke/state.get', '/_debug/clock']) {
        expect(await send(path, 'POST', { ...auth(), Origin: origin }), `${origin} ${path}`).toBe(
          403,
        );
      }
      expect(await send('/api/events', 'GET', { ...auth(), Origin: origin }), origin).toBe(403);
    }
    // its own origins (either loopback name), and clients that send none, go by the token
    expect(await send('/api/invoke/state.get', 'POST', { ...auth(), Origin: host.url })).toBe(200);
    expect(
      await send('/api/invoke/state.get', 'POST', {
        ...auth(),
        Origin: `http://localhost:${port}`,
        Host: `localhost:${port}`,
      }),
    ).toBe(200);
    expect(await send('/api/invoke/state.get', 'POST', auth())).toBe(200);
    expect(await send('/api/invoke/state.get', 'POST', { Origin: host.url })).toBe(401);
  });

  it('rejects malformed payloads with a 400 envelope and never echoes them', async () => {
    const cases: Array<[string, unknown]> = [
      [
        'credentials.copy',
        { session: 'demo', accountId: '12', roleName: 'Admin', what: 'env-macos' },
      ],
      [
        'credentials.copy',
        { session: 'demo', accountId: '123456789012', roleName: 'A', what: 'x' },
      ],
      ['auth.login', { session: 'demo', flow: 'telepathy' }],
      ['state.get', { extra: 'secret-value-123' }],
      ['settings.update', { patch: { clipboardClearSeconds: -1 } }],
      ['no.such.channel', {}],
      ['accounts.list', '{not json'],
      ['accounts.list', '[1,2,3]'],
    ];
    for (const [channel, body] of cases) {
      const res = await invoke(channel, body);
      expect(res.status, channel).toBe(400);
      const envelope = (await res.json()) as {
        ok: boolean;
        error: { code: string; message: string };
      };
      expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(envelope.error.message).not.toContain('secret-value-123');
    }
  });

  it('refuses other Host names (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${host.url}/api/invoke/state.get`,
        { method: 'POST', headers: { Host: 'evil.example:80', ...auth() } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('signs in (openExternal pushed as an SSE event), then drives the tray and notifications', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${host.url}/api/events?token=${host.token}`, {
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    let received = '';
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += decoder.decode(value, { stream: true });
        }
      } catch {
        // aborted
      }
    })();
    try {
      await eventually(
        () => received,
        (r) => r.includes('event: state\ndata: {'),
      );

      const login = await invoke('auth.login', { session: 'demo' });
      expect(await login.json()).toEqual({ ok: true, value: null });
      const opened = await eventually(
        async () => (await debug('opened')).json.urls as string[],
        (urls) => urls.length > 0,
      );
      expect(received).toContain('event: openExternal');
      // The browser follows the authorize page (auto-approved) to the app's loopback callback.
      const page = await fetch(opened[0]!, { redirect: 'follow' });
      expect(page.status).toBe(200);
      await eventually(
        async () => (await debug('state')).json,
        (s) => (s.sessions as Array<{ status: string }>)[0]?.status === 'signed-in',
      );
      expect(received).toContain('event: auth\ndata: {"type":"success"');

      const accounts = await invoke('accounts.list', { session: 'demo' });
      expect(await accounts.json()).toMatchObject({ ok: true });
      const org = host.emulator.organisation.accounts;
      // Every role of every account reachable in the tray menu once the background load ends.
      const rolePaths = org.flatMap((a) =>
        a.roles.map((r) => ['Accounts', `${a.accountName} (${a.accountId})`, r]),
      );
      const tray = await eventually(
        () => debug('tray'),
        (r) => {
          const items = r.json.items as TrayMenuItem[];
          return rolePaths.every(
            (p) => findMenuItem(items, { labelPath: p })?.submenu !== undefined,
          );
        },
      );
      expect(tray.json.status).toMatchObject({ icon: 'ok' });

      const account = org[0]!;
      const role = account.roles[0]!;
      const path = [
        'Accounts',
        `${account.accountName} (${account.accountId})`,
        role,
        'Copy for PowerShell',
      ];
      const click = await debug('tray/click', { path });
      expect(click.json, JSON.stringify(click.json)).toMatchObject({ ok: true });
      const clip = (await debug('clipboard')).json.text as string;
      expect(clip).toMatch(
        /^\$Env:AWS_ACCESS_KEY_ID="ASIA[^"]+"\n\$Env:AWS_SECRET_ACCESS_KEY="[^"]+"\n\$Env:AWS_SESSION_TOKEN="[^"]+"\n$/,
      );
      expect((await debug('tray/click', { path: ['Accounts', 'Nope'] })).status).toBe(404);

      const notes = (await debug('notifications')).json.notifications as Array<{
        id: string;
        title: string;
        actions: Array<{ id: string }>;
      }>;
      const warning = notes.find((n) => n.title === 'AWS credentials expire in 4 minutes');
      expect(warning?.actions).toEqual([expect.objectContaining({ id: 'refresh' })]);
      const refreshed = await debug('notifications/click', { id: warning!.id, action: 'refresh' });
      expect(refreshed.json).toMatchObject({ ok: true });
      const after = (await debug('clipboard')).json.text as string;
      // Windows is first on win32: the notification copies the platform's format, freshly.
      expect(after).toMatch(/^set AWS_ACCESS_KEY_ID=ASIA/);
      const key = (t: string) => /AWS_ACCESS_KEY_ID="?(ASIA\w+)/.exec(t)?.[1];
      expect(key(after)).not.toBe(key(clip));

      const paths = (await debug('paths')).json;
      expect(paths.credentialsFile).toBe(`${host.paths.home}/.aws/credentials`);
      expect((await debug('clock', { advanceMs: -5 })).status).toBe(400);
      const before = host.clock.now();
      const moved = await debug('clock', { advanceMs: 60_000 });
      expect(moved.json.now as number).toBeGreaterThanOrEqual(before + 60_000);
      // No secret crossed the event stream.
      expect(received).not.toMatch(/secretAccessKey|sessionToken|accessToken/);
    } finally {
      controller.abort();
    }
  });
  it("records main's questions and waits for their answer through the debug route", async () => {
    const pending = invoke('sessions.add', {
      name: 'corp',
      startUrl: 'https://sso.example.com/start',
      region: 'us-east-1',
    });
    const asked = await eventually(
      async () =>
        (await debug('confirmations')).json.confirmations as Array<{
          id: string;
          message: string;
          confirmLabel: string;
          answer?: boolean;
        }>,
      (list) => list.some((q) => q.answer === undefined),
    );
    const question = asked.find((q) => q.answer === undefined)!;
    expect(question).toMatchObject({
      message: 'Add a session whose start URL is on sso.example.com?',
      confirmLabel: 'Add session',
    });
    // the answer route takes the header token only, and a known id
    const viaQuery = await fetch(
      `${host.url}/_debug/confirmations/answer?token=${encodeURIComponent(host.token)}`,
      { method: 'POST', body: JSON.stringify({ id: question.id, confirm: true }) },
    );
    expect(viaQuery.status).toBe(401);
    expect((await debug('confirmations/answer', { id: 'nope', confirm: true })).status).toBe(404);
    expect((await debug('confirmations/answer', { id: question.id })).status).toBe(400);
    expect((await debug('confirmations/answer', { id: question.id, confirm: true })).json).toEqual({
      ok: true,
    });
    const added = await pending;
    expect(await added.json()).toMatchObject({ ok: true, value: { name: 'corp' } });
    expect((await debug('confirmations')).json.confirmations).toContainEqual(
      expect.objectContaining({ id: question.id, answer: true }),
    );
    expect((await debug('confirmations/answer', { id: question.id, confirm: false })).status).toBe(
      404,
    );
    await invoke('sessions.remove', { session: 'corp' });
  });
});
