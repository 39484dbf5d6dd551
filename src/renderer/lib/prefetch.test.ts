import { describe, expect, it, vi } from 'vitest';
import { createApi, type Transport } from '../../shared/ipc-renderer';
import { snapshot as fakeSnapshot } from '../test/fake-api';
import { mainTransport } from '../test/main-transport';
import { withPrefetch } from './prefetch';

// The state as main sends it (the fake api's snapshot is one the contract accepts).
const snapshot = fakeSnapshot({ configFile: '/home/u/.aws/config' });
const list = {
  accounts: [{ accountId: '123456789012', accountName: 'dev', emailAddress: 'd@x' }],
  roles: { '123456789012': ['Admin'] },
  fromCache: true,
  updatedAt: null,
  loading: false,
  total: 3,
};

function transport(answers: Record<string, unknown>) {
  const invoke = vi.fn(async (channel: string, _payload: unknown) => ({
    ok: true,
    value: answers[channel],
  }));
  const inner: Transport = { invoke, subscribe: () => () => undefined };
  return { inner, invoke };
}

describe('requests sent before the api exists', () => {
  it('sends a prefetched request once and hands its answer, parsed, to the api', async () => {
    const { inner, invoke } = transport({ 'state.get': snapshot, 'accounts.list': list });
    const t = withPrefetch(inner);
    t.prefetch('state.get', {});
    t.prefetch('accounts.list', { session: 'work', first: 100 });
    expect(invoke).toHaveBeenCalledTimes(2);
    const api = createApi(t);
    await expect(api.getState()).resolves.toMatchObject({ configFile: '/home/u/.aws/config' });
    // Same payload, fields in another order: the answer already asked for.
    const first = await api.listAccounts({ first: 100, session: 'work' });
    expect(first.roles['123456789012']).toEqual([{ accountId: '123456789012', roleName: 'Admin' }]);
    expect(invoke).toHaveBeenCalledTimes(2);
    // Taken once: the next request is sent.
    await api.getState();
    expect(invoke).toHaveBeenCalledTimes(3);
  });

  it('sends a request whose payload differs from the prefetched one', async () => {
    const { inner, invoke } = transport({ 'accounts.list': list });
    const t = withPrefetch(inner);
    t.prefetch('accounts.list', { session: 'work', first: 100 });
    await createApi(t).listAccounts({ session: 'other', first: 100 });
    expect(invoke.mock.calls.map((c) => c[1])).toEqual([
      { session: 'work', first: 100 },
      { session: 'other', first: 100 },
    ]);
  });

  it('main still refuses an invalid payload and a malformed answer, prefetched or not', async () => {
    // The transport reaches main's dispatcher, which checks payloads and results; a prefetched
    // request goes the same way, so prefetching bypasses neither check.
    const { transport: inner, invoke } = mainTransport({
      'accounts.list': () => ({ ...list, total: -1 }),
    });
    const t = withPrefetch(inner);
    t.prefetch('accounts.list', { session: 'a\u0000b', first: 100 });
    t.prefetch('accounts.list', { session: 'work', first: 100 });
    const api = createApi(t);
    for (let i = 0; i < 2; i++) {
      // First the prefetched answers, then the same requests sent again.
      await expect(api.listAccounts({ session: 'a\u0000b', first: 100 })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      await expect(api.listAccounts({ session: 'work', first: 100 })).rejects.toMatchObject({
        code: 'INTERNAL',
        message: expect.stringContaining('accounts.list') as unknown,
      });
    }
    expect(invoke).toHaveBeenCalledTimes(4);
  });

  it('reports a prefetched request that failed as the api reports any failed request', async () => {
    const inner: Transport = {
      invoke: () => Promise.reject(new Error('connection refused')),
      subscribe: () => () => undefined,
    };
    const t = withPrefetch(inner);
    t.prefetch('state.get', {});
    await expect(createApi(t).getState()).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('hands over an answer the page came with, unsent and once, decoded like any other', async () => {
    const { inner, invoke } = transport({ 'state.get': snapshot });
    const t = withPrefetch(inner);
    t.seed('accounts.list', { session: 'work', first: 100 }, { ok: true, value: list });
    t.seed('state.get', {}, { ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Sign in.' } });
    // A prefetch of what the page answered sends nothing.
    t.prefetch('accounts.list', { first: 100, session: 'work' });
    const api = createApi(t);
    const first = await api.listAccounts({ session: 'work', first: 100 });
    expect(first.roles['123456789012']).toEqual([{ accountId: '123456789012', roleName: 'Admin' }]);
    // The page's failure is the api's failure, as a failed request's.
    await expect(api.getState()).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(invoke).not.toHaveBeenCalled();
    // Taken once: the next request is sent.
    await api.getState();
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it('drops an answer nobody took in time', async () => {
    vi.useFakeTimers();
    try {
      const { inner, invoke } = transport({ 'state.get': snapshot });
      const t = withPrefetch(inner, 1000);
      t.prefetch('state.get', {});
      vi.advanceTimersByTime(1001);
      await t.invoke('state.get', {});
      expect(invoke).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
