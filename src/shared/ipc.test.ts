import { describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  createApi,
  dispatchInvoke,
  invokeChannels,
  type AccountsEventView,
  type EventName,
  type Handlers,
  type InvokeChannel,
  type Transport,
} from './ipc';

const creds = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: 1_900_000_000_000,
};
const target = { session: 'work', accountId: '123456789012', roleName: 'AdministratorAccess' };

function fakeTransport(answer: (channel: string, payload: unknown) => unknown) {
  const listeners = new Map<string, Set<(d: unknown) => void>>();
  const invoke = vi.fn(async (channel: InvokeChannel, payload: unknown) =>
    answer(channel, payload),
  );
  const transport: Transport = {
    invoke,
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  const emit = (event: EventName, data: unknown) => listeners.get(event)?.forEach((l) => l(data));
  return { transport, invoke, emit };
}

describe('payload schemas', () => {
  const bad: Array<[InvokeChannel, unknown]> = [
    ['credentials.get', { ...target, accountId: '12345' }],
    ['credentials.get', { ...target, accountId: '1234567890123' }],
    ['credentials.get', { ...target, roleName: 'has space' }],
    ['credentials.get', { ...target, roleName: 'x'.repeat(65) }],
    ['credentials.get', { ...target, session: 'a\u0000b' }],
    ['credentials.get', { ...target, session: 'a\u2028b' }],
    ['credentials.get', { ...target, session: '' }],
    [
      'sessions.add',
      { name: 'a b', startUrl: 'https://d-123.awsapps.com/start', region: 'us-east-1' },
    ],
    [
      'sessions.add',
      { name: 'x"&calc&"', startUrl: 'https://d-123.awsapps.com/start', region: 'us-east-1' },
    ],
    [
      'sessions.add',
      { name: '%PATH%', startUrl: 'https://d-123.awsapps.com/start', region: 'us-east-1' },
    ],
    ['credentials.get', { ...target, extra: 1 }],
    ['credentials.copy', { ...target, what: 'everything' }],
    ['credentials.writeProfile', { ...target, profileName: 'a[b]' }],
    ['credentials.writeProfile', { ...target, profileName: 'has space' }],
    ['credentials.writeProfile', { ...target, profileName: '' }],
    ['credentials.writeProfile', { ...target, profileName: 'DEFAULT' }],
    ['credentials.copy', { ...target, what: 'profile', profileName: 'a"b' }],
    ['sessions.add', { startUrl: 'http://d-123.awsapps.com/start', region: 'us-east-1' }],
    ['sessions.add', { startUrl: 'not a url', region: 'us-east-1' }],
    ['sessions.add', { startUrl: 'https://d-123.awsapps.com/start', region: 'Mars' }],
    ['auth.login', { session: 'work', flow: 'magic' }],
    ['settings.update', { patch: { clipboardClearSeconds: -1 } }],
    ['settings.update', { patch: { thresholdsMinutes: [0] } }],
    ['settings.update', { patch: { unknown: true } }],
    ['state.get', { sneaky: true }],
  ];
  it.each(bad)('%s rejects %j', (channel, payload) => {
    expect(invokeChannels[channel].payload.safeParse(payload).success).toBe(false);
  });

  it('accepts well-formed payloads', () => {
    const good: Array<[InvokeChannel, unknown]> = [
      ['credentials.get', { ...target, forceRefresh: true }],
      // botocore reads `[sso-session "a b"]` as the session "a b": it is a session the app can use
      ['credentials.get', { ...target, session: 'a b' }],
      ['sessions.add', { startUrl: 'https://d-1.awsapps.com/start', region: 'eusc-de-east-1' }],
      ['credentials.copy', { ...target, what: 'env-powershell' }],
      ['credentials.writeProfile', { ...target, profileName: '123456789012_Admin' }],
      ['sessions.add', { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' }],
      [
        'sessions.add',
        { name: 'my-sso', startUrl: 'https://x.awsapps.com/start', region: 'us-gov-west-1' },
      ],
      ['settings.update', { patch: { thresholdsMinutes: [15, 5], launchAtLogin: true } }],
      ['state.get', {}],
    ];
    for (const [channel, payload] of good) {
      expect(invokeChannels[channel].payload.safeParse(payload).success, channel).toBe(true);
    }
  });
});

describe('createApi', () => {
  it('sends the parsed payload on the named channel and unwraps the value', async () => {
    const { transport, invoke } = fakeTransport(() => ({ ok: true, value: creds }));
    const api = createApi(transport);
    await expect(api.getCredentials(target)).resolves.toEqual(creds);
    expect(invoke).toHaveBeenCalledWith('credentials.get', target);
  });

  it('throws ApiError with the code of a failed envelope', async () => {
    const { transport } = fakeTransport(() => ({
      ok: false,
      error: { code: 'SESSION_EXPIRED', message: 'Sign in again.' },
    }));
    const api = createApi(transport);
    const err = await api.listAccounts({ session: 'work' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'SESSION_EXPIRED', message: 'Sign in again.' });
  });

  it('rejects an invalid payload without calling the transport', async () => {
    const { transport, invoke } = fakeTransport(() => ({ ok: true, value: null }));
    const api = createApi(transport);
    await expect(api.getCredentials({ ...target, accountId: 'abc' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('rejects results that do not match the schema and non-envelopes', async () => {
    const wrong = createApi(
      fakeTransport(() => ({ ok: true, value: { accessKeyId: 1 } })).transport,
    );
    await expect(wrong.getCredentials(target)).rejects.toMatchObject({ code: 'AWS' });
    const junk = createApi(fakeTransport(() => 'hello').transport);
    await expect(junk.getState()).rejects.toMatchObject({ code: 'AWS' });
  });

  it('maps a transport failure to NETWORK', async () => {
    const api = createApi(
      fakeTransport(() => {
        throw new Error('socket closed');
      }).transport,
    );
    await expect(api.hideWindow()).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('accepts void results with or without a value', async () => {
    const a = createApi(fakeTransport(() => ({ ok: true })).transport);
    await expect(a.login({ session: 'work' })).resolves.toBeUndefined();
    const b = createApi(fakeTransport(() => ({ ok: true, value: null })).transport);
    await expect(b.logout({ session: 'work' })).resolves.toBeUndefined();
  });

  it('delivers valid events, drops malformed ones, and unsubscribes', () => {
    const { transport, emit } = fakeTransport(() => null);
    const api = createApi(transport);
    const seen: unknown[] = [];
    const off = api.onAuth((e) => seen.push(e));
    emit('auth', {
      type: 'prompt',
      session: 'work',
      flow: 'device',
      url: 'https://x.example.com/',
      userCode: 'ABCD-EFGH',
    });
    emit('auth', { type: 'prompt', session: 'work', flow: 'device', url: 'javascript:alert(1)' });
    emit('auth', { type: 'bogus' });
    off();
    emit('auth', { type: 'success', session: 'work', expiresAt: 5 });
    expect(seen).toEqual([
      {
        type: 'prompt',
        session: 'work',
        flow: 'device',
        url: 'https://x.example.com/',
        userCode: 'ABCD-EFGH',
      },
    ]);
  });
});

describe('bulk account data (shape-checked, not regex-checked)', () => {
  // On the wire a role is its name, by account id; the api decodes the names into Role objects.
  const list = {
    accounts: [
      { accountId: '123456789012', accountName: 'Prod', emailAddress: 'p@example.com' },
      { accountId: '210987654321', accountName: 'Dev', emailAddress: 'd@example.com' },
    ],
    roles: { '123456789012': ['Admin', 'ReadOnly'], '210987654321': [] },
    fromCache: true,
    loading: false,
    updatedAt: null,
    total: 2,
  };
  const decodedRoles = {
    '123456789012': [
      { accountId: '123456789012', roleName: 'Admin' },
      { accountId: '123456789012', roleName: 'ReadOnly' },
    ],
    '210987654321': [],
  };

  it('the wire schema takes role names by account id, not role objects', () => {
    const schema = invokeChannels['accounts.list'].result;
    expect(schema.safeParse(list).success).toBe(true);
    const objects = { '123456789012': [{ accountId: '123456789012', roleName: 'Admin' }] };
    expect(schema.safeParse({ ...list, roles: objects }).success).toBe(false);
    expect(schema.safeParse({ ...list, roles: { '123456789012': ['has space'] } }).success).toBe(
      false,
    );
    expect(schema.safeParse({ ...list, roles: { '12345': ['Admin'] } }).success).toBe(false);
  });

  it('decodes a well-formed account list into Role objects of the right account', async () => {
    const api = createApi(fakeTransport(() => ({ ok: true, value: list })).transport);
    const got = await api.listAccounts({ session: 'work' });
    expect(got).toEqual({ ...list, roles: decodedRoles });
    for (const [accountId, roles] of Object.entries(got.roles)) {
      for (const role of roles) expect(role.accountId).toBe(accountId);
    }
  });

  it('keeps an account id such as "__proto__" a plain key', async () => {
    const value = JSON.parse('{"__proto__":["Admin"]}') as unknown;
    const api = createApi(
      fakeTransport(() => ({ ok: true, value: { ...list, roles: value } })).transport,
    );
    const got = await api.listAccounts({ session: 'work' });
    expect(Object.getPrototypeOf(got.roles)).toBe(Object.prototype);
    expect(Object.keys(got.roles)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(got.roles, '__proto__')?.value).toEqual([
      { accountId: '__proto__', roleName: 'Admin' },
    ]);
  });

  it('rejects an account list of the wrong shape', async () => {
    const bad: unknown[] = [
      { ...list, accounts: [{ accountId: 123456789012, accountName: 'P', emailAddress: '' }] },
      { ...list, accounts: [{ accountId: '123456789012', accountName: 'P' }] },
      { ...list, accounts: 'all' },
      // A role name that is not a string (the old object shape included).
      { ...list, roles: { '123456789012': [5] } },
      { ...list, roles: { '123456789012': [null] } },
      { ...list, roles: { '123456789012': [{ accountId: '123456789012', roleName: 'Admin' }] } },
      // Roles of an account that are not an array.
      { ...list, roles: { '123456789012': 'Admin' } },
      { ...list, roles: { '123456789012': { 0: 'Admin' } } },
      { ...list, roles: { '123456789012': null } },
      { ...list, roles: [] },
      { ...list, roles: 'Admin' },
      { ...list, roles: undefined },
      { ...list, fromCache: 'yes' },
      { ...list, updatedAt: -1 },
      null,
    ];
    for (const value of bad) {
      const api = createApi(fakeTransport(() => ({ ok: true, value })).transport);
      await expect(api.listAccounts({ session: 'work' })).rejects.toMatchObject({ code: 'AWS' });
    }
  });

  it('delivers well-formed accounts events with decoded roles and drops malformed ones', () => {
    const { transport, emit } = fakeTransport(() => null);
    const seen: AccountsEventView[] = [];
    createApi(transport).onAccounts((e) => seen.push(e));
    const event = {
      session: 'work',
      accounts: list.accounts,
      roles: list.roles,
      progress: { rolesLoaded: 2, accounts: 2 },
      loading: false,
    };
    emit('accounts', event);
    emit('accounts', { ...event, accounts: undefined, roles: {} });
    emit('accounts', { ...event, accounts: [{ accountId: '1' }] });
    emit('accounts', { ...event, roles: { '123456789012': [5] } });
    emit('accounts', { ...event, roles: { '123456789012': [{ roleName: 'Admin' }] } });
    emit('accounts', { ...event, roles: { '123456789012': 'Admin' } });
    emit('accounts', { ...event, roles: [] });
    emit('accounts', { ...event, progress: { rolesLoaded: -1, accounts: 1 } });
    emit('accounts', { ...event, session: 'bad\u0000name' });
    emit('accounts', { ...event, error: { code: 'NOPE', message: 'x' } });
    expect(seen).toEqual([
      { ...event, roles: decodedRoles },
      { ...event, accounts: undefined, roles: {} },
    ]);
    expect(seen[0]?.roles['123456789012']?.every((r) => r.accountId === '123456789012')).toBe(true);
    expect('accounts' in seen[1]!).toBe(false);
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
    await expect(dispatchInvoke(handlers, 'credentials.verify', target)).resolves.toMatchObject({
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
      dispatchInvoke(handlers, 'credentials.verify', { ...target, roleName: '' }),
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
