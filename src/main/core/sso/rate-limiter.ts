// The one controller every portal call goes through. It decides when each request
// may start from what the server shows, never from a rate fixed in advance:
//
// - Concurrency. Until the server throttles, an operation's requests go out in rounds that double
//   (8, 16, 32, 64 in flight, like TCP slow start) as long as a round's latency stays near the
//   lowest latency seen, and then run continuously at the cap. A round only starts once the one
//   before has answered, so a first 429 is seen before the next, bigger round is sent.
// - Rate. The first 429 of an operation switches it to pacing. Each 429 marks a moment when the
//   server's token bucket was empty, so between two 429s it accepted its refill rate times the
//   time between them, give or take one request: every pair of 429s bounds the rate from below
//   and above. When the server decided a 429 is only known within an interval (from the
//   request's start plus the lowest latency to the reading of its answer), and the bounds use the
//   ends of those intervals. Requests are spaced at the upper bound (the bucket stays drained,
//   the fastest the server allows) from a model of the server's bucket that keeps a fraction of a
//   token in hand after each 429; until a pair bounds the rate, the pace doubles every second.
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

/** The part of the core's one clock (../clock.ts) the limiter needs. */
export type Clock = SleepClock;
export { systemClock };

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new Error('aborted');
}

/**
 * How a request ended: `ok` (answered), `throttled` (429), `failed` (answered with an error, so
 * it used the server's capacity like a success) or `unreached` (cancelled before an answer).
 */
export type RequestResult = 'ok' | 'throttled' | 'failed' | 'unreached';

export interface Permit {
  /** Reports how the request ended. Call it exactly once; later calls are ignored. */
  done(result: RequestResult, retryAfterMs?: number): void;
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

/**
 * Tokens kept in hand after a 429, so that timing noise does not cause the next one: the
 * requests' latency varies, and with it when they reach the server's bucket. Twice the mean
 * deviation of the latency, in tokens at the current pace, within these limits.
 */
const MIN_MARGIN_TOKENS = 0.25;
const MAX_MARGIN_TOKENS = 2;
/** After a 429 the pace is held this long (and for this many requests) before it probes upward. */
const QUIET_MS = 2000;
const QUIET_REQUESTS = 40;
/** While probing, the pace grows by this share per second (compounded). */
const PROBE_PER_SECOND = 0.05;
/**
 * A paced operation that woke up late (a busy or stalled event loop) may send at once what this
 * much time at its pace allowed, or half the burst the server was seen to allow, if more: the
 * server's bucket kept those tokens.
 */
const CATCH_UP_MS = 100;
/** A paced operation with nothing to do for this long starts again from a small window. */
const IDLE_MS = 5000;
/** How long a rate learnt before an idle spell is used as the first guess after it. */
const REMEMBER_MS = 10 * 60 * 1000;
/** A round whose median latency is this many times the lowest latency seen stops the growth. */
const LATENCY_RISE = 2;
/** Lowest latency: the minimum over this much recent time. */
const LATENCY_WINDOW_MS = 30_000;
/** Requests beyond what the upper bound allows that prove the rate went up. */
const RISE_TOKENS = 2;
/** Two 429s closer than this say nothing about the rate. */
const MIN_PAIR_MS = 5;
/** 429s kept per operation for the rate bounds. */
const MAX_EVENTS = 64;
const MIN_RATE = 0.1;

interface Waiter {
  grant: (permit: Permit) => void;
}

interface Round {
  id: number;
  quota: number;
  sent: number;
  outstanding: number;
  throttled: boolean;
  latencies: number[];
}

/**
 * A 429 and how many requests the server had accepted until then. The server decided it at some
 * moment between `earliest` (the request's start plus the lowest latency seen) and `at` (when its
 * answer was read): a busy event loop reads answers late, network and server vary.
 */
interface ThrottleEvent {
  at: number;
  earliest: number;
  accepted: number;
  /** The slowest pace requests went out at between this 429 and the next (0: fell behind it). */
  paceMinAfter: number;
}

/** Sliding-window minimum of latency samples (monotonic queue). */
class MinWindow {
  private items: Array<{ at: number; v: number }> = [];
  private head = 0;

  add(at: number, v: number): void {
    while (this.items.length > this.head && (this.items.at(-1) as { v: number }).v >= v) {
      this.items.pop();
    }
    this.items.push({ at, v });
  }

  min(now: number): number | undefined {
    while (
      this.head < this.items.length - 1 &&
      (this.items[this.head]?.at ?? 0) < now - LATENCY_WINDOW_MS
    ) {
      this.head++;
    }
    if (this.head > 256) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return this.items[this.head]?.v;
  }
}

class Operation {
  readonly waiters: Waiter[] = [];
  inFlight = 0;
  mode: 'open' | 'paced' = 'open';
  ok = 0;
  throttles = 0;
  failed = 0;
  /** Answers that used the server's capacity (successes and errors, not 429s). */
  accepted = 0;
  private readonly acceptedAt: number[] = [];
  private acceptedHead = 0;
  readonly minLatency = new MinWindow();
  lastActiveAt = -Infinity;
  /** Retry-After of the last 429, or undefined. */
  retryDelayMs: number | undefined;
  smoothedLatency: number | undefined;
  latencyDeviation = 0;

  // open
  growing = true;
  window: number;
  round: Round;
  private roundIds = 0;
  epoch: number[] = [];

  // paced
  base = 0;
  level = 0;
  levelAt = 0;
  /** After the first 429, nothing new goes out until what is in flight has answered. */
  hold = false;
  lastThrottleAt = -Infinity;
  events: ThrottleEvent[] = [];
  lower = 0;
  upper = Number.POSITIVE_INFINITY;
  /** Slowest pace since the last 429 (0 once requests went out slower than the pace). */
  paceMin = Number.POSITIVE_INFINITY;
  remembered: { rate: number; at: number } | undefined;
  /** Accepted when the current run without 429s began, and when its first answer came. */
  openFrom = { accepted: 0, at: Number.NaN };
  /** What got through before the first 429 of this pacing: a burst the server allowed. */
  burstSeen: { accepted: number; seconds: number } | undefined;

  timer: { at: number; stop: AbortController } | undefined;

  constructor(
    readonly name: string,
    readonly initialWindow: number,
  ) {
    this.window = initialWindow;
    this.round = this.newRound(initialWindow);
  }

  newRound(quota: number): Round {
    return { id: ++this.roundIds, quota, sent: 0, outstanding: 0, throttled: false, latencies: [] };
  }

  noteAccepted(now: number): void {
    this.accepted++;
    this.acceptedAt.push(now);
    this.acceptedInLast(now, 0);
  }

  /** Requests accepted during the last `ms` (also drops older entries beyond a second). */
  acceptedInLast(now: number, ms: number): number {
    while (
      this.acceptedHead < this.acceptedAt.length &&
      (this.acceptedAt[this.acceptedHead] ?? 0) <= now - 1000
    ) {
      this.acceptedHead++;
    }
    if (this.acceptedHead > 1024) {
      this.acceptedAt.splice(0, this.acceptedHead);
      this.acceptedHead = 0;
    }
    let n = 0;
    for (let i = this.acceptedAt.length - 1; i >= this.acceptedHead; i--) {
      if ((this.acceptedAt[i] ?? 0) <= now - ms) break;
      n++;
    }
    return n;
  }

  /** The pace right now, in requests per second. */
  rate(now: number): number {
    const r = this.base;
    const latency = this.smoothedLatency ?? 0;
    // Few requests left: a 429 now would add its whole retry delay to the end.
    const tail = this.waiters.length < (r * ((this.retryDelayMs ?? 0) + latency)) / 1000;
    if (tail) return this.lower > 0 ? Math.min(r, this.lower) : r;
    const since = now - this.lastThrottleAt;
    if (!Number.isFinite(this.upper)) {
      // Nothing bounds the rate from above yet: search, doubling the pace every second.
      const quiet = Math.max(250, 2 * latency);
      return since > quiet ? r * 2 ** ((since - quiet) / 1000) : r;
    }
    const quiet = this.quietMs();
    return since > quiet ? r * (1 + PROBE_PER_SECOND) ** ((since - quiet) / 1000) : r;
  }

  quietMs(): number {
    return Math.max(QUIET_MS, (QUIET_REQUESTS / this.base) * 1000);
  }

  /** The server's burst is at least this: what got through before the first 429, less the refill. */
  burstAtLeast(): number {
    if (!this.burstSeen || !Number.isFinite(this.upper)) return 0;
    return this.burstSeen.accepted - 1 - this.upper * this.burstSeen.seconds;
  }

  margin(): number {
    const tokens = (this.base * 2 * this.latencyDeviation) / 1000;
    return Math.min(MAX_MARGIN_TOKENS, Math.max(MIN_MARGIN_TOKENS, tokens));
  }

  refill(now: number): void {
    const dt = Math.max(0, now - this.levelAt);
    const rate = this.rate(now);
    const level = this.level + (rate * dt) / 1000;
    // Tokens a late wake-up (a busy event loop) may still spend at once: the server's bucket has
    // kept them. More than that unused means requests went out slower than the pace (nothing
    // waited, or the cap on requests in flight held them), and the bucket may have filled up.
    const catchUp = Math.max(2, (rate * CATCH_UP_MS) / 1000, this.burstAtLeast() / 2);
    this.paceMin = level > catchUp + 1 ? 0 : Math.min(this.paceMin, rate);
    this.level = Math.min(catchUp, level);
    this.levelAt = now;
  }
}

export class RateLimiter {
  readonly clock: Clock;
  /** Most requests in flight at once, over every operation. */
  readonly maxConcurrency: number;
  private readonly initialWindow: number;
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
      this.reopen(op, now, { rate: op.base, at: op.lastActiveAt });
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
    let round: Round | undefined;
    if (op.mode === 'open' && op.growing) {
      round = op.round;
      round.sent++;
      round.outstanding++;
    } else if (op.mode === 'paced') {
      op.level -= 1;
    }
    const startedAt = now;
    let finished = false;
    waiter.grant({
      done: (result, retryAfterMs) => {
        if (finished) return;
        finished = true;
        this.finish(op, round, startedAt, result, retryAfterMs);
      },
    });
  }

  private finish(
    op: Operation,
    round: Round | undefined,
    startedAt: number,
    result: RequestResult,
    retryAfterMs: number | undefined,
  ): void {
    const now = this.clock.now();
    op.inFlight--;
    this.inFlight--;
    op.lastActiveAt = now;
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
      this.onThrottle(op, now, startedAt);
    }
    if (round !== undefined) {
      if (result !== 'unreached' && result !== 'throttled') round.latencies.push(latency);
      round.outstanding--;
      if (op.mode === 'open' && round === op.round && round.outstanding === 0) {
        if (round.sent >= round.quota || op.waiters.length === 0) this.endRound(op, now);
      }
    } else if (op.mode === 'open' && result === 'ok') {
      this.adjustWindow(op, now, latency);
    }
    if (op.mode === 'paced' && (result === 'ok' || result === 'failed')) this.checkRise(op, now);
    if (op.mode === 'paced' && op.hold && op.inFlight === 0) {
      op.hold = false;
      op.levelAt = now;
    }
    this.pump();
  }

  /** A round of slow start answered without a 429: double it while latency stays low. */
  private endRound(op: Operation, now: number): void {
    const round = op.round;
    let quota = round.quota;
    if (round.sent >= round.quota) {
      const latency = median(round.latencies);
      const lowest = op.minLatency.min(now);
      if (latency !== undefined && lowest !== undefined && latency > LATENCY_RISE * lowest) {
        // Queueing somewhere: stay below this round's size.
        op.growing = false;
        op.window = Math.max(this.initialWindow, Math.floor(round.quota / 2));
        return;
      }
      if (round.quota >= this.maxConcurrency) {
        // A whole round at the cap answered without a 429: run continuously from now on.
        op.growing = false;
        op.window = this.maxConcurrency;
        return;
      }
      quota = Math.min(this.maxConcurrency, round.quota * 2);
    }
    op.round = op.newRound(quota);
  }

  /** After slow start: a smaller window when latency climbs, a larger one when it falls back. */
  private adjustWindow(op: Operation, now: number, latency: number): void {
    op.epoch.push(latency);
    if (op.epoch.length < op.window) return;
    const typical = median(op.epoch) as number;
    op.epoch = [];
    const lowest = op.minLatency.min(now) ?? typical;
    if (typical > LATENCY_RISE * lowest) {
      op.window = Math.max(2, Math.floor(op.window * 0.75));
    } else if (typical < 1.5 * lowest && op.window < this.maxConcurrency) {
      op.window = Math.min(this.maxConcurrency, op.window + Math.max(1, Math.floor(op.window / 4)));
    }
  }

  private onThrottle(op: Operation, now: number, startedAt: number): void {
    const earliest = Math.min(now, startedAt + (op.minLatency.min(now) ?? 0));
    if (op.mode === 'open') {
      // The first 429: what got through in the last second is the first guess at the rate (or
      // the rate learnt before an idle spell); the bounds from the next 429s correct it.
      const remembered =
        op.remembered && now - op.remembered.at < REMEMBER_MS ? op.remembered.rate : undefined;
      op.mode = 'paced';
      op.round.throttled = true;
      op.burstSeen = Number.isNaN(op.openFrom.at)
        ? undefined
        : {
            accepted: op.accepted - op.openFrom.accepted,
            // From (at the earliest) one lowest latency before the first answer.
            seconds: (now - op.openFrom.at + (op.minLatency.min(now) ?? 0)) / 1000,
          };
      op.base = Math.max(MIN_RATE, remembered ?? op.acceptedInLast(now, 1000));
      op.events = [
        { at: now, earliest, accepted: op.accepted, paceMinAfter: Number.POSITIVE_INFINITY },
      ];
      op.lower = 0;
      op.upper = Number.POSITIVE_INFINITY;
      op.paceMin = Number.POSITIVE_INFINITY;
      op.level = -op.margin();
      op.levelAt = now;
      op.hold = op.inFlight > 0;
      op.lastThrottleAt = now;
      return;
    }
    op.refill(now);
    const rateNow = op.rate(now);
    const previous = op.events.at(-1);
    if (previous) previous.paceMinAfter = op.paceMin;
    const accepted = op.accepted;
    let lower = 0;
    let upper = Number.POSITIVE_INFINITY;
    let paceMin = Number.POSITIVE_INFINITY;
    let cut = -1;
    for (let i = op.events.length - 1; i >= 0; i--) {
      const e = op.events[i] as ThrottleEvent;
      paceMin = Math.min(paceMin, e.paceMinAfter);
      // The time between the two decisions, at most and at least.
      const longest = (now - e.earliest) / 1000;
      const shortest = (earliest - e.at) / 1000;
      if (longest * 1000 < MIN_PAIR_MS) continue;
      const n = accepted - e.accepted;
      const lo = Math.max(lower, (n - 1) / longest);
      // An upper bound only holds if the bucket cannot have overflowed in between, that is if
      // requests kept going out about as fast as the rate this pair implies.
      const pairUpper = shortest * 1000 >= MIN_PAIR_MS ? (n + 1) / shortest : Infinity;
      const hi = paceMin >= 0.9 * pairUpper ? Math.min(upper, pairUpper) : upper;
      if (lo > hi) {
        // Older 429s disagree with the newer ones: the rate changed since. Forget them.
        cut = i;
        break;
      }
      lower = lo;
      upper = hi;
    }
    if (cut >= 0) op.events.splice(0, cut + 1);
    op.events.push({ at: now, earliest, accepted, paceMinAfter: Number.POSITIVE_INFINITY });
    if (op.events.length > MAX_EVENTS) op.events.splice(0, op.events.length - MAX_EVENTS);
    op.lower = lower;
    op.upper = upper;
    op.paceMin = Number.POSITIVE_INFINITY;
    op.base = Math.max(MIN_RATE, Math.min(Math.max(rateNow, lower), upper));
    op.level = Math.min(op.level, -op.margin());
    op.lastThrottleAt = now;
  }

  /** More got through since the last 429 than the upper bound allows: the rate rose. */
  private checkRise(op: Operation, now: number): void {
    const last = op.events.at(-1);
    // While no upper bound is known the pace is searching upward anyway.
    if (!last || !Number.isFinite(op.upper) || now - op.lastThrottleAt < op.quietMs()) return;
    // At that rate the server could have accepted at most upper × time + the token it may have
    // held at the 429; a couple more than that (timing noise aside) means the rate went up.
    const beyond = op.accepted - last.accepted - 1 - (op.upper * (now - last.earliest)) / 1000;
    if (beyond > RISE_TOKENS) this.reopen(op, now, undefined);
  }

  private reopen(
    op: Operation,
    now: number,
    remember: { rate: number; at: number } | undefined,
  ): void {
    op.remembered = remember;
    op.openFrom = { accepted: op.accepted, at: Number.NaN };
    op.mode = 'open';
    op.growing = true;
    op.round = op.newRound(this.initialWindow);
    op.epoch = [];
    op.events = [];
    op.lower = 0;
    op.upper = Number.POSITIVE_INFINITY;
    op.paceMin = Number.POSITIVE_INFINITY;
    op.hold = false;
    op.lastActiveAt = now;
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

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export type Outcome =
  { kind: 'throttled'; retryAfterMs?: number } | { kind: 'retryable' } | { kind: 'fatal' };

export interface RetryPolicy {
  /** Which operation this is (each is paced on its own). */
  operation?: string;
  /** Attempts for 5xx / network errors (default 5). */
  maxAttempts?: number;
  /** Base backoff for 5xx / network errors in ms (default 200, doubled per attempt, cap 10 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Give up on 429s only when nothing at all succeeded for this long (default 120 s). */
  stallMs?: number;
  random?: () => number;
  signal?: AbortSignal;
}

export class GiveUpError extends Error {
  constructor(
    readonly reason: 'throttled' | 'attempts',
    readonly last: unknown,
  ) {
    super(reason === 'throttled' ? 'still throttled' : 'too many failed attempts');
    this.name = 'GiveUpError';
  }
}

/**
 * Runs `call` under the limiter: retries 429s for as long as requests keep succeeding (this
 * request waits the Retry-After the server gave before it asks again), retries 5xx/network errors
 * with exponential backoff and full jitter up to `maxAttempts`, and rethrows anything else.
 */
export async function runLimited<T>(
  limiter: RateLimiter,
  call: () => Promise<T>,
  classify: (e: unknown) => Outcome,
  policy: RetryPolicy = {},
): Promise<T> {
  const clock = limiter.clock;
  const maxAttempts = policy.maxAttempts ?? 5;
  const base = policy.baseDelayMs ?? 200;
  const cap = policy.maxDelayMs ?? 10_000;
  const stallMs = policy.stallMs ?? 120_000;
  const random = policy.random ?? Math.random;
  const started = clock.now();
  let failures = 0;
  for (;;) {
    const permit = await limiter.acquire(policy.operation, policy.signal);
    let outcome: Outcome;
    let error: unknown;
    try {
      const result = await call();
      permit.done('ok');
      return result;
    } catch (e) {
      error = e;
      outcome = classify(e);
      if (policy.signal?.aborted) permit.done('unreached');
      else if (outcome.kind === 'throttled') permit.done('throttled', outcome.retryAfterMs);
      else permit.done('failed');
    }
    if (outcome.kind === 'fatal') throw error;
    if (outcome.kind === 'throttled') {
      const now = clock.now();
      if (now - Math.max(started, limiter.lastSuccessAt) >= stallMs) {
        throw new GiveUpError('throttled', error);
      }
      if (outcome.retryAfterMs && outcome.retryAfterMs > 0) {
        await clock.sleep(outcome.retryAfterMs, policy.signal);
      }
      continue;
    }
    failures++;
    if (failures >= maxAttempts) throw new GiveUpError('attempts', error);
    const delay = random() * Math.min(cap, base * 2 ** (failures - 1));
    await clock.sleep(delay, policy.signal);
  }
}
