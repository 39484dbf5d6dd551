import { describe, expect, it } from 'vitest';
import { BOOT_ANSWERS_ID, FIRST_SCREEN } from '../../../shared/boot-answers';
import { deferred } from '../../../../test/support/deferred';
import type { StateSnapshot } from '../../../shared/ipc-views';
import { stateFixture, wireAccountList } from '../../../shared/testing/fixtures';
import {
  answersBlock,
  bootAnswers,
  bootAnswersWithin,
  pageWithBootAnswers,
  scriptSafeJson,
  splitPage,
  writePageWithAnswers,
} from './boot-answers';
import { INVOKE_CHANNELS, type Handlers } from './dispatch';

const PAGE =
  '<!doctype html><html><head><title>SSO Tray</title><script type="module" src="./a.js"></script></head>' +
  '<body><div id="root"></div></body></html>';

const session = (name: string, status: 'signed-in' | 'signed-out') => ({
  name,
  startUrl: `https://${name}.awsapps.com/start`,
  region: 'us-east-1',
  status,
  expiresAt: status === 'signed-in' ? Date.now() + 3600_000 : null,
  kind: 'sso-session' as const,
  profiles: [],
});

function handlers(state: StateSnapshot, list: unknown = wireAccountList()) {
  const calls: Array<{ channel: string; payload: unknown }> = [];
  const h = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      (payload: unknown) => {
        calls.push({ channel, payload });
        if (channel === 'state.get') return state;
        if (channel === 'accounts.list') {
          if (list instanceof Error) throw list;
          return list;
        }
        return null;
      },
    ]),
  ) as unknown as Handlers;
  return { handlers: h, calls };
}

describe('the answers a served page carries', () => {
  it('are the snapshot and the first screen of the active signed-in session', async () => {
    const state = stateFixture({
      sessions: [session('work', 'signed-in'), session('play', 'signed-in')],
      activeSession: 'work',
    });
    const { handlers: h, calls } = handlers(state);
    const answers = await bootAnswers(h);
    expect(answers.map((a) => [a.channel, a.payload])).toEqual([
      ['state.get', {}],
      ['accounts.list', { session: 'work', first: FIRST_SCREEN }],
    ]);
    // The contract's envelopes, as a request would have been answered.
    expect(answers[0]!.envelope).toMatchObject({ ok: true, value: { activeSession: 'work' } });
    expect(answers[1]!.envelope).toMatchObject({ ok: true, value: { total: 2 } });
    expect(calls.map((c) => c.channel)).toEqual(['state.get', 'accounts.list']);
  });

  it('leave the list out when the active session is signed out, or there is none', async () => {
    for (const state of [
      stateFixture({ sessions: [session('work', 'signed-out')], activeSession: 'work' }),
      stateFixture(),
    ]) {
      const { handlers: h, calls } = handlers(state);
      const answers = await bootAnswers(h);
      expect(answers.map((a) => a.channel)).toEqual(['state.get']);
      expect(calls.map((c) => c.channel)).toEqual(['state.get']);
    }
  });

  it('carry no failure: a list that fails, or breaks the contract, is left to the window to ask', async () => {
    const state = stateFixture({ sessions: [session('work', 'signed-in')], activeSession: 'work' });
    for (const list of [new Error('disk on fire'), { ...wireAccountList(), total: -1 }]) {
      const answers = await bootAnswers(handlers(state, list).handlers);
      expect(answers.map((a) => a.channel)).toEqual(['state.get']);
    }
  });

  it('are none when they take longer than the page may wait, and all when they come in time', async () => {
    const state = stateFixture({ sessions: [session('work', 'signed-in')], activeSession: 'work' });
    const { handlers: h } = handlers(state);
    // main still starting: its handlers wait for it
    const stuck = { ...h, 'state.get': () => new Promise<never>(() => undefined) } as Handlers;
    await expect(bootAnswersWithin(stuck, {}, 20)).resolves.toEqual([]);
    const inTime = await bootAnswersWithin(h, {}, 60_000);
    expect(inTime.map((a) => a.channel)).toEqual(['state.get', 'accounts.list']);
  });

  it('are written after the page’s head, which goes out before they are computed', async () => {
    const state = stateFixture({ sessions: [session('work', 'signed-in')], activeSession: 'work' });
    const { handlers: h } = handlers(state);
    const gate = deferred<void>();
    const slow = {
      ...h,
      'state.get': async (p: Record<string, never>) => {
        await gate.promise;
        return h['state.get'](p);
      },
    } as Handlers;
    const chunks: string[] = [];
    let ended = false;
    const out = {
      write: (c: string) => chunks.push(c),
      end: (c: string) => {
        chunks.push(c);
        ended = true;
      },
    };
    const written = writePageWithAnswers(out, PAGE, slow);
    await new Promise((r) => setTimeout(r, 5));
    expect(chunks).toEqual([splitPage(PAGE).before]);
    expect(ended).toBe(false);
    gate.resolve();
    await written;
    expect(chunks.join('')).toBe(pageWithBootAnswers(PAGE, await bootAnswers(h)));
    expect(chunks.join('')).toContain(BOOT_ANSWERS_ID);
  });

  it('go into the page as a data block that markup inside the data cannot end or change', () => {
    const nasty = {
      accountName: '</script><script>alert(1)</script><!-- & \u2028\u2029 ]]>',
      emailAddress: 'a@example.com',
    };
    const answers = [
      { channel: 'state.get' as const, payload: {}, envelope: { ok: true, value: nasty } },
    ];
    const page = pageWithBootAnswers(PAGE, answers);
    const block = page.slice(page.indexOf(`id="${BOOT_ANSWERS_ID}"`));
    // One closing tag only: its own.
    expect(block.match(/<\/script>/gi)).toHaveLength(1);
    const data = block.slice(block.indexOf('>') + 1, block.indexOf('</script>'));
    expect(data).toContain('\\u003c/script\\u003e');
    expect(data).not.toMatch(/[<>&\u2028\u2029]/);
    // At the end of the body, after everything the head loads; the rest of the page unchanged.
    expect(page.replace(/<script type="application\/json"[^]*?<\/script>/, '')).toBe(PAGE);
    expect(page.indexOf(BOOT_ANSWERS_ID)).toBeGreaterThan(page.indexOf('<div id="root">'));
    expect(page.indexOf(BOOT_ANSWERS_ID)).toBeLessThan(page.indexOf('</body>'));
    // Split there: the part before (sent at once by the host) and the part after.
    const { before, after } = splitPage(PAGE);
    expect(before + answersBlock(answers) + after).toBe(page);
    expect(after).toBe('</body></html>');
    expect(answersBlock([])).toBe('');
    // The data reads back exactly as written (through an HTML parser and the window's reader in
    // test/app/boot-answers-page.test.ts).
    expect(JSON.parse(data)).toEqual(answers);
    expect(JSON.parse(scriptSafeJson(nasty))).toEqual(nasty);
  });

  it('leave a page without answers as it is, and go at the end of one without a body', () => {
    expect(pageWithBootAnswers(PAGE, [])).toBe(PAGE);
    const bare = '<div id="root"></div>';
    const answers = [{ channel: 'state.get' as const, payload: {}, envelope: { ok: true } }];
    const page = pageWithBootAnswers(bare, answers);
    expect(page.startsWith(bare)).toBe(true);
    expect(page.slice(bare.length)).toMatch(
      new RegExp(`^<script type="application/json" id="${BOOT_ANSWERS_ID}">`),
    );
  });
});
