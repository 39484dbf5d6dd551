import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { envelopeSchema } from '../../../shared/ipc-contract';
import { SsoTrayError } from '../errors';
import type { InvokeChannel as InvokeChannelName } from '../../../shared/ipc-contract';
import { UPDATES_OFF, stateFixture } from '../../../shared/testing/fixtures';
import {
  badResultError,
  toErrorInfo,
  dispatchInvoke,
  handleIpc,
  INVOKE_CHANNELS,
  UNTRUSTED_SENDER,
  type Handlers,
} from './dispatch';

const ORIGIN = 'app://sso-tray';
const TRUSTED = { url: 'app://sso-tray/index.html', isTopFrame: true };
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';

function recordingHandlers(impl?: (channel: string, payload: unknown) => unknown) {
  const calls: { channel: string; payload: unknown }[] = [];
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      (payload: unknown) => {
        calls.push({ channel, payload });
        return impl ? impl(channel, payload) : null;
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

/** A payload that records whether anything read it. */
function trapPayload() {
  const touched: string[] = [];
  const payload = new Proxy(
    {},
    {
      get: (_t, key) => {
        touched.push(String(key));
        return undefined;
      },
      has: (_t, key) => {
        touched.push(String(key));
        return false;
      },
      ownKeys: () => {
        touched.push('ownKeys');
        return [];
      },
    },
  );
  return { payload, touched };
}

const role = { session: 'acme', accountId: '123456789012', roleName: 'AdministratorAccess' };

describe('handleIpc', () => {
  it.each(INVOKE_CHANNELS)(
    '%s: an untrusted sender is refused before the payload is read',
    async (channel) => {
      const { handlers, calls } = recordingHandlers();
      for (const sender of [
        { url: 'https://evil.example/', isTopFrame: true },
        { url: 'app://sso-tray.evil/index.html', isTopFrame: true },
        { url: 'app://sso-tray/index.html', isTopFrame: false },
        { url: null, isTopFrame: true },
        { url: 'file:///index.html', isTopFrame: true },
      ]) {
        const { payload, touched } = trapPayload();
        const result = await handleIpc(channel, sender, payload, handlers, ORIGIN);
        expect(result).toEqual(UNTRUSTED_SENDER);
        expect(touched).toEqual([]);
      }
      expect(calls).toEqual([]);
    },
  );

  it.each(INVOKE_CHANNELS)('%s: malformed payloads are rejected, never crash', async (channel) => {
    // Null is a valid result of most channels; the two that take no payload answer a real value.
    const answers: Record<string, unknown> = {
      'state.get': stateFixture(),
      'status.get': { sessions: [] },
      'updates.check': UPDATES_OFF,
      'updates.postpone': UPDATES_OFF,
    };
    const { handlers, calls } = recordingHandlers((c) => answers[c] ?? null);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({ session: fc.anything(), accountId: fc.anything(), roleName: fc.anything() }),
          fc.constant({ ...role, secretAccessKey: SECRET }),
          fc.constant({ session: SECRET, accountId: SECRET, roleName: SECRET }),
        ),
        async (payload) => {
          calls.length = 0;
          const result = await handleIpc(channel, TRUSTED, payload, handlers, ORIGIN);
          expect(envelopeSchema.safeParse(result).success).toBe(true);
          if (!result.ok) {
            expect(result.error.code).toBe('INVALID_INPUT');
            expect(JSON.stringify(result.error)).not.toContain(SECRET);
            expect(calls).toEqual([]);
          } else {
            // Accepted only when the handler got a parsed (schema-valid) payload.
            expect(calls).toHaveLength(1);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('runs the handler with the parsed payload and wraps the value', async () => {
    const { handlers, calls } = recordingHandlers(() => ({ favourite: true }));
    const result = await handleIpc('favourites.toggle', TRUSTED, role, handlers, ORIGIN);
    expect(result).toEqual({ ok: true, value: { favourite: true } });
    expect(calls).toEqual([{ channel: 'favourites.toggle', payload: role }]);
  });

  it('refuses unknown channels', async () => {
    const { handlers, calls } = recordingHandlers();
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', '']) {
      const result = await handleIpc(channel, TRUSTED, {}, handlers, ORIGIN);
      expect(result.ok).toBe(false);
    }
    expect(calls).toEqual([]);
  });

  it('maps handler errors to envelopes without stack traces or unknown messages', async () => {
    const { handlers } = recordingHandlers((channel) => {
      if (channel === 'auth.logout') throw new SsoTrayError('NOT_SIGNED_IN', 'Sign in first.');
      const e = new Error(`token ${SECRET} leaked`);
      throw e;
    });
    const known = await handleIpc('auth.logout', TRUSTED, { session: 'acme' }, handlers, ORIGIN);
    expect(known).toEqual({
      ok: false,
      error: { code: 'NOT_SIGNED_IN', message: 'Sign in first.' },
    });
    const unknown = await handleIpc('credentials.get', TRUSTED, role, handlers, ORIGIN);
    expect(unknown.ok).toBe(false);
    const text = JSON.stringify(unknown);
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(text).not.toContain('stack');
  });

  it('survives handlers that reject with non-errors', async () => {
    const { handlers } = recordingHandlers(() => Promise.reject(undefined));
    const result = await handleIpc('state.get', TRUSTED, {}, handlers, ORIGIN);
    expect(result).toEqual({
      ok: false,
      error: { code: 'AWS', message: 'Something went wrong. Try again.' },
    });
  });
});

describe('dispatchInvoke', () => {
  const handlers = {
    'credentials.verify': async () => ({
      arn: 'arn:aws:sts::123456789012:assumed-role/A/b',
      account: '123456789012',
      userId: 'X:b',
    }),
    'auth.logout': async () => {
      throw Object.assign(new Error('Sign in again.'), { code: 'SESSION_EXPIRED' });
    },
    'auth.cancel': async () => {
      throw new Error('token abc123 leaked');
    },
  } as unknown as Handlers;

  it('runs the handler with the parsed payload', async () => {
    await expect(dispatchInvoke(handlers, 'credentials.verify', role)).resolves.toMatchObject({
      ok: true,
      value: { account: '123456789012' },
    });
  });

  it('rejects unknown channels and malformed payloads', async () => {
    await expect(dispatchInvoke(handlers, 'shell.exec', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await expect(
      dispatchInvoke(handlers, 'credentials.verify', { ...role, roleName: '' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('keeps coded errors and hides the text of unknown ones', async () => {
    await expect(dispatchInvoke(handlers, 'auth.logout', { session: 'w' })).resolves.toEqual({
      ok: false,
      error: { code: 'SESSION_EXPIRED', message: 'Sign in again.' },
    });
    const hidden = await dispatchInvoke(handlers, 'auth.cancel', { session: 'w' });
    expect(JSON.stringify(hidden)).not.toContain('abc123');
  });
});

describe('main checks each result before it sends it', () => {
  const creds = {
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: SECRET,
    sessionToken: 'token',
    expiration: 1_900_000_000_000,
  };

  it('sends a result that matches the channel, as its schema yields it', async () => {
    const ok = {
      'credentials.get': async () => ({ ...creds, extra: SECRET }),
    } as unknown as Handlers;
    // Fields the schema does not know are not sent.
    await expect(dispatchInvoke(ok, 'credentials.get', role)).resolves.toEqual({
      ok: true,
      value: creds,
    });
    const nothing = { 'auth.logout': async () => undefined } as unknown as Handlers;
    await expect(dispatchInvoke(nothing, 'auth.logout', { session: 'w' })).resolves.toEqual({
      ok: true,
      value: null,
    });
  });

  it('refuses a result that does not match: an INTERNAL error naming the channel, never the data', async () => {
    const refused: Array<[string, string]> = [];
    const options = { onBadResult: (c: string, reason: string) => refused.push([c, reason]) };
    const wrong: Array<[InvokeChannelName, unknown]> = [
      ['credentials.get', { accessKeyId: 1 }],
      ['credentials.get', { ...creds, expiration: -1 }],
      ['credentials.get', SECRET],
      ['favourites.toggle', null],
      ['state.get', { ...stateFixture(), activeSession: 5, configFile: SECRET }],
      ['auth.logout', { token: SECRET }],
      ['roles.list', [{ accountId: SECRET, roleName: 'Admin' }]],
    ];
    const payloads: Partial<Record<string, unknown>> = {
      'state.get': {},
      'auth.logout': { session: 'w' },
      'roles.list': { session: 'w', accountId: '123456789012' },
    };
    for (const [channel, value] of wrong) {
      const handlers = { [channel]: async () => value } as unknown as Handlers;
      const payload = payloads[channel] ?? role;
      const result = await dispatchInvoke(handlers, channel, payload, options);
      expect(result, channel).toEqual({ ok: false, error: badResultError(channel) });
      expect(envelopeSchema.safeParse(result).success).toBe(true);
      expect(JSON.stringify(result)).not.toContain(SECRET);
    }
    expect(refused.map(([c]) => c)).toEqual(wrong.map(([c]) => c));
    for (const [, reason] of refused) expect(reason).not.toContain(SECRET);
    expect(badResultError('credentials.get')).toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('credentials.get') as unknown,
    });
  });

  it('handleIpc refuses such a result too (the Electron path)', async () => {
    const { handlers } = recordingHandlers(() => ({ favourite: 'yes' }));
    const result = await handleIpc('favourites.toggle', TRUSTED, role, handlers, ORIGIN);
    expect(result).toEqual({ ok: false, error: badResultError('favourites.toggle') });
  });
});

describe('the app words the advice of sign-in errors itself', () => {
  it('adds "Sign in" to the message of a sign-in error of a session, once', () => {
    const expired = new SsoTrayError('SESSION_EXPIRED', 'The sign-in to work has expired.', {
      session: 'work',
    });
    expect(toErrorInfo(expired)).toEqual({
      code: 'SESSION_EXPIRED',
      message: 'The sign-in to work has expired. Sign in again.',
    });
    expect(toErrorInfo(toErrorInfo(expired)).message).toBe(
      'The sign-in to work has expired. Sign in again.',
    );
    const signedOut = new SsoTrayError('NOT_SIGNED_IN', 'Not signed in to work.', {
      session: 'work',
    });
    expect(toErrorInfo(signedOut).message).toBe('Not signed in to work. Sign in to continue.');
    expect(toErrorInfo(new SsoTrayError('NETWORK', 'Cannot reach AWS.')).message).toBe(
      'Cannot reach AWS.',
    );
  });
});
