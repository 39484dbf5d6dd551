// The decision every IPC request goes through in main, in order: is the sender the app's own
// top-level page? (checked FIRST, before a single byte of the payload is looked at), does the
// payload match the channel's schema, then the handler; every outcome is an envelope. Pure, so
// the Electron registration in src/main/electron/ipc.ts stays a one-liner per channel.
import {
  dispatchInvoke,
  invokeChannels,
  type DispatchOptions,
  type Envelope,
  type Handlers as ContractHandlers,
  type InvokeChannel,
} from '../../../shared/ipc';
import { isTrustedSender } from '../security/web-security';

/** The platform-free app core implements one function per channel of the contract. */
export type Handlers = ContractHandlers;

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
    return { ok: false, error: { code: 'AWS', message: 'Something went wrong. Try again.' } };
  }
}
