// The part of the IPC contract that is not a request: the events main pushes to the window (each
// event's schema built when that event is first parsed) and the envelope every answer travels in.
// The request channels are in ./ipc-contract, which re-exports these. Pure: zod only, no Node,
// DOM or Electron.
import { z } from 'zod';
import {
  accountIdSchema,
  epochMsSchema,
  errorInfoSchema,
  roleNameSchema,
  sessionNameSchema,
  type ErrorInfo,
} from './schemas';
import { lazyEntries } from './lazy-entries';
import { accountsEventSchema, activeCredentialsSchema, stateSnapshotSchema } from './ipc-views';

/** How a sign-in runs: in the browser with a loopback redirect, or with a device code. */
export const LOGIN_FLOWS = ['pkce', 'device'] as const;
export type LoginFlow = (typeof LOGIN_FLOWS)[number];

const httpsOrLoopbackUrl = () =>
  z
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

// ---------------------------------------------------------------------------------------------
// Pushed events
// ---------------------------------------------------------------------------------------------

// The event schemas are built when their event first arrives (see `eventChannels`).
const authEventSchema = () =>
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('prompt'),
      session: sessionNameSchema,
      flow: z.enum(LOGIN_FLOWS),
      /** The page the user approves on (already opened in the browser by main). */
      url: httpsOrLoopbackUrl(),
      /** Shown for the device flow; the page asks the user to compare it. */
      userCode: z.string().max(64).optional(),
      /** When the sign-in request expires (epoch ms). */
      expiresAt: epochMsSchema.optional(),
    }),
    z.object({ type: z.literal('success'), session: sessionNameSchema, expiresAt: epochMsSchema }),
    z.object({ type: z.literal('failure'), session: sessionNameSchema, error: errorInfoSchema }),
  ]);
export type AuthEvent = z.infer<ReturnType<typeof authEventSchema>>;

const credentialsEventSchema = () => z.object({ credentials: z.array(activeCredentialsSchema) });

const noticeEventSchema = () =>
  z.object({
    level: z.enum(['info', 'success', 'warning', 'error']),
    message: z.string().min(1).max(500),
  });
export type NoticeEvent = z.infer<ReturnType<typeof noticeEventSchema>>;

const navigateEventSchema = () =>
  z.discriminatedUnion('to', [
    z.object({
      to: z.literal('accessKeys'),
      session: sessionNameSchema,
      accountId: accountIdSchema,
      roleName: roleNameSchema,
    }),
    z.object({ to: z.literal('settings') }),
    z.object({ to: z.literal('accounts') }),
    /** The quick pick's shortcut was pressed: show it, empty and focused. */
    z.object({ to: z.literal('palette') }),
  ]);
export type NavigateEvent = z.infer<ReturnType<typeof navigateEventSchema>>;

/** Each event's schema, built when that event is first parsed (the state's is needed at once). */
export const eventChannels = lazyEntries({
  state: () => stateSnapshotSchema,
  auth: authEventSchema,
  accounts: () => accountsEventSchema,
  credentials: credentialsEventSchema,
  notice: noticeEventSchema,
  navigate: navigateEventSchema,
});
export type EventName = keyof typeof eventChannels;
/** An event as the schema parses it (for `accounts`, the api delivers an `AccountsEventView`). */
export type EventOf<E extends EventName> = z.output<(typeof eventChannels)[E]>;

export { eventChannel } from './event-channel';

// ---------------------------------------------------------------------------------------------
// Envelopes
// ---------------------------------------------------------------------------------------------

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: errorInfoSchema }),
]);

/** The first problem of a payload that does not match its schema, in words (both sides say it). */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (first === undefined) return 'Invalid request.';
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return `Invalid request: ${where}${first.message}`;
}
