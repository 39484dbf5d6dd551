// The window's side of the IPC contract: `createApi` turns a transport (Electron's ipcRenderer in
// the preload, HTTP in the web host's bridge) into `window.api`, one named function per request
// channel and one subscription per event. The type of the api is derived from the contract's
// channel map, so a channel without a method (or a method without a channel) does not compile.
//
// Who checks what: main checks every payload against its channel's schema before a handler runs,
// every result against the channel's result schema before it is sent, and every event before it
// is pushed (src/main/core/ipc/dispatch.ts, outbound.ts). Main is the trusted side, so the window
// only decodes what arrives: the envelope with a plain check (a malformed one is an error, never
// a crash) and the bulk role lists into `Role` objects. It imports the contract for its types
// only: this module loads no zod, so the window's start path does not either.
// Pure: no Node, DOM or Electron (the preload and the renderer both import it).
import type { EventName, EventOf, InvokeChannel, ParsedResultOf, PayloadOf } from './ipc-contract';
import type { AccountList, AccountsEvent } from './ipc-views';
import { ERROR_CODES, type ErrorCode } from './rules';
import type { ErrorInfo, Role } from './schemas';

/** The `accounts.list` result as the window's api delivers it (roles decoded into objects). */
export type AccountListView = Omit<AccountList, 'roles'> & { roles: Record<string, Role[]> };
/** The `accounts` event as the window's api delivers it (roles decoded into objects). */
export type AccountsEventView = Omit<AccountsEvent, 'roles'> & { roles: Record<string, Role[]> };

// ---------------------------------------------------------------------------------------------
// The api's shape, derived from the contract
// ---------------------------------------------------------------------------------------------

/** The api's method for each request channel; `satisfies` makes a channel without one an error. */
export const INVOKE_METHODS = {
  'state.get': 'getState',
  'sessions.add': 'addSession',
  'sessions.adoptLegacy': 'adoptLegacySession',
  'sessions.remove': 'removeSession',
  'sessions.setActive': 'setActiveSession',
  'auth.login': 'login',
  'auth.cancel': 'cancelLogin',
  'auth.openVerification': 'openVerification',
  'auth.logout': 'logout',
  'accounts.list': 'listAccounts',
  'accounts.refresh': 'refreshAccounts',
  'roles.list': 'listRoles',
  'credentials.get': 'getCredentials',
  'credentials.copy': 'copyCredentials',
  'credentials.writeProfile': 'writeProfile',
  'credentials.writeSsoProfile': 'writeSsoProfile',
  'credentials.verify': 'verifyCredentials',
  'console.open': 'openConsole',
  'console.getSettings': 'getConsoleSettings',
  'console.setSettings': 'setConsoleSettings',
  'favourites.toggle': 'toggleFavourite',
  'settings.update': 'updateSettings',
  'window.hide': 'hideWindow',
  'logs.openFolder': 'openLogsFolder',
  'endpoint.lines': 'getEndpointLines',
  'endpoint.copy': 'copyEndpointLines',
  'palette.close': 'closePalette',
  'status.get': 'getStatus',
  'profiles.settings': 'getProfileSettings',
  'profiles.preview': 'previewProfiles',
  'profiles.write': 'writeProfiles',
  'updates.check': 'checkForUpdates',
  'updates.restart': 'restartToUpdate',
  'updates.postpone': 'postponeUpdate',
  'updates.setOptions': 'setUpdateOptions',
} as const satisfies Record<InvokeChannel, string>;

/** The api's subscription for each event. */
export const EVENT_METHODS = {
  state: 'onState',
  auth: 'onAuth',
  accounts: 'onAccounts',
  credentials: 'onCredentials',
  notice: 'onNotice',
  navigate: 'onNavigate',
} as const satisfies Record<EventName, string>;

/** What a channel's method resolves to: the parsed result, the account list decoded. */
export type ClientResultOf<C extends InvokeChannel> = C extends 'accounts.list'
  ? AccountListView
  : ParsedResultOf<C>;
/** What an event's listener receives: the parsed event, the accounts event decoded. */
export type ClientEventOf<E extends EventName> = E extends 'accounts'
  ? AccountsEventView
  : EventOf<E>;

/** A channel with an empty payload is a method without arguments. */
type MethodOf<C extends InvokeChannel> =
  PayloadOf<C> extends Record<string, never>
    ? () => Promise<ClientResultOf<C>>
    : (payload: PayloadOf<C>) => Promise<ClientResultOf<C>>;

export type Api = {
  [C in InvokeChannel as (typeof INVOKE_METHODS)[C]]: MethodOf<C>;
} & {
  [E in EventName as (typeof EVENT_METHODS)[E]]: (
    listener: (data: ClientEventOf<E>) => void,
  ) => () => void;
};

export interface Transport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (data: unknown) => void): () => void;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.code = info.code;
  }
}

// ---------------------------------------------------------------------------------------------
// Decoding what main sent
// ---------------------------------------------------------------------------------------------

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The envelope of an answer, or null when `raw` is not one. The value is not checked here: main
 * checked it against the channel's result schema before sending it.
 */
export function decodeEnvelope(
  raw: unknown,
): { ok: true; value: unknown } | { ok: false; error: ErrorInfo } | null {
  if (!isRecord(raw)) return null;
  if (raw.ok === true) return { ok: true, value: raw.value };
  if (raw.ok !== false || !isRecord(raw.error)) return null;
  const { code, message } = raw.error;
  if (typeof code !== 'string' || !(ERROR_CODES as readonly string[]).includes(code)) return null;
  if (typeof message !== 'string') return null;
  // The same bound as the error schema's, so the window never shows an endless message.
  return { ok: false, error: { code: code as ErrorCode, message: message.slice(0, 2000) } };
}

// Role lists arrive as names by account id (main shape-checked them) and are decoded here into
// `Role` objects. Anything else than arrays of strings makes the whole answer unreadable rather
// than a crash.

/** Role names by account id -> `Role` objects by account id; null unless arrays of strings. */
function decodeRolesByAccount(v: unknown): Record<string, Role[]> | null {
  if (!isRecord(v)) return null;
  const decoded: Array<[string, Role[]]> = [];
  for (const accountId of Object.keys(v)) {
    const names = v[accountId];
    if (!Array.isArray(names)) return null;
    const roles: Role[] = [];
    for (const roleName of names as unknown[]) {
      if (typeof roleName !== 'string') return null;
      roles.push({ accountId, roleName });
    }
    decoded.push([accountId, roles]);
  }
  // fromEntries defines own properties, so even a key such as "__proto__" stays a plain key.
  return Object.fromEntries(decoded);
}

/** `accounts.list` result: its role lists decoded; null when it is not a list at all. */
function decodeAccountList(v: unknown): AccountListView | null {
  if (!isRecord(v) || !Array.isArray(v.accounts)) return null;
  const roles = decodeRolesByAccount(v.roles);
  return roles === null ? null : ({ ...v, roles } as AccountListView);
}

/** `accounts` event: its role lists decoded; null when it is not an accounts event at all. */
function decodeAccountsEvent(v: unknown): AccountsEventView | null {
  if (!isRecord(v)) return null;
  if (v.accounts !== undefined && !Array.isArray(v.accounts)) return null;
  const roles = decodeRolesByAccount(v.roles);
  if (roles === null) return null;
  // Without the list (only roles filled in), the event has no `accounts` key at all.
  const { accounts, ...rest } = v;
  return (
    accounts === undefined ? { ...rest, roles } : { ...rest, accounts, roles }
  ) as AccountsEventView;
}

/**
 * The channels whose result is nothing: their methods resolve to undefined (main sends null).
 * The mapped type makes a missing or extra channel here a type error.
 */
const VOID_RESULTS = {
  'sessions.remove': true,
  'sessions.setActive': true,
  'auth.login': true,
  'auth.cancel': true,
  'auth.openVerification': true,
  'auth.logout': true,
  'accounts.refresh': true,
  'console.open': true,
  'window.hide': true,
  'logs.openFolder': true,
  'palette.close': true,
  'updates.restart': true,
} as const satisfies {
  [C in InvokeChannel as ParsedResultOf<C> extends void ? C : never]: true;
};

function isVoidResult(channel: InvokeChannel): boolean {
  return Object.prototype.hasOwnProperty.call(VOID_RESULTS, channel);
}

// ---------------------------------------------------------------------------------------------
// The api object
// ---------------------------------------------------------------------------------------------

export function createApi(transport: Transport): Api {
  const unreadable = () =>
    new ApiError({ code: 'AWS', message: 'The app sent an answer the window cannot read.' });

  /** Sends the payload (main checks it); the value of a successful envelope. */
  async function request<C extends InvokeChannel>(
    channel: C,
    payload: PayloadOf<C>,
  ): Promise<unknown> {
    let raw: unknown;
    try {
      raw = await transport.invoke(channel, payload);
    } catch {
      throw new ApiError({ code: 'NETWORK', message: 'The app did not answer. Try again.' });
    }
    const envelope = decodeEnvelope(raw);
    if (envelope === null) throw unreadable();
    if (!envelope.ok) throw new ApiError(envelope.error);
    return envelope.value;
  }

  async function call<C extends Exclude<InvokeChannel, 'accounts.list'>>(
    channel: C,
    payload: PayloadOf<C>,
  ): Promise<ParsedResultOf<C>> {
    const value = await request(channel, payload);
    return (isVoidResult(channel) ? undefined : value) as ParsedResultOf<C>;
  }

  /** The bulk list, its role names decoded. */
  async function listAccounts(p: PayloadOf<'accounts.list'>): Promise<AccountListView> {
    const list = decodeAccountList(await request('accounts.list', p));
    if (list === null) throw unreadable();
    return list;
  }

  function on<E extends Exclude<EventName, 'accounts'>>(event: E) {
    return (listener: (data: EventOf<E>) => void): (() => void) =>
      transport.subscribe(event, (data) => listener(data as EventOf<E>));
  }

  // An accounts event that cannot be decoded is dropped: the next snapshot corrects the window.
  function onAccounts(listener: (data: AccountsEventView) => void): () => void {
    return transport.subscribe('accounts', (data) => {
      const decoded = decodeAccountsEvent(data);
      if (decoded !== null) listener(decoded);
    });
  }

  return {
    getState: () => call('state.get', {}),
    addSession: (p) => call('sessions.add', p),
    adoptLegacySession: (p) => call('sessions.adoptLegacy', p),
    removeSession: (p) => call('sessions.remove', p),
    setActiveSession: (p) => call('sessions.setActive', p),
    login: (p) => call('auth.login', p),
    cancelLogin: (p) => call('auth.cancel', p),
    openVerification: (p) => call('auth.openVerification', p),
    logout: (p) => call('auth.logout', p),
    listAccounts,
    refreshAccounts: (p) => call('accounts.refresh', p),
    listRoles: (p) => call('roles.list', p),
    getCredentials: (p) => call('credentials.get', p),
    copyCredentials: (p) => call('credentials.copy', p),
    writeProfile: (p) => call('credentials.writeProfile', p),
    writeSsoProfile: (p) => call('credentials.writeSsoProfile', p),
    verifyCredentials: (p) => call('credentials.verify', p),
    openConsole: (p) => call('console.open', p),
    getConsoleSettings: (p) => call('console.getSettings', p),
    setConsoleSettings: (p) => call('console.setSettings', p),
    toggleFavourite: (p) => call('favourites.toggle', p),
    updateSettings: (p) => call('settings.update', p),
    hideWindow: () => call('window.hide', {}),
    openLogsFolder: () => call('logs.openFolder', {}),
    getEndpointLines: (p) => call('endpoint.lines', p),
    copyEndpointLines: (p) => call('endpoint.copy', p),
    closePalette: () => call('palette.close', {}),
    getStatus: () => call('status.get', {}),
    getProfileSettings: (p) => call('profiles.settings', p),
    previewProfiles: (p) => call('profiles.preview', p),
    writeProfiles: (p) => call('profiles.write', p),
    checkForUpdates: () => call('updates.check', {}),
    restartToUpdate: () => call('updates.restart', {}),
    postponeUpdate: (p) => call('updates.postpone', p),
    setUpdateOptions: (p) => call('updates.setOptions', p),
    onState: on('state'),
    onAuth: on('auth'),
    onAccounts,
    onCredentials: on('credentials'),
    onNotice: on('notice'),
    onNavigate: on('navigate'),
  };
}
