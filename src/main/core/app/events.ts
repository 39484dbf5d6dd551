// One subscription carries every state change to the window and the tray: whoever listens (the
// Electron IPC adapter, the web host's SSE stream, the tray) gets the same events in order. Every
// event is checked against its schema here, before any listener sees it (../ipc/outbound.ts):
// main is the trusted side, and the window only decodes what it receives.
import type { z } from 'zod';
import type { EventName, eventChannels } from '../../../shared/ipc-contract';
import { checkEvent } from '../ipc/outbound';

export type EventPayload<E extends EventName> = z.input<(typeof eventChannels)[E]>;

export type AppEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * Told of an event that did not match its schema and was not sent (a bug of the app); `reason`
 * says where and what kind of problem, never the value.
 */
export type RefusedEventListener = (event: EventName, reason: string) => void;

export class EventBus {
  private readonly listeners = new Set<AppEventListener>();

  constructor(private readonly onRefused: RefusedEventListener = () => undefined) {}

  subscribe(listener: AppEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Sends a checked event to every listener; one that breaks the contract goes to none. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = checkEvent(event, payload);
    if (!checked.ok) {
      this.onRefused(event, checked.reason);
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(event, checked.value as EventPayload<E>);
      } catch {
        // A broken listener (a closed stream) must not stop the others.
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
