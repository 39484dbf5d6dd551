// What every request handler of the app core goes through, once: it waits until the core is
// ready (sessions and sign-in state loaded), and a failure is written to the log with the channel
// it came from before it goes back to the caller (the window, the tray, a notification).
import type { Handlers } from '../ipc/dispatch';
import type { InvokeChannel } from '../../../shared/ipc-contract';
import { isSsoTrayError } from '../errors';
import type { Logger } from '../log/logger';

/** Channels that answer without waiting for the core to be ready. */
const WITHOUT_READY: ReadonlySet<InvokeChannel> = new Set(['window.hide']);

/** Logs a handler's failure at the level its kind deserves (never the payload). */
function logFailure(log: Logger, channel: string, e: unknown): void {
  if (!isSsoTrayError(e)) {
    log.error('request failed unexpectedly', { channel, error: e });
    return;
  }
  switch (e.code) {
    case 'CANCELLED':
      log.debug('request cancelled', { channel });
      return;
    case 'INVALID_INPUT':
    case 'PROFILE_NOT_OURS':
    case 'NOT_SIGNED_IN':
    case 'SESSION_EXPIRED':
      log.info('request refused', { channel, error: e });
      return;
    default:
      log.warn('request failed', { channel, error: e });
  }
}

export function guardHandlers(raw: Handlers, ready: Promise<void>, log: Logger): Handlers {
  const guarded: Partial<Record<InvokeChannel, (payload: never) => Promise<unknown>>> = {};
  for (const channel of Object.keys(raw) as InvokeChannel[]) {
    const handler = raw[channel] as (payload: unknown) => unknown;
    guarded[channel] = async (payload: unknown) => {
      if (!WITHOUT_READY.has(channel)) await ready;
      try {
        return await handler(payload);
      } catch (e) {
        logFailure(log, channel, e);
        throw e;
      }
    };
  }
  return guarded as Handlers;
}
