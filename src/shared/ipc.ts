// The IPC contract between the window (renderer) and the app (Electron main or the web host).
// One map of request channels (payload and result schemas) and one map of pushed events. Both
// sides parse with these schemas, so the type of `window.api` and the checks in main can never
// drift apart. Pure: zod only, no Node, DOM or Electron.
import { z } from 'zod';
import {
  accountIdSchema,
  accountSchema,
  errorInfoSchema,
  ERROR_CODES,
  newSessionNameSchema,
  profileNameSchema,
  recentSchema,
  regionSchema,
  roleCredentialsSchema,
  roleNameSchema,
  roleRefSchema,
  roleSchema,
  sessionNameSchema,
  startUrlSchema,
  type Account,
  type ErrorCode,
  type ErrorInfo,
  type Role,
} from './schemas';

// The domain rules (names, ids, URLs) live in ./schemas; re-exported for the contract's users.
export {
  accountIdSchema,
  accountSchema,
  errorInfoSchema,
  newSessionNameSchema,
  profileNameSchema,
  recentSchema,
  regionSchema,
  roleCredentialsSchema,
  roleNameSchema,
  roleRefSchema,
  roleSchema,
  sessionNameSchema,
  startUrlSchema,
  type Recent,
  type RoleRef,
} from './schemas';

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const epochMs = z.number().int().nonnegative();
const httpsOrLoopbackUrl = z
  .string()
  .max(4096)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname));
    } catch {
      return false;
    }
  }, 'Not an https URL');

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

export const PLATFORMS = ['darwin', 'win32', 'linux'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const SESSION_STATUSES = ['signed-out', 'signed-in', 'expired', 'signing-in'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_KINDS = ['sso-session', 'legacy'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const sessionViewSchema = z.object({
  name: sessionNameSchema,
  startUrl: startUrlSchema,
  region: regionSchema,
  status: z.enum(SESSION_STATUSES),
  /** When the sign-in ends (epoch ms); null when unknown or signed out. */
  expiresAt: epochMs.nullable(),
  /**
   * `sso-session`: an `[sso-session]` of the config file. `legacy`: the start URL of legacy SSO
   * profiles (sso_start_url in the profile, no sso_session), which the window offers to turn into
   * an `[sso-session]`.
   */
  kind: z.enum(SESSION_KINDS),
  /** For a legacy session: the profiles that use its start URL (at most 50 listed). */
  profiles: z.array(z.string().max(100)).max(50),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const THEMES = ['system', 'light', 'dark'] as const;
export const settingsViewSchema = z.object({
  /** Minutes before an expiry at which to warn, largest first. */
  thresholdsMinutes: z
    .array(
      z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    )
    .max(5),
  /** Seconds after which copied secrets are cleared from the clipboard; 0 = never. */
  clipboardClearSeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600),
  /** Keep profiles written by the app refreshed while the session lasts. */
  autoRefreshProfiles: z.boolean(),
  launchAtLogin: z.boolean(),
  theme: z.enum(THEMES),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** Something in the config file SSO Tray cannot use, and how to fix it (never fatal). */
export const configIssueSchema = z.object({
  /** The section as written (e.g. `sso-session has space`); null for the whole file. */
  section: z.string().max(200).nullable(),
  /** botocore's name for the session of that section, when it has one. */
  session: z.string().max(300).optional(),
  /** 1-based line; 0 when the file could not be read at all. */
  line: z.number().int().nonnegative(),
  reason: z.string().max(600),
  fix: z.string().max(1000),
});
export type ConfigIssueView = z.infer<typeof configIssueSchema>;

/** Role credentials the user copied or wrote, whose expiry the app counts down. No secrets. */
export const activeCredentialsSchema = z.object({
  session: sessionNameSchema,
  accountId: accountIdSchema,
  roleName: roleNameSchema,
  source: z.enum(['copied', 'written']),
  expiresAt: epochMs,
  profileName: profileNameSchema.optional(),
});
export type ActiveCredentials = z.infer<typeof activeCredentialsSchema>;

export const stateSnapshotSchema = z.object({
  platform: z.enum(PLATFORMS),
  sessions: z.array(sessionViewSchema),
  /** The config file the sessions come from (AWS_CONFIG_FILE or ~/.aws/config). */
  configFile: z.string().max(4096),
  /** Sections of it that cannot be used, with reasons; every other session still works. */
  configIssues: z.array(configIssueSchema).max(100),
  /** Where the app's log is (shown in Settings and in unexpected-error messages); null: none. */
  logsLocation: z.string().max(4096).nullable(),
  activeSession: sessionNameSchema.nullable(),
  settings: settingsViewSchema,
  favourites: z.array(roleRefSchema),
  /** Most recent first. */
  recents: z.array(recentSchema),
  credentials: z.array(activeCredentialsSchema),
});
export type StateSnapshot = z.infer<typeof stateSnapshotSchema>;

/**
 * Role names by account id. On the wire a role is only its name: repeating the account id in
 * every role object made a 10,000-account list 3.4 MB instead of 2 MB. The window's api decodes
 * the names back into `Role` objects (`AccountListView`, `AccountsEventView`).
 */
const rolesByAccount = z.record(accountIdSchema, z.array(roleNameSchema));

export const accountListSchema = z.object({
  accounts: z.array(accountSchema),
  /** Roles of the accounts whose roles are known so far (missing key = not loaded yet). */
  roles: rolesByAccount,
  fromCache: z.boolean(),
  /** When the list was last fetched from the portal (epoch ms); null if never. */
  updatedAt: epochMs.nullable(),
  /** A background load of this session is under way (progress follows as `accounts` events). */
  loading: z.boolean(),
  /**
   * How many accounts the whole list has. Equal to `accounts.length` unless the request asked for
   * only the `first` ones (the window's first screen, sent ahead of the whole list).
   */
  total: z.number().int().nonnegative(),
});
/** The `accounts.list` result as main sends it (role names). */
export type AccountList = z.infer<typeof accountListSchema>;
/** The `accounts.list` result as the window's api delivers it (roles decoded into objects). */
export type AccountListView = Omit<AccountList, 'roles'> & { roles: Record<string, Role[]> };

// ---------------------------------------------------------------------------------------------
// Request channels
// ---------------------------------------------------------------------------------------------

const none = z.object({}).strict();
/** A result with no value: `{ok:true}` or `{ok:true, value:null}`. */
const nothing = z
  .null()
  .optional()
  .transform((): void => undefined);
const session = z.object({ session: sessionNameSchema }).strict();
/** The largest first screen `accounts.list` serves ahead of the whole list. */
export const MAX_FIRST_ACCOUNTS = 1000;
const roleTarget = z
  .object({ session: sessionNameSchema, accountId: accountIdSchema, roleName: roleNameSchema })
  .strict();

export const COPY_KINDS = [
  'env-macos',
  'env-windows',
  'env-powershell',
  'profile',
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
] as const;
export type CopyKind = (typeof COPY_KINDS)[number];

export const LOGIN_FLOWS = ['pkce', 'device'] as const;
export type LoginFlow = (typeof LOGIN_FLOWS)[number];

export const invokeChannels = {
  'state.get': { payload: none, result: stateSnapshotSchema },
  'sessions.add': {
    payload: z
      .object({
        name: newSessionNameSchema.optional(),
        startUrl: startUrlSchema,
        region: regionSchema,
      })
      .strict(),
    result: sessionViewSchema,
  },
  /** Adds an `[sso-session]` for a legacy session's start URL (the legacy profiles stay). */
  'sessions.adoptLegacy': {
    payload: session.extend({ name: newSessionNameSchema.optional() }).strict(),
    result: sessionViewSchema,
  },
  'sessions.remove': { payload: session, result: nothing },
  /** Makes a session the one the window and tray show. */
  'sessions.setActive': { payload: session, result: nothing },
  /** Starts signing in and returns at once; progress arrives as `auth` events. */
  'auth.login': {
    payload: session.extend({ flow: z.enum(LOGIN_FLOWS).optional() }).strict(),
    result: nothing,
  },
  'auth.cancel': { payload: session, result: nothing },
  /** Opens the sign-in (verification) page in the browser again. */
  'auth.openVerification': { payload: session, result: nothing },
  'auth.logout': { payload: session, result: nothing },
  /** The last known list at once (from the cache when there is one); refreshes in background. */
  /**
   * The accounts in display order (src/shared/account-order.ts) and the roles known so far. With
   * `first`, only that many accounts (and their roles): the first screen, ahead of the rest.
   */
  'accounts.list': {
    payload: session
      .extend({ first: z.number().int().min(1).max(MAX_FIRST_ACCOUNTS).optional() })
      .strict(),
    result: accountListSchema,
  },
  /** Fetches accounts and roles again; progress arrives as `accounts` events. */
  'accounts.refresh': { payload: session, result: nothing },
  'roles.list': {
    payload: session.extend({ accountId: accountIdSchema }).strict(),
    result: z.array(roleSchema),
  },
  'credentials.get': {
    payload: roleTarget.extend({ forceRefresh: z.boolean().optional() }).strict(),
    result: roleCredentialsSchema,
  },
  /** Main formats the cached credentials and writes the clipboard; no secret travels back. */
  'credentials.copy': {
    payload: roleTarget
      .extend({ what: z.enum(COPY_KINDS), profileName: profileNameSchema.optional() })
      .strict(),
    /** When the clipboard will be cleared (epoch ms), if it will. */
    result: z.object({ clearsAt: epochMs.optional() }),
  },
  /**
   * Writes the role's credentials as a profile of the credentials file. A profile SSO Tray did
   * not write is refused with PROFILE_NOT_OURS unless `replace` (the user confirmed).
   */
  'credentials.writeProfile': {
    payload: roleTarget
      .extend({
        profileName: profileNameSchema,
        autoRefresh: z.boolean().optional(),
        replace: z.boolean().optional(),
      })
      .strict(),
    result: z.object({
      path: z.string().min(1),
      profileName: profileNameSchema,
      expiresAt: epochMs,
    }),
  },
  /**
   * Writes an `sso_session`-based profile into the config file (refreshes by itself). A profile
   * SSO Tray did not write is refused with PROFILE_NOT_OURS unless `replace` (the user confirmed).
   */
  'credentials.writeSsoProfile': {
    payload: roleTarget
      .extend({
        profileName: profileNameSchema.optional(),
        region: regionSchema.optional(),
        replace: z.boolean().optional(),
      })
      .strict(),
    result: z.object({ path: z.string().min(1), profileName: profileNameSchema }),
  },
  /** STS GetCallerIdentity with the role's credentials. */
  'credentials.verify': {
    payload: roleTarget,
    result: z.object({ arn: z.string().min(1), account: z.string(), userId: z.string() }),
  },
  'console.open': { payload: roleTarget, result: nothing },
  'favourites.toggle': {
    payload: roleTarget.extend({ accountName: z.string().max(256).optional() }).strict(),
    result: z.object({ favourite: z.boolean() }),
  },
  'settings.update': {
    payload: z.object({ patch: settingsViewSchema.partial().strict() }).strict(),
    result: settingsViewSchema,
  },
  'window.hide': { payload: none, result: nothing },
  /** Opens the folder of the app's log in the file manager. */
  'logs.openFolder': { payload: none, result: nothing },
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type PayloadOf<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['payload']>;
export type ParsedPayloadOf<C extends InvokeChannel> = z.output<
  (typeof invokeChannels)[C]['payload']
>;
/** What the main side returns (before the envelope). */
export type ResultOf<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['result']>;
/**
 * What the result schema yields: what the renderer receives, except `accounts.list`, whose role
 * names the api decodes into an `AccountListView`.
 */
export type ParsedResultOf<C extends InvokeChannel> = z.output<
  (typeof invokeChannels)[C]['result']
>;

export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.prototype.hasOwnProperty.call(invokeChannels, name);
}

// ---------------------------------------------------------------------------------------------
// Pushed events
// ---------------------------------------------------------------------------------------------

export const authEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('prompt'),
    session: sessionNameSchema,
    flow: z.enum(LOGIN_FLOWS),
    /** The page the user approves on (already opened in the browser by main). */
    url: httpsOrLoopbackUrl,
    /** Shown for the device flow; the page asks the user to compare it. */
    userCode: z.string().max(64).optional(),
    /** When the sign-in request expires (epoch ms). */
    expiresAt: epochMs.optional(),
  }),
  z.object({ type: z.literal('success'), session: sessionNameSchema, expiresAt: epochMs }),
  z.object({ type: z.literal('failure'), session: sessionNameSchema, error: errorInfoSchema }),
]);
export type AuthEvent = z.infer<typeof authEventSchema>;

export const accountsEventSchema = z.object({
  session: sessionNameSchema,
  /** The whole account list when it changed; absent when only roles filled in. */
  accounts: z.array(accountSchema).optional(),
  /** Role lists that arrived since the last event, to merge into what the window holds. */
  roles: rolesByAccount,
  progress: z.object({
    rolesLoaded: z.number().int().nonnegative(),
    accounts: z.number().int().nonnegative(),
  }),
  /** True while the background load goes on. */
  loading: z.boolean(),
  updatedAt: epochMs.nullable().optional(),
  /** A background failure (never THROTTLED: background loading retries those quietly). */
  error: errorInfoSchema.optional(),
});
/** The `accounts` event as main sends it (role names). */
export type AccountsEvent = z.infer<typeof accountsEventSchema>;
/** The `accounts` event as the window's api delivers it (roles decoded into objects). */
export type AccountsEventView = Omit<AccountsEvent, 'roles'> & { roles: Record<string, Role[]> };

export const credentialsEventSchema = z.object({ credentials: z.array(activeCredentialsSchema) });

export const noticeEventSchema = z.object({
  level: z.enum(['info', 'success', 'warning', 'error']),
  message: z.string().min(1).max(500),
});
export type NoticeEvent = z.infer<typeof noticeEventSchema>;

export const navigateEventSchema = z.discriminatedUnion('to', [
  z.object({
    to: z.literal('accessKeys'),
    session: sessionNameSchema,
    accountId: accountIdSchema,
    roleName: roleNameSchema,
  }),
  z.object({ to: z.literal('settings') }),
  z.object({ to: z.literal('accounts') }),
]);
export type NavigateEvent = z.infer<typeof navigateEventSchema>;

export const eventChannels = {
  state: stateSnapshotSchema,
  auth: authEventSchema,
  accounts: accountsEventSchema,
  credentials: credentialsEventSchema,
  notice: noticeEventSchema,
  navigate: navigateEventSchema,
} as const;
export type EventName = keyof typeof eventChannels;
/** An event as the schema parses it (for `accounts`, the api delivers an `AccountsEventView`). */
export type EventOf<E extends EventName> = z.output<(typeof eventChannels)[E]>;

/** The IPC channel name an event travels on in Electron (requests use their own names). */
export const eventChannel = (name: EventName): string => `event:${name}`;

// ---------------------------------------------------------------------------------------------
// Envelopes and the main-side dispatcher
// ---------------------------------------------------------------------------------------------

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: errorInfoSchema }),
]);

/** One implementation per channel; shared by the Electron IPC handlers and the web host. */
export type Handlers = {
  [C in InvokeChannel]: (payload: ParsedPayloadOf<C>) => Promise<ResultOf<C>> | ResultOf<C>;
};

export const UNEXPECTED_MESSAGE = 'Something went wrong. Try again.';

/**
 * Turns anything thrown into ErrorInfo; only errors that carry a known code keep a message. The
 * others get `unexpected` (a host may say there where its log is).
 */
export function toErrorInfo(e: unknown, unexpected: string = UNEXPECTED_MESSAGE): ErrorInfo {
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    if (
      typeof code === 'string' &&
      (ERROR_CODES as readonly string[]).includes(code) &&
      typeof message === 'string'
    ) {
      return { code: code as ErrorCode, message };
    }
  }
  // Unknown errors may quote anything (even a token): never pass their text on.
  return { code: 'AWS', message: unexpected };
}

/** What a host wants to hear of the requests it dispatches (its log), and its wording. */
export interface DispatchOptions {
  /** A request refused before its handler ran: unknown channel or invalid payload. */
  onRefused?: (channel: string, reason: string) => void;
  /** A handler failed (the error before it becomes an envelope). */
  onError?: (channel: string, error: unknown) => void;
  /** The message for errors the app does not recognise (default UNEXPECTED_MESSAGE). */
  unexpectedMessage?: string;
}

/**
 * Validates a request and runs its handler. Never throws: every outcome is an envelope.
 * The caller checks the sender before calling this.
 */
export async function dispatchInvoke(
  handlers: Handlers,
  channel: string,
  rawPayload: unknown,
  options: DispatchOptions = {},
): Promise<Envelope<unknown>> {
  if (!isInvokeChannel(channel)) {
    options.onRefused?.(channel.slice(0, 100), 'unknown channel');
    return { ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown request.' } };
  }
  const parsed = invokeChannels[channel].payload.safeParse(rawPayload ?? {});
  if (!parsed.success) {
    const message = describeIssues(parsed.error);
    options.onRefused?.(channel, message);
    return { ok: false, error: { code: 'INVALID_INPUT', message } };
  }
  try {
    const handler = handlers[channel] as (p: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value: value === undefined ? null : value };
  } catch (e) {
    options.onError?.(channel, e);
    return { ok: false, error: toErrorInfo(e, options.unexpectedMessage) };
  }
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (first === undefined) return 'Invalid request.';
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return `Invalid request: ${where}${first.message}`;
}

// ---------------------------------------------------------------------------------------------
// The api object: one named function per channel
// ---------------------------------------------------------------------------------------------

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

// Bulk data from main (10,000 accounts and their roles): main builds it from what it validated
// itself, so the window checks only its shape (types, no regexes) instead of every field with the
// full schema, which costs hundreds of ms at that size. The small fields still go through zod.
// Payloads are never trusted this way: main parses every one with the full schema.
// Role lists arrive as names by account id and are decoded here into `Role` objects.

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isAccountList(v: unknown): v is Account[] {
  if (!Array.isArray(v)) return false;
  for (const a of v as unknown[]) {
    if (
      !isRecord(a) ||
      typeof a.accountId !== 'string' ||
      typeof a.accountName !== 'string' ||
      typeof a.emailAddress !== 'string'
    ) {
      return false;
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
export function parseAccountListResult(v: unknown): AccountListView | null {
  if (!isRecord(v) || !isAccountList(v.accounts)) return null;
  const head = accountListHead.safeParse(v);
  if (!head.success) return null;
  const roles = decodeRolesByAccount(v.roles);
  return roles === null ? null : { ...head.data, accounts: v.accounts, roles };
}

/** `accounts` event: zod for the small fields, a shape check and decoding for the lists. */
export function parseAccountsEvent(v: unknown): AccountsEventView | null {
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

export function createApi(transport: Transport) {
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
    addSession: (p: PayloadOf<'sessions.add'>) => call('sessions.add', p),
    adoptLegacySession: (p: PayloadOf<'sessions.adoptLegacy'>) => call('sessions.adoptLegacy', p),
    removeSession: (p: PayloadOf<'sessions.remove'>) => call('sessions.remove', p),
    setActiveSession: (p: PayloadOf<'sessions.setActive'>) => call('sessions.setActive', p),
    login: (p: PayloadOf<'auth.login'>) => call('auth.login', p),
    cancelLogin: (p: PayloadOf<'auth.cancel'>) => call('auth.cancel', p),
    openVerification: (p: PayloadOf<'auth.openVerification'>) => call('auth.openVerification', p),
    logout: (p: PayloadOf<'auth.logout'>) => call('auth.logout', p),
    listAccounts,
    refreshAccounts: (p: PayloadOf<'accounts.refresh'>) => call('accounts.refresh', p),
    listRoles: (p: PayloadOf<'roles.list'>) => call('roles.list', p),
    getCredentials: (p: PayloadOf<'credentials.get'>) => call('credentials.get', p),
    copyCredentials: (p: PayloadOf<'credentials.copy'>) => call('credentials.copy', p),
    writeProfile: (p: PayloadOf<'credentials.writeProfile'>) => call('credentials.writeProfile', p),
    writeSsoProfile: (p: PayloadOf<'credentials.writeSsoProfile'>) =>
      call('credentials.writeSsoProfile', p),
    verifyCredentials: (p: PayloadOf<'credentials.verify'>) => call('credentials.verify', p),
    openConsole: (p: PayloadOf<'console.open'>) => call('console.open', p),
    toggleFavourite: (p: PayloadOf<'favourites.toggle'>) => call('favourites.toggle', p),
    updateSettings: (p: PayloadOf<'settings.update'>) => call('settings.update', p),
    hideWindow: () => call('window.hide', {}),
    openLogsFolder: () => call('logs.openFolder', {}),
    onState: on('state'),
    onAuth: on('auth'),
    onAccounts,
    onCredentials: on('credentials'),
    onNotice: on('notice'),
    onNavigate: on('navigate'),
  };
}

export type Api = ReturnType<typeof createApi>;
