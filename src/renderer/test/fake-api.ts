// An in-memory app behind the real contract: createApi over a transport that dispatches to
// handlers (payloads validated by the real schemas). Tests read `invoke` calls and push events.
import { vi } from 'vitest';
import { createApi } from '../../shared/ipc-renderer';
import { dispatchInvoke, type Handlers } from '../../main/core/ipc/dispatch';
import type { EventName, EventOf, InvokeChannel } from '../../shared/ipc-contract';
import type { AccountList, StateSnapshot } from '../../shared/ipc-views';
import { stateFixture } from '../../shared/testing/fixtures';
import {
  DEFAULT_TEMPLATE,
  PREVIEW_NAMES,
  templateProblem,
  type ProfilesPlan,
} from '../../shared/profile-settings';
import type { Account, Role, RoleCredentials } from '../../shared/schemas';

export const START_URL = 'https://d-1234567890.awsapps.com/start';

export const ACCOUNTS: Account[] = [
  { accountId: '111111111111', accountName: 'Production', emailAddress: 'prod@example.com' },
  { accountId: '222222222222', accountName: 'Development', emailAddress: 'dev@example.com' },
  { accountId: '333333333333', accountName: 'Sandbox', emailAddress: 'sandbox@corp.example' },
];

export const ROLES: Record<string, Role[]> = {
  '111111111111': [
    { accountId: '111111111111', roleName: 'AdministratorAccess' },
    { accountId: '111111111111', roleName: 'ReadOnlyAccess' },
  ],
  '222222222222': [{ accountId: '222222222222', roleName: 'PowerUserAccess' }],
  '333333333333': [{ accountId: '333333333333', roleName: 'SandboxDeveloper' }],
};

/** ROLES as main sends them in `accounts.list` and `accounts` events: names by account id. */
export const ROLE_NAMES: Record<string, string[]> = Object.fromEntries(
  Object.entries(ROLES).map(([accountId, roles]) => [accountId, roles.map((r) => r.roleName)]),
);

/** An `accounts.list` answer as main sends it: every account, no roles yet; `over` applied. */
export function accountList(over: Partial<AccountList> = {}): AccountList {
  return {
    accounts: ACCOUNTS,
    roles: {},
    fromCache: true,
    loading: false,
    updatedAt: 1,
    total: ACCOUNTS.length,
    ...over,
  };
}

export const CREDS: RoleCredentials = {
  accessKeyId: 'ASIAEXAMPLEKEY123456',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN==',
  expiration: Date.now() + 58 * 60_000 + 30_000,
};

export function snapshot(overrides: Partial<StateSnapshot> = {}): StateSnapshot {
  return stateFixture({
    sessions: [
      {
        name: 'work',
        startUrl: START_URL,
        region: 'us-east-1',
        status: 'signed-in',
        expiresAt: Date.now() + 8 * 3600_000,
        kind: 'sso-session',
        profiles: [],
      },
    ],
    activeSession: 'work',
    ...overrides,
  });
}

/**
 * A preview as main would give it for ACCOUNTS and ROLES with nothing written yet: every role's
 * profile to add (names filled in without the core's safe-name rule), or the template's problem.
 */
export function fakeProfilesPlan(
  session: string,
  template = DEFAULT_TEMPLATE,
  region = 'us-east-1',
): ProfilesPlan {
  const problem = templateProblem(template);
  const names =
    problem !== null
      ? []
      : ACCOUNTS.flatMap((a) =>
          (ROLES[a.accountId] ?? []).map((r) =>
            template
              .replaceAll('{account_name}', a.accountName)
              .replaceAll('{account_id}', a.accountId)
              .replaceAll('{role_name}', r.roleName)
              .replaceAll('{session}', session),
          ),
        );
  const some = (list: string[]) => ({ count: list.length, first: list.slice(0, PREVIEW_NAMES) });
  return {
    session,
    file: '/home/user/.aws/config',
    template,
    region,
    roles: names.length,
    names: some(names),
    add: some(names),
    change: some([]),
    unchanged: 0,
    remove: some([]),
    keptChanged: some([]),
    sessionAdded: false,
    problem,
  };
}

export function fakeApi(overrides: Partial<Handlers> = {}, state: StateSnapshot = snapshot()) {
  const listeners = new Map<EventName, Set<(d: unknown) => void>>();
  const noop = async () => undefined;
  const handlers: Handlers = {
    'state.get': async () => state,
    'sessions.add': async (p) => ({
      name: p.name ?? 'new-session',
      startUrl: p.startUrl,
      region: p.region,
      status: 'signed-out',
      expiresAt: null,
      kind: 'sso-session',
      profiles: [],
    }),
    'sessions.adoptLegacy': async (p) => ({
      name: p.name ?? p.session,
      startUrl: START_URL,
      region: 'us-east-1',
      status: 'signed-out',
      expiresAt: null,
      kind: 'sso-session',
      profiles: [],
    }),
    'sessions.remove': noop,
    'sessions.setActive': noop,
    'auth.login': noop,
    'auth.cancel': noop,
    'auth.openVerification': noop,
    'auth.logout': noop,
    'accounts.list': async (p) => ({
      accounts: p.first === undefined ? ACCOUNTS : ACCOUNTS.slice(0, p.first),
      roles: {},
      fromCache: true,
      loading: false,
      updatedAt: Date.now(),
      total: ACCOUNTS.length,
    }),
    'accounts.refresh': noop,
    'roles.list': async (p) => ROLES[p.accountId] ?? [],
    'credentials.get': async () => CREDS,
    'credentials.copy': async () => ({ clearsAt: Date.now() + 60_000 }),
    'credentials.writeProfile': async (p) => ({
      path: '/home/me/.aws/credentials',
      profileName: p.profileName,
      expiresAt: CREDS.expiration,
    }),
    'credentials.writeSsoProfile': async (p) => ({
      path: '/home/me/.aws/config',
      profileName: p.profileName ?? `${p.accountId}_${p.roleName}`,
    }),
    'credentials.verify': async (p) => ({
      arn: `arn:aws:sts::${p.accountId}:assumed-role/AWSReservedSSO_${p.roleName}_abc/me`,
      account: p.accountId,
      userId: 'AROAEXAMPLE:me',
    }),
    'console.open': noop,
    'console.getSettings': async () => ({ way: 'shortcut', browser: { browser: 'default' } }),
    'console.setSettings': async (p) => p.settings,
    'favourites.toggle': async () => ({ favourite: true }),
    'settings.update': async (p) => ({ ...state.settings, ...p.patch }),
    'logs.openFolder': noop,
    'endpoint.lines': async () => ({ url: null, preview: null }),
    'endpoint.copy': async () => ({ clearsAt: Date.now() + 60_000 }),
    'window.hide': noop,
    'palette.close': noop,
    'status.get': async () => ({ sessions: [] }),
    'profiles.settings': async () => ({ template: DEFAULT_TEMPLATE }),
    'profiles.preview': async (p) => fakeProfilesPlan(p.session, p.template, p.region),
    'profiles.write': async (p) => ({
      ...fakeProfilesPlan(p.session, p.template, p.region),
      cancelled: false,
    }),
    'updates.check': async () => state.updates,
    'updates.restart': noop,
    'updates.postpone': async (p) => ({
      ...state.updates,
      status:
        state.updates.status.state === 'ready'
          ? { ...state.updates.status, postponedUntil: Date.now() + (p.hours ?? 24) * 3600_000 }
          : state.updates.status,
    }),
    'updates.setOptions': async (p) => ({ ...state.updates, ...p.options }),
    ...overrides,
  };
  const invoke = vi.fn((channel: InvokeChannel, payload: unknown) =>
    dispatchInvoke(handlers, channel, payload),
  );
  const api = createApi({
    invoke,
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });
  function emit<E extends EventName>(event: E, data: EventOf<E>) {
    listeners.get(event)?.forEach((l) => l(data));
  }
  /** Payloads sent on one channel, in order. */
  const calls = (channel: InvokeChannel) =>
    invoke.mock.calls.filter(([c]) => c === channel).map(([, p]) => p);
  return { api, invoke, emit, calls, handlers };
}

/** jsdom has no layout: give scroll containers a size so the virtual list renders rows. */
export function fakeLayout(height = 600) {
  const desc = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get() {
      return height;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get() {
      return 400;
    },
  });
  return () => {
    if (desc) Object.defineProperty(HTMLElement.prototype, 'clientHeight', desc);
  };
}
