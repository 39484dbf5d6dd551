// The window's side of the IPC contract: `createApi` turns a transport (Electron's ipcRenderer in
// the preload, HTTP in the web host's bridge) into `window.api`, one named function per request
// channel and one subscription per event. Every payload is checked before it leaves and every
// answer is parsed before the window sees it. The type of the api is derived from the contract's
// channel map, so a channel without a method (or a method without a channel) does not compile.
// Pure: zod only, no Node, DOM or Electron (the preload and the renderer both import it).
import { z } from 'zod';
import {
  describeIssues,
  envelopeSchema,
  eventChannels,
  invokeChannels,
  type EventName,
  type EventOf,
  type InvokeChannel,
  type ParsedResultOf,
  type PayloadOf,
} from './ipc-contract';
import {
  accountListSchema,
  accountsEventSchema,
  type AccountList,
  type AccountsEvent,
} from './ipc-views';
import { accountSchema, type Account, type ErrorCode, type ErrorInfo, type Role } from './schemas';

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
// Bulk data: shape-checked, not parsed with the full schema
// ---------------------------------------------------------------------------------------------

// Bulk data from main (10,000 accounts and their roles): main builds it from what it validated
// itself, so the window checks only its shape (types, no regexes) instead of every field with the
// full schema, which costs hundreds of ms at that size. The small fields still go through zod.
// Payloads are never trusted this way: main parses every one with the full schema.
// Role lists arrive as names by account id and are decoded here into `Role` objects.

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type FieldType = 'string' | 'number' | 'boolean';

/** The JS type of one field, read from its schema (its rules, such as regexes, are left out). */
function fieldType(field: string, schema: z.ZodType): { type: FieldType; optional: boolean } {
  if (schema instanceof z.ZodOptional) {
    return { type: fieldType(field, schema.unwrap() as z.ZodType).type, optional: true };
  }
  if (schema instanceof z.ZodString) return { type: 'string', optional: false };
  if (schema instanceof z.ZodNumber) return { type: 'number', optional: false };
  if (schema instanceof z.ZodBoolean) return { type: 'boolean', optional: false };
  // A field of another kind needs a check written for it: fail at load, not by letting it through.
  throw new Error(`The account list's shape check cannot check the ${field} field.`);
}

/** Every field of `accountSchema` and its type: a field the schema gains is checked too. */
const ACCOUNT_FIELDS = Object.entries(accountSchema.shape).map(([field, schema]) => ({
  field,
  ...fieldType(field, schema),
}));

function isAccountList(v: unknown): v is Account[] {
  if (!Array.isArray(v)) return false;
  for (const a of v as unknown[]) {
    if (!isRecord(a)) return false;
    for (const { field, type, optional } of ACCOUNT_FIELDS) {
      const value = a[field];
      if (typeof value !== type && !(optional && value === undefined)) return false;
    }
  }
  return true;
}

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

const accountListHead = accountListSchema.omit({ accounts: true, roles: true });
const accountsEventHead = accountsEventSchema.omit({ accounts: true, roles: true });

/** `accounts.list` result: zod for the small fields, a shape check and decoding for the lists. */
function parseAccountListResult(v: unknown): AccountListView | null {
  if (!isRecord(v) || !isAccountList(v.accounts)) return null;
  const head = accountListHead.safeParse(v);
  if (!head.success) return null;
  const roles = decodeRolesByAccount(v.roles);
  return roles === null ? null : { ...head.data, accounts: v.accounts, roles };
}

/** `accounts` event: zod for the small fields, a shape check and decoding for the lists. */
function parseAccountsEvent(v: unknown): AccountsEventView | null {
  if (!isRecord(v)) return null;
  if (v.accounts !== undefined && !isAccountList(v.accounts)) return null;
  const head = accountsEventHead.safeParse(v);
  if (!head.success) return null;
  const roles = decodeRolesByAccount(v.roles);
  if (roles === null) return null;
  const event: AccountsEventView = { ...head.data, roles };
  if (v.accounts !== undefined) event.accounts = v.accounts;
  return event;
}

// ---------------------------------------------------------------------------------------------
// The api object
// ---------------------------------------------------------------------------------------------

export function createApi(transport: Transport): Api {
  const unreadable = () =>
    new ApiError({ code: 'AWS', message: 'The app sent an answer the window cannot read.' });

  /** Sends a checked payload; the value of a successful envelope, not yet checked. */
  async function request<C extends InvokeChannel>(
    channel: C,
    payload: PayloadOf<C>,
  ): Promise<unknown> {
    const checked = invokeChannels[channel].payload.safeParse(payload);
    if (!checked.success) {
      throw new ApiError({ code: 'INVALID_INPUT', message: describeIssues(checked.error) });
    }
    let raw: unknown;
    try {
      raw = await transport.invoke(channel, checked.data);
    } catch {
      throw new ApiError({ code: 'NETWORK', message: 'The app did not answer. Try again.' });
    }
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) throw unreadable();
    if (!envelope.data.ok) throw new ApiError(envelope.data.error);
    return envelope.data.value;
  }

  async function call<C extends Exclude<InvokeChannel, 'accounts.list'>>(
    channel: C,
    payload: PayloadOf<C>,
  ): Promise<ParsedResultOf<C>> {
    const value = await request(channel, payload);
    const result = invokeChannels[channel].result.safeParse(value);
    if (!result.success) throw unreadable();
    return result.data as ParsedResultOf<C>;
  }

  /** The bulk list: shape-checked and its role names decoded, not parsed with the schema. */
  async function listAccounts(p: PayloadOf<'accounts.list'>): Promise<AccountListView> {
    const list = parseAccountListResult(await request('accounts.list', p));
    if (list === null) throw unreadable();
    return list;
  }

  // A malformed event is dropped: the next snapshot corrects the window.
  function on<E extends Exclude<EventName, 'accounts'>>(event: E) {
    return (listener: (data: EventOf<E>) => void): (() => void) =>
      transport.subscribe(event, (data) => {
        const parsed = eventChannels[event].safeParse(data);
        if (parsed.success) listener(parsed.data as EventOf<E>);
      });
  }

  function onAccounts(listener: (data: AccountsEventView) => void): () => void {
    return transport.subscribe('accounts', (data) => {
      const parsed = parseAccountsEvent(data);
      if (parsed !== null) listener(parsed);
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
