// Requests sent before the api exists. The window's entry sends its first two requests (the state
// snapshot and the first screen of accounts) before zod and the contract are loaded, so that
// evaluating them no longer holds the requests back; answers the page came with
// (lib/boot-answers) are put in as if they had been asked for. The api, once built over this
// transport, asks the transport to send each request: a request already sent (or answered by the
// page) with that channel and payload is not sent again, its answer is handed over (once) and
// decoded by the api like any other (main checked the payload and the result, either way). An
// answer nobody took within PREFETCH_TTL_MS is dropped.
// Imports types only from the contract: this module must not load zod.
import type { InvokeChannel } from '../../shared/ipc-contract';
import type { Transport } from '../../shared/ipc-renderer';

const PREFETCH_TTL_MS = 30_000;

export interface PrefetchingTransport extends Transport {
  /** Sends a request now; the api's first matching request takes its answer. */
  prefetch(channel: InvokeChannel, payload: Record<string, unknown>): void;
  /** An answer already here (the page's): the api's first matching request takes it, unsent. */
  seed(channel: InvokeChannel, payload: Record<string, unknown>, answer: unknown): void;
}

/** One key per channel and payload, whatever the order of the payload's fields. */
function keyOf(channel: string, payload: unknown): string {
  return `${channel} ${JSON.stringify(payload ?? {}, (_k, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )}`;
}

export function withPrefetch<T extends Transport>(
  inner: T,
  ttlMs = PREFETCH_TTL_MS,
): T & PrefetchingTransport {
  const sent = new Map<string, Promise<unknown>>();
  const keep = (key: string, answer: Promise<unknown>) => {
    sent.set(key, answer);
    setTimeout(() => {
      if (sent.get(key) === answer) sent.delete(key);
    }, ttlMs);
  };
  return {
    ...inner,
    prefetch(channel, payload) {
      const key = keyOf(channel, payload);
      if (sent.has(key)) return;
      const answer = inner.invoke(channel, payload);
      // Whoever takes it handles its failure.
      answer.catch(() => undefined);
      keep(key, answer);
    },
    seed(channel, payload, answer) {
      keep(keyOf(channel, payload), Promise.resolve(answer));
    },
    invoke(channel, payload) {
      const key = keyOf(channel, payload);
      const answer = sent.get(key);
      if (answer === undefined) return inner.invoke(channel, payload);
      sent.delete(key);
      return answer;
    },
    subscribe: (event, listener) => inner.subscribe(event, listener),
  };
}
