import { describe, expect, it, vi } from 'vitest';
import { wireAccountList } from './testing/fixtures';
import { dispatchInvoke, type Handlers } from '../main/core/ipc/dispatch';
import {
  ApiError,
  createApi,
  decodeEnvelope,
  EVENT_METHODS,
  INVOKE_METHODS,
  type AccountsEventView,
  type Transport,
} from './ipc-renderer';
import {
  eventChannels,
  invokeChannels,
  type EventName,
  type InvokeChannel,
  type PayloadOf,
} from './ipc-contract';

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

describe('the api covers the contract', () => {
  // A valid payload per channel; the mapped type makes a channel missing here a type error too.
  const payloads: { [C in InvokeChannel]: PayloadOf<C> } = {
    'state.get': {},
    'sessions.add': { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' },
    'sessions.adoptLegacy': { session: 'work' },
    'sessions.remove': { session: 'work' },
    'sessions.setActive': { session: 'work' },
    'auth.login': { session: 'work', flow: 'device' },
    'auth.cancel': { session: 'work' },
    'auth.openVerification': { session: 'work' },
    'auth.logout': { session: 'work' },
    'accounts.list': { session: 'work', first: 10 },
    'accounts.refresh': { session: 'work' },
    'roles.list': { session: 'work', accountId: '123456789012' },
    'credentials.get': target,
    'credentials.copy': { ...target, what: 'profile' },
    'credentials.writeProfile': { ...target, profileName: 'dev' },
    'credentials.writeSsoProfile': target,
    'credentials.verify': target,
    'console.open': target,
    'console.getSettings': { session: 'work' },
    'console.setSettings': {
      session: 'work',
      settings: { way: 'direct', browser: { browser: 'firefox', container: 'Work' } },
    },
    'favourites.toggle': target,
    'settings.update': { patch: { theme: 'dark' } },
    'window.hide': {},
    'logs.openFolder': {},
    'endpoint.lines': { ...target, shell: 'macos' },
    'endpoint.copy': { ...target, shell: 'powershell' },
    'palette.close': {},
    'status.get': {},
    'profiles.settings': { session: 'work' },
    'profiles.preview': { session: 'work', template: '{account_id}-{role_name}' },
    'profiles.write': { session: 'work', region: 'eu-west-1', prune: true },
    'updates.check': {},
    'updates.restart': {},
    'updates.postpone': { hours: 24 },
    'updates.setOptions': { options: { channel: 'beta' } },
  };
  const channels = Object.keys(invokeChannels) as InvokeChannel[];
  const events = Object.keys(eventChannels) as EventName[];

  it('has one method per request channel and one subscription per event, nothing else', () => {
    const api = createApi(fakeTransport(() => null).transport);
    expect(Object.keys(INVOKE_METHODS).sort()).toEqual([...channels].sort());
    expect(Object.keys(EVENT_METHODS).sort()).toEqual([...events].sort());
    const names = [...Object.values(INVOKE_METHODS), ...Object.values(EVENT_METHODS)];
    expect(new Set(names).size).toBe(channels.length + events.length);
    expect(Object.keys(api).sort()).toEqual([...names].sort());
  });

  it.each(channels)(
    '%s: its method sends exactly one request, on that channel',
    async (channel) => {
      const { transport, invoke } = fakeTransport(() => ({ ok: true, value: null }));
      const api = createApi(transport);
      const method = api[INVOKE_METHODS[channel]] as (payload: unknown) => Promise<unknown>;
      await method(payloads[channel]).catch(() => undefined);
      expect(invoke.mock.calls).toEqual([[channel, payloads[channel]]]);
    },
  );

  it.each(events)('%s: its subscription listens to that event only', (event) => {
    const subscribe = vi.fn(() => () => undefined);
    const api = createApi({ invoke: async () => null, subscribe });
    const on = api[EVENT_METHODS[event]] as (listener: () => void) => () => void;
    on(() => undefined);
    expect(subscribe.mock.calls.map((c: unknown[]) => c[0])).toEqual([event]);
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

  it('an invalid payload is refused by main, and the api throws its INVALID_INPUT', async () => {
    // The window does not check payloads itself any more: main does, before any handler runs.
    const ran: unknown[] = [];
    const handlers = {
      'credentials.get': (p: unknown) => {
        ran.push(p);
        return creds;
      },
    } as unknown as Handlers;
    const api = createApi({
      invoke: (channel, payload) => dispatchInvoke(handlers, channel, payload),
      subscribe: () => () => undefined,
    });
    await expect(api.getCredentials({ ...target, accountId: 'abc' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('accountId') as unknown,
    });
    expect(ran).toEqual([]);
    await expect(api.getCredentials(target)).resolves.toEqual(creds);
  });

  it('a result main refused arrives as its error', async () => {
    const handlers = { 'credentials.get': () => ({ accessKeyId: 1 }) } as unknown as Handlers;
    const api = createApi({
      invoke: (channel, payload) => dispatchInvoke(handlers, channel, payload),
      subscribe: () => () => undefined,
    });
    const err = await api.getCredentials(target).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('credentials.get') as unknown,
    });
  });

  it('a malformed envelope is an error, never a crash', async () => {
    const junk: unknown[] = [
      'hello',
      null,
      undefined,
      42,
      [],
      [{ ok: true, value: creds }],
      {},
      { ok: 'yes', value: creds },
      { ok: 1, value: creds },
      { ok: false },
      { ok: false, error: null },
      { ok: false, error: 'Sign in again.' },
      { ok: false, error: { code: 'NOPE', message: 'x' } },
      { ok: false, error: { code: 'AWS' } },
      { ok: false, error: { code: 'AWS', message: 5 } },
      { ok: false, error: { code: ['AWS'], message: 'x' } },
    ];
    for (const raw of junk) {
      expect(decodeEnvelope(raw), JSON.stringify(raw)).toBeNull();
      const api = createApi(fakeTransport(() => raw).transport);
      await expect(api.getState(), JSON.stringify(raw)).rejects.toMatchObject({
        code: 'AWS',
        message: 'The app sent an answer the window cannot read.',
      });
      await expect(api.listAccounts({ session: 'work' })).rejects.toMatchObject({ code: 'AWS' });
    }
  });

  it('decodes well-formed envelopes; an error message is kept within bounds', () => {
    expect(decodeEnvelope({ ok: true, value: creds })).toEqual({ ok: true, value: creds });
    expect(decodeEnvelope({ ok: true })).toEqual({ ok: true, value: undefined });
    expect(
      decodeEnvelope({ ok: false, error: { code: 'THROTTLED', message: 'Slow down.' } }),
    ).toEqual({
      ok: false,
      error: { code: 'THROTTLED', message: 'Slow down.' },
    });
    const long = decodeEnvelope({ ok: false, error: { code: 'AWS', message: 'x'.repeat(5000) } });
    expect(long?.ok === false && long.error.message.length).toBe(2000);
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

  it('delivers events (main checked them) and unsubscribes', () => {
    const { transport, emit } = fakeTransport(() => null);
    const api = createApi(transport);
    const seen: unknown[] = [];
    const off = api.onAuth((e) => seen.push(e));
    const prompt = {
      type: 'prompt',
      session: 'work',
      flow: 'device',
      url: 'https://x.example.com/',
      userCode: 'ABCD-EFGH',
    };
    emit('auth', prompt);
    off();
    emit('auth', { type: 'success', session: 'work', expiresAt: 5 });
    expect(seen).toEqual([prompt]);
  });
});

describe('bulk account data (shape-checked, not regex-checked)', () => {
  // On the wire a role is its name, by account id; the api decodes the names into Role objects.
  const list = wireAccountList();
  const decodedRoles = {
    '123456789012': [
      { accountId: '123456789012', roleName: 'Admin' },
      { accountId: '123456789012', roleName: 'ReadOnly' },
    ],
    '210987654321': [],
  };

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

  it('an account list that cannot be decoded is an error, not a crash', async () => {
    // Main shape-checks the list before it sends it (src/main/core/ipc/outbound.ts); what the
    // window decodes it still refuses to decode wrongly.
    const bad: unknown[] = [
      { ...list, accounts: 'all' },
      { ...list, accounts: undefined },
      { ...list, roles: { '123456789012': [5] } },
      { ...list, roles: { '123456789012': [null] } },
      { ...list, roles: { '123456789012': [{ accountId: '123456789012', roleName: 'Admin' }] } },
      { ...list, roles: { '123456789012': 'Admin' } },
      { ...list, roles: { '123456789012': { 0: 'Admin' } } },
      { ...list, roles: { '123456789012': null } },
      { ...list, roles: [] },
      { ...list, roles: 'Admin' },
      { ...list, roles: undefined },
      null,
      'list',
    ];
    for (const value of bad) {
      const api = createApi(fakeTransport(() => ({ ok: true, value })).transport);
      await expect(api.listAccounts({ session: 'work' })).rejects.toMatchObject({ code: 'AWS' });
    }
  });

  it('delivers accounts events with decoded roles and drops ones it cannot decode', () => {
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
    emit('accounts', { ...event, accounts: 'all' });
    emit('accounts', { ...event, roles: { '123456789012': [5] } });
    emit('accounts', { ...event, roles: { '123456789012': [{ roleName: 'Admin' }] } });
    emit('accounts', { ...event, roles: { '123456789012': 'Admin' } });
    emit('accounts', { ...event, roles: [] });
    emit('accounts', null);
    emit('accounts', 'accounts');
    expect(seen).toEqual([
      { ...event, roles: decodedRoles },
      { ...event, accounts: undefined, roles: {} },
    ]);
    expect(seen[0]?.roles['123456789012']?.every((r) => r.accountId === '123456789012')).toBe(true);
    expect('accounts' in seen[1]!).toBe(false);
  });
});
