// The state the limiter keeps for each operation (ListAccounts, ListAccountRoles, …): its
// mode (open: slow start and a window of requests in flight; paced: a model of the server's token
// bucket), what its answers showed (latency, 429s, accepted requests) and the pace that follows.
// How rate-limiter.ts uses it is described at the top of that file.

/**
 * How a request ended: `ok` (answered), `throttled` (429), `failed` (answered with an error, so
 * it used the server's capacity like a success) or `unreached` (cancelled before an answer).
 */
export type RequestResult = 'ok' | 'throttled' | 'failed' | 'unreached';

export interface Permit {
  /** Reports how the request ended. Call it exactly once; later calls are ignored. */
  done(result: RequestResult, retryAfterMs?: number): void;
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
export const IDLE_MS = 5000;
/** How long a rate learnt before an idle spell is used as the first guess after it. */
export const REMEMBER_MS = 10 * 60 * 1000;
/** A round whose median latency is this many times the lowest latency seen stops the growth. */
export const LATENCY_RISE = 2;
/** Lowest latency: the minimum over this much recent time. */
const LATENCY_WINDOW_MS = 30_000;
/** Requests beyond what the upper bound allows that prove the rate went up. */
export const RISE_TOKENS = 2;
/** Two 429s closer than this say nothing about the rate. */
export const MIN_PAIR_MS = 5;
/** 429s kept per operation for the rate bounds. */
export const MAX_EVENTS = 64;
export const MIN_RATE = 0.1;

/**
 * A request as the server's bucket sees it: in the order requests were started, and whether it
 * took (or may still take) a token. A 429 took none.
 */
export interface Sent {
  seq: number;
  startedAt: number;
  tookToken: boolean;
}
/** Requests remembered for `Operation.tokensTakenAfter` (far more than are ever in flight). */
const SENT_KEPT = 256;

export interface Waiter {
  grant: (permit: Permit) => void;
}

export interface Round {
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
export interface ThrottleEvent {
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

export class Operation {
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
  /**
   * The last shrink of the window, until its verdict: the last request started before it, the
   * window and latency it came from, how many requests started before it are still out, and
   * the last request started before they had all answered.
   */
  shrink:
    | {
        lastSeq: number;
        window: number;
        latency: number;
        olderInFlight: number;
        settledSeq?: number;
      }
    | undefined;
  /** A latency a smaller window did not bring down (not caused by this operation's load). */
  latencyBaseline: number | undefined;

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

  /** The latest requests, oldest first (for what reached the bucket after a 429). */
  private readonly sent: Sent[] = [];
  private sentSeq = 0;

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

  noteSent(now: number): Sent {
    const s: Sent = { seq: ++this.sentSeq, startedAt: now, tookToken: true };
    this.sent.push(s);
    if (this.sent.length > 2 * SENT_KEPT) this.sent.splice(0, SENT_KEPT);
    return s;
  }

  lastSeq(): number {
    return this.sentSeq;
  }

  /** Requests started after `s` that took a token or may still take one. */
  tokensTakenAfter(s: Sent): number {
    let n = 0;
    for (let i = this.sent.length - 1; i >= 0; i--) {
      const later = this.sent[i] as Sent;
      if (later.seq <= s.seq) break;
      if (later.tookToken) n++;
    }
    return n;
  }

  /**
   * The bucket right after a 429, for a request that starts now: the server found it empty when
   * the throttled request arrived; a request started now arrives as much later as the throttled
   * one was answered ago (its way to the server takes as long), the bucket refilled meanwhile,
   * and what was started after the throttled one reaches it first. Less the margin. Nothing here
   * depends on how the latency splits between the way there and the way back.
   */
  levelAfterThrottle(now: number, throttled: Sent): number {
    const refilled = (this.rate(now) * Math.max(0, now - throttled.startedAt)) / 1000;
    return refilled - this.tokensTakenAfter(throttled) - this.margin();
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
