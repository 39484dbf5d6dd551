import { describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  createApi,
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
import { accountSchema } from './schemas';

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

  it('checks every field of the account schema, by its type', async () => {
    const account = list.accounts[0]!;
    const fields = Object.keys(accountSchema.shape);
    expect(fields.sort()).toEqual(Object.keys(account).sort());
    for (const field of fields) {
      const missing: Record<string, unknown> = { ...account };
      delete missing[field];
      for (const bad of [missing, { ...account, [field]: 12 }, { ...account, [field]: null }]) {
        const api = createApi(
          fakeTransport(() => ({ ok: true, value: { ...list, accounts: [bad] } })).transport,
        );
        await expect(api.listAccounts({ session: 'work' }), field).rejects.toMatchObject({
          code: 'AWS',
        });
      }
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
