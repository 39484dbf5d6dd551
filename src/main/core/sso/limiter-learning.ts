// How an operation of the limiter learns from its answers: slow-start rounds and the window of
// requests in flight while open; from 429s, the bounds on the server's rate and the pace while
// paced; and back to open when the rate rose or the operation was idle.
import {
  REMEMBER_MS,
  LATENCY_RISE,
  RISE_TOKENS,
  MIN_PAIR_MS,
  MAX_EVENTS,
  MIN_RATE,
  type Operation,
  type Sent,
  type ThrottleEvent,
} from './limiter-operation';

/** The limiter's fixed limits. */
export interface Limits {
  /** Most requests in flight at once, over every operation. */
  maxConcurrency: number;
  /** Requests of an operation in its first round. */
  initialWindow: number;
}

/** A round of slow start answered without a 429: double it while latency stays low. */
export function endRound(op: Operation, now: number, limits: Limits): void {
  const round = op.round;
  let quota = round.quota;
  if (round.sent >= round.quota) {
    const latency = median(round.latencies);
    const lowest = op.minLatency.min(now);
    if (latency !== undefined && lowest !== undefined && latency > LATENCY_RISE * lowest) {
      // Queueing somewhere: stay below this round's size.
      op.growing = false;
      op.window = Math.max(limits.initialWindow, Math.floor(round.quota / 2));
      return;
    }
    if (round.quota >= limits.maxConcurrency) {
      // A whole round at the cap answered without a 429: run continuously from now on.
      op.growing = false;
      op.window = limits.maxConcurrency;
      return;
    }
    quota = Math.min(limits.maxConcurrency, round.quota * 2);
  }
  op.round = op.newRound(quota);
}

/**
 * After slow start: a smaller window when latency climbs, a larger one when it falls back. A
 * smaller window must prove itself: latency that queues behind this operation's own requests
 * falls with the window, latency from elsewhere (a slower path, a client busy with other work)
 * does not, and a window kept small for it would only lose throughput. Such a latency becomes
 * the one to compare with, and the window goes back to what it was.
 */
export function adjustWindow(
  op: Operation,
  now: number,
  latency: number,
  sent: Sent,
  limits: Limits,
): void {
  // The verdict on a shrink counts only requests started once every request of the larger
  // window had answered: nothing of it still queued ahead of them.
  if (op.shrink && (op.shrink.settledSeq === undefined || sent.seq <= op.shrink.settledSeq)) {
    return;
  }
  op.epoch.push(latency);
  if (op.epoch.length < op.window) return;
  const typical = median(op.epoch) as number;
  op.epoch = [];
  const shrink = op.shrink;
  op.shrink = undefined;
  if (shrink) {
    // Queueing behind our own requests: latency in proportion to the window. Unchanged: not ours.
    const ifQueued = (shrink.latency * op.window) / shrink.window;
    if (typical > (ifQueued + shrink.latency) / 2) {
      op.window = shrink.window;
      op.latencyBaseline = typical;
      return;
    }
  }
  if (op.latencyBaseline !== undefined && typical < op.latencyBaseline) {
    op.latencyBaseline = typical;
  }
  const reference = Math.max(op.minLatency.min(now) ?? typical, op.latencyBaseline ?? 0);
  if (typical > LATENCY_RISE * reference) {
    op.shrink = {
      lastSeq: op.lastSeq(),
      window: op.window,
      latency: typical,
      olderInFlight: op.inFlight,
      settledSeq: op.inFlight === 0 ? op.lastSeq() : undefined,
    };
    op.window = Math.max(2, Math.floor(op.window * 0.75));
  } else if (typical < 1.5 * reference && op.window < limits.maxConcurrency) {
    op.window = Math.min(limits.maxConcurrency, op.window + Math.max(1, Math.floor(op.window / 4)));
  }
}

/** Any answer of an open operation: counts down the requests started before a shrink. */
export function noteAnswered(op: Operation, sent: Sent): void {
  const shrink = op.shrink;
  if (!shrink || shrink.settledSeq !== undefined || sent.seq > shrink.lastSeq) return;
  shrink.olderInFlight--;
  if (shrink.olderInFlight <= 0) shrink.settledSeq = op.lastSeq();
}

export function onThrottle(op: Operation, now: number, sent: Sent): void {
  const startedAt = sent.startedAt;
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
    op.lastThrottleAt = now;
    op.level = Math.min(-op.margin(), op.levelAfterThrottle(now, sent));
    op.levelAt = now;
    op.hold = op.inFlight > 0;
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
  // What this 429 says about the bucket replaces the model's guess, which was too high. At the
  // pace from now on: no probe above it yet.
  op.lastThrottleAt = now;
  op.level = op.levelAfterThrottle(now, sent);
  op.levelAt = now;
}

/** More got through since the last 429 than the upper bound allows: the rate rose. */
export function checkRise(op: Operation, now: number, limits: Limits): void {
  const last = op.events.at(-1);
  // While no upper bound is known the pace is searching upward anyway.
  if (!last || !Number.isFinite(op.upper) || now - op.lastThrottleAt < op.quietMs()) return;
  // At that rate the server could have accepted at most upper × time + the token it may have
  // held at the 429; a couple more than that (timing noise aside) means the rate went up.
  const beyond = op.accepted - last.accepted - 1 - (op.upper * (now - last.earliest)) / 1000;
  if (beyond > RISE_TOKENS) reopen(op, now, undefined, limits);
}

export function reopen(
  op: Operation,
  now: number,
  remember: { rate: number; at: number } | undefined,
  limits: Limits,
): void {
  op.remembered = remember;
  op.openFrom = { accepted: op.accepted, at: Number.NaN };
  op.mode = 'open';
  op.growing = true;
  op.round = op.newRound(limits.initialWindow);
  op.epoch = [];
  op.shrink = undefined;
  op.latencyBaseline = undefined;
  op.events = [];
  op.lower = 0;
  op.upper = Number.POSITIVE_INFINITY;
  op.paceMin = Number.POSITIVE_INFINITY;
  op.hold = false;
  op.lastActiveAt = now;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
