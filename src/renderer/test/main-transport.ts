// A transport that answers through main's real dispatcher (payloads and results checked there, as
// in the app), for tests of what the window does with main's answers and refusals.
import { vi } from 'vitest';
import { dispatchInvoke, type Handlers } from '../../main/core/ipc/dispatch';
import type { InvokeChannel } from '../../shared/ipc-contract';
import type { Transport } from '../../shared/ipc-renderer';

export function mainTransport(handlers: Partial<Handlers>) {
  const invoke = vi.fn((channel: InvokeChannel, payload: unknown) =>
    dispatchInvoke(handlers as Handlers, channel, payload),
  );
  const transport: Transport = { invoke, subscribe: () => () => undefined };
  return { transport, invoke };
}
