// One subscription carries every state change to the window and the tray: whoever listens (the
// Electron IPC adapter, the web host's SSE stream, the tray) gets the same events in order.
import type { z } from 'zod';
import type { EventName, eventChannels } from '../../../shared/ipc-contract';

export type EventPayload<E extends EventName> = z.input<(typeof eventChannels)[E]>;

export type AppEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class EventBus {
  private readonly listeners = new Set<AppEventListener>();

  subscribe(listener: AppEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, payload);
      } catch {
        // A broken listener (a closed stream) must not stop the others.
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
