// The page the web host serves carries the window's first answers (shared/boot-answers.ts) only
// when asked for with the token, and those are the answers the requests would have had.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOT_ANSWERS_ID, FIRST_SCREEN } from '../../src/shared/boot-answers';
import type { BootAnswer } from '../../src/shared/boot-answers';
import { startWebHost, type RunningWebHost } from '../../tools/web-host/index';
import { eventually } from './helpers';

const PAGE =
  '<!doctype html><html><head><title>SSO Tray</title></head><body><div id="root"></div></body></html>';

describe('the page the web host serves', () => {
  let host: RunningWebHost;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sso-tray-page-'));
    writeFileSync(join(dir, 'index.html'), PAGE);
    host = await startWebHost({
      rendererDir: dir,
      emulator: { autoApprove: true, accounts: 8 },
    });
  });
  afterAll(async () => {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const page = async (query: string) => {
    const res = await fetch(`${host.url}/${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return res.text();
  };
  // The data block's JSON (its `<` are escaped, so it holds none); the window's own reading of it
  // is tested in boot-answers-page.test.ts.
  const answersIn = (html: string): BootAnswer[] => {
    const m = new RegExp(
      `<script type="application/json" id="${BOOT_ANSWERS_ID}">([^<]*)</script>`,
    ).exec(html);
    return m === null ? [] : (JSON.parse(m[1]!) as BootAnswer[]);
  };
  const invoke = async (channel: string, body: unknown) =>
    (await (
      await fetch(`${host.url}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
        body: JSON.stringify(body),
      })
    ).json()) as { ok: boolean; value?: Record<string, unknown> };

  it('carries nothing without the token, or with a wrong one: the page as built', async () => {
    for (const query of ['', 'index.html', '?token=nope', `?token=${host.token}x`]) {
      const html = await page(query);
      expect(html, query).toBe(PAGE);
      expect(html).not.toContain(BOOT_ANSWERS_ID);
    }
  });

  it('carries the snapshot, then with a signed-in session its first screen too', async () => {
    const before = answersIn(await page(`?token=${host.token}`));
    expect(before.map((a) => a.channel)).toEqual(['state.get']);
    const state = await invoke('state.get', {});
    expect(before[0]!.envelope).toMatchObject({
      ok: true,
      value: { activeSession: 'demo', sessions: [{ name: 'demo', status: 'signed-out' }] },
    });
    expect((before[0]!.envelope as { value: unknown }).value).toEqual({
      ...state.value,
      revision: (before[0]!.envelope as { value: { revision: number } }).value.revision,
    });

    expect(await invoke('auth.login', { session: 'demo' })).toEqual({ ok: true, value: null });
    const opened = await eventually(
      async () =>
        (
          (await (
            await fetch(`${host.url}/_debug/opened`, {
              headers: { Authorization: `Bearer ${host.token}` },
            })
          ).json()) as { urls: string[] }
        ).urls,
      (urls) => urls.length > 0,
    );
    expect((await fetch(opened[0]!, { redirect: 'follow' })).status).toBe(200);
    await eventually(
      async () => (await invoke('state.get', {})).value as { sessions: Array<{ status: string }> },
      (s) => s.sessions[0]?.status === 'signed-in',
    );
    // The first listing is under way or done: the page's list is what a request gets now.
    const list = await eventually(
      async () => (await invoke('accounts.list', { session: 'demo', first: FIRST_SCREEN })).value!,
      (v) => v.loading === false,
    );
    const after = answersIn(await page(`?token=${host.token}`));
    expect(after.map((a) => [a.channel, a.payload])).toEqual([
      ['state.get', {}],
      ['accounts.list', { session: 'demo', first: FIRST_SCREEN }],
    ]);
    expect(after[1]!.envelope).toEqual({ ok: true, value: list });
    expect((list.accounts as unknown[]).length).toBe(8);
  });

  it('answers HEAD with the headers a GET has, computing no answers for the unsent body', async () => {
    const handlers = host.core.handlers;
    const stateGet = handlers['state.get'];
    let asked = 0;
    handlers['state.get'] = (...args) => {
      asked++;
      return stateGet(...args);
    };
    try {
      const get = await fetch(`${host.url}/?token=${host.token}`);
      await get.text();
      expect(asked).toBe(1); // the spy sees what a page with answers computes
      const head = await fetch(`${host.url}/?token=${host.token}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
      for (const name of ['content-type', 'cache-control', 'content-security-policy']) {
        expect(head.headers.get(name), name).toBe(get.headers.get(name));
      }
      expect(asked).toBe(1);
    } finally {
      handlers['state.get'] = stateGet;
    }
  });
});
