// The one controller every portal call goes through. It decides when each request
// may start from what the server shows, never from a rate fixed in advance:
//
// - Concurrency. Until the server throttles, an operation's requests go out in rounds that double
//   (8, 16, 32, 64 in flight, like TCP slow start) as long as a round's latency stays near the
//   lowest latency seen, and then run continuously at the cap. A round only starts once the one
//   before has answered, so a first 429 is seen before the next, bigger round is sent. After
//   that the window shrinks when latency climbs, but keeps the smaller size only if latency fell
//   with it (queueing behind its own requests), not when the rise came from elsewhere.
// - Rate. The first 429 of an operation switches it to pacing. Each 429 marks a moment when the
//   server's token bucket was empty, so between two 429s it accepted its refill rate times the
//   time between them, give or take one request: every pair of 429s bounds the rate from below
//   and above. When the server decided a 429 is only known within an interval (from the
//   request's start plus the lowest latency to the reading of its answer), and the bounds use the
//   ends of those intervals. Requests are spaced at the upper bound (the bucket stays drained,
//   the fastest the server allows) from a model of the server's bucket that each 429 resets: empty
//   when the throttled request arrived, refilled since by as long as its answer took to come
//   back (a request started now takes as long to arrive), less what was started after it, less a
//   fraction of a token kept in hand; until a pair bounds the rate, the pace doubles every second.
//   With nothing throttled for a while the pace creeps up a little (a gentle probe); when more
//   gets through than the upper bound allows, the rate has risen and the operation searches again
//   from a small window. Bounds that contradict older ones mean the rate fell: the older 429s are
//   forgotten. After a stall of the client, the pace may catch up on what the server's bucket
//   kept for it.
// - The tail. When fewer requests wait than the server could take during one retry delay, the
//   pace drops to the lower bound: a 429 there would only add its retry delay to the end.
//
// Each operation (ListAccounts, ListAccountRoles, …) has its own pacing, as AWS throttles each API
// on its own; the cap on requests in flight is shared. Nothing busy-waits: requests sleep on an
// injectable clock.

import { systemClock, type SleepClock } from '../clock';
import {
  adjustWindow,
  checkRise,
  endRound,
  noteAnswered,
  onThrottle,
  reopen,
  type Limits,
} from './limiter-learning';
import {
  IDLE_MS,
  Operation,
  type Permit,
  type RequestResult,
  type Round,
  type Sent,
  type Waiter,
} from './limiter-operation';

export type { Permit, RequestResult } from './limiter-operation';
export { GiveUpError, runLimited, type Outcome, type RetryPolicy } from './run-limited';

/** The part of the core's one clock (../clock.ts) the limiter needs. */
export type Clock = SleepClock;
export { systemClock };

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new Error('aborted');
}

export interface RateLimiterOptions {
  clock?: Clock;
  /** Most requests in flight at once, over every operation (default 64). */
  maxConcurrency?: number;
  /** Requests of an operation in its first round (default 8). */
  initialWindow?: number;
}

export interface OperationStats {
  mode: 'open' | 'paced';
  /** Requests per second while paced (null while not paced). */
  rate: number | null;
  /** What the 429s so far say about the server's rate: lower and upper bound (req/s). */
  bounds: { lower: number; upper: number } | null;
  /** Most requests in flight for this operation while not paced. */
  window: number;
  inFlight: number;
  waiting: number;
  ok: number;
  throttled: number;
  failed: number;
}

export interface RateLimiterStats {
  inFlight: number;
  successes: number;
  throttles: number;
  operations: Record<string, OperationStats>;
}

export class RateLimiter implements Limits {
  readonly clock: Clock;
  /** Most requests in flight at once, over every operation. */
  readonly maxConcurrency: number;
  readonly initialWindow: number;
  private readonly operations = new Map<string, Operation>();
  private inFlight = 0;
  private successes = 0;
  private throttles = 0;
  private pumping = false;
  /** Time of the last success, for "still making progress" decisions. */
  lastSuccessAt = -Infinity;

  constructor(opts: RateLimiterOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.maxConcurrency = Math.max(1, Math.floor(opts.maxConcurrency ?? 64));
    this.initialWindow = Math.max(
      1,
      Math.min(this.maxConcurrency, Math.floor(opts.initialWindow ?? 8)),
    );
  }

  stats(): RateLimiterStats {
    const operations: Record<string, OperationStats> = {};
    const now = this.clock.now();
    for (const [name, op] of this.operations) {
      operations[name] = {
        mode: op.mode,
        rate: op.mode === 'paced' ? op.rate(now) : null,
        bounds: op.events.length > 1 ? { lower: op.lower, upper: op.upper } : null,
        window: op.growing ? op.round.quota : op.window,
        inFlight: op.inFlight,
        waiting: op.waiters.length,
        ok: op.ok,
        throttled: op.throttles,
        failed: op.failed,
      };
    }
    return {
      inFlight: this.inFlight,
      successes: this.successes,
      throttles: this.throttles,
      operations,
    };
  }

  private operation(name: string): Operation {
    let op = this.operations.get(name);
    if (!op) {
      op = new Operation(name, this.initialWindow);
      this.operations.set(name, op);
    }
    return op;
  }

  /**
   * Waits until a request of `operation` may start and returns its permit; report the outcome
   * through `permit.done` exactly once.
   */
  acquire(operation = 'default', signal?: AbortSignal): Promise<Permit> {
    const op = this.operation(operation);
    return new Promise<Permit>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const onAbort = (): void => {
        const i = op.waiters.indexOf(waiter);
        if (i >= 0) op.waiters.splice(i, 1);
        reject(abortReason(signal));
        this.pump();
      };
      const waiter: Waiter = {
        grant: (permit) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(permit);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      op.waiters.push(waiter);
      this.pump();
    });
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      const now = this.clock.now();
      let progress = true;
      while (progress && this.inFlight < this.maxConcurrency) {
        progress = false;
        for (const op of this.operations.values()) {
          if (op.waiters.length === 0 || this.inFlight >= this.maxConcurrency) continue;
          if (this.mayStart(op, now)) {
            this.start(op, now);
            progress = true;
          }
        }
      }
      for (const op of this.operations.values()) {
        if (op.waiters.length > 0 && op.mode === 'paced' && !op.hold) this.wakeWhenReady(op, now);
      }
    } finally {
      this.pumping = false;
    }
  }

  private mayStart(op: Operation, now: number): boolean {
    if (op.mode === 'paced' && op.inFlight === 0 && now - op.lastActiveAt >= IDLE_MS) {
      reopen(op, now, { rate: op.base, at: op.lastActiveAt }, this);
    }
    if (op.mode === 'open') {
      return op.growing ? op.round.sent < op.round.quota : op.inFlight < op.window;
    }
    if (op.hold) return false;
    op.refill(now);
    return op.level >= 1;
  }

  private start(op: Operation, now: number): void {
    const waiter = op.waiters.shift() as Waiter;
    op.inFlight++;
    this.inFlight++;
    op.lastActiveAt = now;
    const sent = op.noteSent(now);
    let round: Round | undefined;
    if (op.mode === 'open' && op.growing) {
      round = op.round;
      round.sent++;
      round.outstanding++;
    } else if (op.mode === 'paced') {
      op.level -= 1;
    }
    let finished = false;
    waiter.grant({
      done: (result, retryAfterMs) => {
        if (finished) return;
        finished = true;
        this.finish(op, round, sent, result, retryAfterMs);
      },
    });
  }

  private finish(
    op: Operation,
    round: Round | undefined,
    sent: Sent,
    result: RequestResult,
    retryAfterMs: number | undefined,
  ): void {
    const now = this.clock.now();
    op.inFlight--;
    this.inFlight--;
    op.lastActiveAt = now;
    const startedAt = sent.startedAt;
    const latency = now - startedAt;
    if (result !== 'unreached') {
      op.minLatency.add(now, latency);
      if (op.smoothedLatency === undefined) {
        op.smoothedLatency = latency;
        op.latencyDeviation = latency / 2;
      } else {
        op.latencyDeviation =
          op.latencyDeviation * 0.75 + Math.abs(latency - op.smoothedLatency) * 0.25;
        op.smoothedLatency = op.smoothedLatency * 0.875 + latency * 0.125;
      }
    }
    if (result === 'ok' || result === 'failed') {
      op.noteAccepted(now);
      if (Number.isNaN(op.openFrom.at)) op.openFrom.at = now;
      if (result === 'ok') {
        op.ok++;
        this.successes++;
        this.lastSuccessAt = now;
      } else {
        op.failed++;
      }
    }
    if (result === 'throttled') {
      op.throttles++;
      this.throttles++;
      if (retryAfterMs !== undefined && retryAfterMs > 0) op.retryDelayMs = retryAfterMs;
      sent.tookToken = false;
      onThrottle(op, now, sent);
    }
    noteAnswered(op, sent);
    if (round !== undefined) {
      if (result !== 'unreached' && result !== 'throttled') round.latencies.push(latency);
      round.outstanding--;
      if (op.mode === 'open' && round === op.round && round.outstanding === 0) {
        if (round.sent >= round.quota || op.waiters.length === 0) endRound(op, now, this);
      }
    } else if (op.mode === 'open' && result === 'ok') {
      adjustWindow(op, now, latency, sent, this);
    }
    if (op.mode === 'paced' && (result === 'ok' || result === 'failed')) checkRise(op, now, this);
    if (op.mode === 'paced' && op.hold && op.inFlight === 0) {
      op.hold = false;
      op.levelAt = now;
    }
    this.pump();
  }

  /** Sleeps until the paced operation's next request may start, then pumps again. */
  private wakeWhenReady(op: Operation, now: number): void {
    op.refill(now);
    const rate = op.rate(now);
    const wait = Math.max(1, Math.ceil(((1 - op.level) / rate) * 1000));
    const at = now + wait;
    if (op.timer && op.timer.at <= at) return;
    op.timer?.stop.abort();
    const stop = new AbortController();
    op.timer = { at, stop };
    this.clock.sleep(wait, stop.signal).then(
      () => {
        if (op.timer?.stop === stop) op.timer = undefined;
        this.pump();
      },
      () => {},
    );
  }
}
