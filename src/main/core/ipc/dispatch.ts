// Main's side of the IPC contract (src/shared/ipc-contract.ts): the handler table it implements
// and the decision every request goes through, in order: is the sender the app's own top-level
// page? (checked FIRST, before a single byte of the payload is looked at), does the payload match
// the channel's schema, then the handler, then does its result match the channel's result schema
// (./outbound.ts: main checks what it sends, the window only decodes it); every outcome is an
// envelope. Pure, so the Electron
// registration in src/main/electron/ipc.ts stays a one-liner per channel, and the web host
// dispatches through the same function.
import {
  describeIssues,
  invokeChannels,
  type Envelope,
  type InvokeChannel,
  type ParsedPayloadOf,
  type ResultOf,
} from '../../../shared/ipc-contract';
import { ERROR_CODES, type ErrorCode, type ErrorInfo } from '../../../shared/schemas';
import { isTrustedSender } from '../security/web-security';
import { appErrorMessage } from './app-wording';
import { checkResult } from './outbound';

/**
 * One implementation per channel of the contract: the platform-free app core's handler table,
 * shared by the Electron IPC handlers and the web host.
 */
export type Handlers = {
  [C in InvokeChannel]: (payload: ParsedPayloadOf<C>) => Promise<ResultOf<C>> | ResultOf<C>;
};

export interface SenderInfo {
  /** `event.senderFrame.url`; null when the frame is gone (navigated or destroyed). */
  url: string | null | undefined;
  /** Whether the frame is the top-level frame of its page (`senderFrame.parent === null`). */
  isTopFrame: boolean;
}

export const UNTRUSTED_SENDER: Envelope<never> = {
  ok: false,
  error: { code: 'INVALID_INPUT', message: 'Request refused: it did not come from SSO Tray.' },
};

export const INVOKE_CHANNELS = Object.keys(invokeChannels) as InvokeChannel[];

function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.prototype.hasOwnProperty.call(invokeChannels, name);
}

export const UNEXPECTED_MESSAGE = 'Something went wrong. Try again.';

/**
 * Turns anything thrown into ErrorInfo; only errors that carry a known code keep a message (with
 * the app's advice, app-wording.ts). The others get `unexpected` (a host may say there where its
 * log is).
 */
export function toErrorInfo(e: unknown, unexpected: string = UNEXPECTED_MESSAGE): ErrorInfo {
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    if (
      typeof code === 'string' &&
      (ERROR_CODES as readonly string[]).includes(code) &&
      typeof message === 'string'
    ) {
      return {
        code: code as ErrorCode,
        message: appErrorMessage(e as { code: ErrorCode; message: string }),
      };
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
  /**
   * A handler's result did not match its channel's result schema and was not sent (a bug of the
   * app). `reason` says where and what kind of problem, never the value.
   */
  onBadResult?: (channel: string, reason: string) => void;
  /** The message for errors the app does not recognise (default UNEXPECTED_MESSAGE). */
  unexpectedMessage?: string;
}

/** What the window is told when main refuses to send a result: the channel, never the data. */
export function badResultError(channel: InvokeChannel): ErrorInfo {
  return {
    code: 'INTERNAL',
    message: `SSO Tray could not answer this request (${channel}): its answer did not match the app's own contract, so it was not sent. This is a bug; the log has the details.`,
  };
}

/**
 * Validates a request, runs its handler and checks its result. Never throws: every outcome is an envelope. The
 * caller checks the sender first (handleIpc below; the web host serves only its own page).
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
    const result = checkResult(channel, await handler(parsed.data));
    if (!result.ok) {
      options.onBadResult?.(channel, result.reason);
      return { ok: false, error: badResultError(channel) };
    }
    return { ok: true, value: result.value === undefined ? null : result.value };
  } catch (e) {
    options.onError?.(channel, e);
    return { ok: false, error: toErrorInfo(e, options.unexpectedMessage) };
  }
}

/**
 * Handles one request. Never throws and never echoes the payload: errors carry a code and a
 * fixed or schema-derived message; unknown errors become a generic message (no stack trace).
 */
export async function handleIpc(
  channel: string,
  sender: SenderInfo,
  payload: unknown,
  handlers: Handlers,
  appOrigin: string,
  options: DispatchOptions = {},
): Promise<Envelope<unknown>> {
  try {
    if (!isTrustedSender(sender.url, appOrigin, { isTopFrame: sender.isTopFrame })) {
      options.onRefused?.(channel.slice(0, 100), 'the sender is not the app window');
      return UNTRUSTED_SENDER;
    }
    return await dispatchInvoke(handlers, channel, payload, options);
  } catch {
    return { ok: false, error: { code: 'AWS', message: UNEXPECTED_MESSAGE } };
  }
}
