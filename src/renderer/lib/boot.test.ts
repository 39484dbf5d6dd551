import { describe, expect, it } from 'vitest';
import { ACCOUNTS, accountList, fakeApi, snapshot } from '../test/fake-api';
import { FIRST_SCREEN } from '../../shared/boot-answers';
import {
  bootAnswered,
  peekBootAccounts,
  peekBootState,
  localStorageHint,
  startBoot,
  takeBootAccounts,
  takeBootState,
  type SessionHint,
} from './boot';

const flush = () => new Promise((r) => setTimeout(r, 0));
/** What boot asks for one session: the first screen of its list. */
const firstScreenOf = (session: string) => [{ session, first: FIRST_SCREEN }];
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
    const taken = takeBootState(api);
    expect(takeBootState(api)).toBeNull();
    await expect(taken).resolves.toEqual(await state);
    await flush();
    expect(calls('state.get')).toHaveLength(1);
    expect(calls('accounts.list')).toEqual(firstScreenOf('work'));
    emit('accounts', event('work'));
    const boot = takeBootAccounts(api, 'work');
    // Handed over as the api delivers it: role names decoded into Role objects.
    expect(boot?.events).toEqual([
      {
        ...event('work'),
        roles: { '111111111111': [{ accountId: '111111111111', roleName: 'Admin' }] },
      },
    ]);
    await expect(boot?.first).resolves.toMatchObject({
      accounts: ACCOUNTS,
      total: ACCOUNTS.length,
    });
    // Taken once: a later screen asks again.
    expect(takeBootAccounts(api, 'work')).toBeNull();
  });

  it('keeps a state change main sends before the window takes the snapshot', async () => {
    const { api, emit } = fakeApi({}, snapshot({ revision: 4 }));
    await startBoot(api);
    expect(peekBootState(api)?.revision).toBe(4);
    // The window is not subscribed yet: boot keeps the change for it.
    emit('state', snapshot({ revision: 5, activeSession: null }));
    expect(peekBootState(api)).toMatchObject({ revision: 5, activeSession: null });
    await expect(takeBootState(api)).resolves.toMatchObject({ revision: 5, activeSession: null });
    // Taken: later events go to whoever subscribed, boot keeps none.
    emit('state', snapshot({ revision: 6 }));
    expect(peekBootState(api)).toBeNull();
  });

  it('the accounts screen taking its part first leaves the snapshot for the window', async () => {
    const { api, calls } = fakeApi();
    await startBoot(api);
    await flush();
    // The accounts screen is a child of the window: its effect runs first.
    expect(takeBootAccounts(api, 'work')).not.toBeNull();
    const state = takeBootState(api);
    expect(state).not.toBeNull();
    await expect(state).resolves.toMatchObject({ activeSession: 'work' });
    expect(calls('state.get')).toHaveLength(1);
    // Both taken: nothing is left to take.
    expect(takeBootState(api)).toBeNull();
    expect(takeBootAccounts(api, 'work')).toBeNull();
  });

  it('an answer that arrives after a newer event does not replace it, nor an older event', async () => {
    let answer: (s: ReturnType<typeof snapshot>) => void = () => undefined;
    const { api, emit } = fakeApi({
      'state.get': () => new Promise((resolve) => (answer = resolve)),
    });
    const state = startBoot(api);
    await flush();
    emit('state', snapshot({ revision: 8, activeSession: null }));
    answer(snapshot({ revision: 7 }));
    await state;
    expect(peekBootState(api)).toMatchObject({ revision: 8, activeSession: null });
    emit('state', snapshot({ revision: 3 }));
    await expect(takeBootState(api)).resolves.toMatchObject({ revision: 8, activeSession: null });
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

  describe('the last shown session', () => {
    function memoryHint(initial: string | null): SessionHint & { value: string | null } {
      const h = {
        value: initial,
        read: () => h.value,
        write: (v: string | null) => {
          h.value = v;
        },
      };
      return h;
    }

    it('asks for its list together with the snapshot and uses it when the snapshot agrees', async () => {
      const { api, calls } = fakeApi();
      const hint = memoryHint('work');
      const state = startBoot(api, hint);
      // Before the snapshot answered.
      expect(calls('accounts.list')).toEqual(firstScreenOf('work'));
      await state;
      await flush();
      expect(calls('accounts.list')).toEqual(firstScreenOf('work'));
      await expect(takeBootAccounts(api, 'work')?.first).resolves.toMatchObject({
        accounts: ACCOUNTS,
      });
      expect(hint.value).toBe('work');
    });

    it('drops a guess the snapshot does not confirm and asks for the active session', async () => {
      const { api, calls } = fakeApi();
      const hint = memoryHint('gone');
      await startBoot(api, hint);
      await flush();
      expect(calls('accounts.list')).toEqual([...firstScreenOf('gone'), ...firstScreenOf('work')]);
      expect(takeBootAccounts(api, 'gone')).toBeNull();
      const other = fakeApi();
      await startBoot(other.api, memoryHint('gone'));
      await flush();
      expect(takeBootAccounts(other.api, 'work')).not.toBeNull();
      expect(hint.value).toBe('work');
    });

    it('forgets the hint when signed out', async () => {
      const { api, calls } = fakeApi({}, snapshot({ activeSession: null }));
      const hint = memoryHint('work');
      await startBoot(api, hint);
      await flush();
      expect(calls('accounts.list')).toEqual(firstScreenOf('work'));
      expect(takeBootAccounts(api, 'work')).toBeNull();
      expect(hint.value).toBeNull();
    });

    it('localStorage: reads and writes the name, and a throwing storage is no hint', () => {
      const data = new Map<string, string>();
      const storage = {
        getItem: (k: string) => data.get(k) ?? null,
        setItem: (k: string, v: string) => void data.set(k, v),
        removeItem: (k: string) => void data.delete(k),
      };
      const hint = localStorageHint(storage);
      expect(hint.read()).toBeNull();
      hint.write('work');
      expect(hint.read()).toBe('work');
      hint.write(null);
      expect(hint.read()).toBeNull();
      const broken = localStorageHint({
        getItem: () => {
          throw new Error('denied');
        },
        setItem: () => {
          throw new Error('denied');
        },
        removeItem: () => {
          throw new Error('denied');
        },
      });
      expect(broken.read()).toBeNull();
      expect(() => broken.write('work')).not.toThrow();
      expect(localStorageHint(null).read()).toBeNull();
    });

    it('localStorage: read once however often the start asks, and a write seen after', () => {
      let reads = 0;
      const storage = {
        getItem: () => {
          reads += 1;
          return 'work';
        },
        setItem: () => undefined,
        removeItem: () => undefined,
      };
      const hint = localStorageHint(storage);
      expect([hint.read(), hint.read(), hint.read()]).toEqual(['work', 'work', 'work']);
      expect(reads).toBe(1);
      hint.write('play');
      expect(hint.read()).toBe('play');
      hint.write(null);
      expect(hint.read()).toBeNull();
      expect(reads).toBe(1);
    });
  });

  it('asks only for the first screen, which says how many accounts there are', async () => {
    const { api, calls } = fakeApi({
      'accounts.list': async (p) =>
        accountList({ accounts: p.first === undefined ? ACCOUNTS : ACCOUNTS.slice(0, 1) }),
    });
    await startBoot(api);
    await flush();
    expect(calls('accounts.list')).toEqual([{ session: 'work', first: FIRST_SCREEN }]);
    const first = await takeBootAccounts(api, 'work')?.first;
    expect(first?.accounts).toEqual(ACCOUNTS.slice(0, 1));
    expect(first?.total).toBe(ACCOUNTS.length);
  });

  it('says when the snapshot and the first screen are in, and shows them without handing them over', async () => {
    const { api } = fakeApi();
    startBoot(api);
    expect(peekBootState(api)).toBeNull();
    await bootAnswered(api, 5000);
    expect(peekBootState(api)).toMatchObject({ activeSession: 'work' });
    expect(peekBootAccounts(api, 'work')).toMatchObject({ total: ACCOUNTS.length });
    expect(peekBootAccounts(api, 'elsewhere')).toBeNull();
    // Peeking takes nothing: the screens still get them, once.
    const state = peekBootState(api);
    await expect(takeBootState(api)).resolves.toBe(state);
    expect(peekBootState(api)).toBeNull();
    const peeked = peekBootAccounts(api, 'work');
    await expect(takeBootAccounts(api, 'work')?.first).resolves.toBe(peeked);
    expect(peekBootAccounts(api, 'work')).toBeNull();
  });

  it('stops waiting for the answers after the given time', async () => {
    const never = new Promise<never>(() => undefined);
    const { api } = fakeApi({ 'state.get': () => never });
    startBoot(api);
    await bootAnswered(api, 20);
    expect(peekBootState(api)).toBeNull();
  });
});
