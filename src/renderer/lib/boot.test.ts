import { describe, expect, it } from 'vitest';
import { ACCOUNTS, fakeApi, snapshot } from '../test/fake-api';
import { bootRequested, startBoot, takeBootAccounts, takeBootState } from './boot';

const flush = () => new Promise((r) => setTimeout(r, 0));
const event = (session: string) => ({
  session,
  roles: { '111111111111': ['Admin'] },
  progress: { rolesLoaded: 1, accounts: 3 },
  loading: true,
});

describe('boot', () => {
  it('asks for the state once and for the active session’s accounts right after', async () => {
    const { api, calls, emit } = fakeApi();
    const state = startBoot(api);
    expect(takeBootState(api)).toBe(state);
    expect(takeBootState(api)).toBeNull();
    await state;
    await flush();
    expect(calls('state.get')).toHaveLength(1);
    expect(calls('accounts.list')).toEqual([{ session: 'work' }]);
    emit('accounts', event('work'));
    const boot = takeBootAccounts(api, 'work');
    // Handed over as the api delivers it: role names decoded into Role objects.
    expect(boot?.events).toEqual([
      {
        ...event('work'),
        roles: { '111111111111': [{ accountId: '111111111111', roleName: 'Admin' }] },
      },
    ]);
    await expect(boot?.list).resolves.toMatchObject({ accounts: ACCOUNTS });
    // Taken once: a later screen asks again.
    expect(takeBootAccounts(api, 'work')).toBeNull();
  });

  it('requests no accounts when signed out, and hands nothing to another session', async () => {
    const out = fakeApi({}, snapshot({ activeSession: null }));
    await startBoot(out.api);
    await flush();
    expect(out.calls('accounts.list')).toEqual([]);
    expect(takeBootAccounts(out.api, 'work')).toBeNull();

    const other = fakeApi();
    await startBoot(other.api);
    await flush();
    expect(takeBootAccounts(other.api, 'elsewhere')).toBeNull();
    expect(takeBootAccounts(other.api, 'work')).toBeNull();
  });

  it('says when the list request is on its way, so the first render can wait for it', async () => {
    const { api, calls } = fakeApi();
    startBoot(api);
    expect(calls('accounts.list')).toEqual([]);
    await bootRequested(api, 60_000);
    // Requested already: no extra turn of the event loop needed.
    expect(calls('accounts.list')).toEqual([{ session: 'work' }]);
    takeBootAccounts(api, 'work');
    // No boot (any more): nothing to wait for.
    await expect(bootRequested(api, 60_000)).resolves.toBeUndefined();
  });

  it('stops waiting after the time limit when the snapshot does not come', async () => {
    const { api, calls } = fakeApi({ 'state.get': () => new Promise(() => undefined) });
    startBoot(api);
    await bootRequested(api, 5);
    expect(calls('accounts.list')).toEqual([]);
    takeBootAccounts(api, 'work');
  });
});
