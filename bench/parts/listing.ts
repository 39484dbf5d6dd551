// Listing: every regime on its own emulator, against its floor and the serial botocore loop.
import { regimes, runRegime, type RegimeResult } from '../lib/regimes';
import {
  atMost,
  both,
  fmt,
  grid,
  ratio,
  round,
  x,
  type RegimeJson,
  type Row,
  type Verdict,
} from '../lib/report';
import { T, sizes, type PartContext } from './context';

interface RegimeVerdicts {
  complete: Verdict;
  floor: Verdict;
  share: Verdict;
  serial: Verdict;
}

function judge(r: RegimeResult): RegimeVerdicts {
  const t = r.tray;
  const vsFloor = ratio(t?.seconds, r.floor?.seconds);
  const complete: Verdict =
    t === null
      ? 'n/a'
      : !t.error &&
          t.failedCalls === 0 &&
          t.accounts === r.regime.accounts &&
          t.roles === r.expectedRoles
        ? 'pass'
        : 'MISS';
  const limited = r.regime.rateLimit !== null;
  return {
    complete,
    floor: atMost(vsFloor, limited ? T.throttledVsFloor : T.unlimitedVsFloor),
    share: limited ? atMost(t ? t.throttled / Math.max(1, t.calls) : null, T.throttledShare) : '',
    serial: atMost(t?.seconds, r.serial.seconds ?? Number.NaN),
  };
}

function regimeJson(r: RegimeResult): RegimeJson {
  const t = r.tray;
  return {
    name: r.regime.name,
    accounts: r.regime.accounts,
    rateLimit: r.regime.rateLimit,
    latencyMs: r.regime.latencyMs,
    seconds: round(t?.seconds, 2),
    floorSeconds: round(r.floor?.seconds, 2),
    vsFloor: round(ratio(t?.seconds, r.floor?.seconds), 3),
    throttledShare: t ? round(t.throttled / Math.max(1, t.calls), 4) : null,
    failedCalls: t ? t.failedCalls : null,
    serialVsFloor: round(ratio(r.serial.seconds, r.floor?.seconds), 3),
  };
}

export function regimeTable(results: RegimeResult[]): string {
  const rows = results.map((r) => {
    const t = r.tray;
    const v = judge(r);
    const limited = r.regime.rateLimit !== null;
    const targets = limited
      ? `<= ${T.throttledVsFloor} x, <= ${T.throttledShare * 100}% 429`
      : `<= ${T.unlimitedVsFloor} x`;
    return [
      r.regime.name,
      String(r.regime.accounts),
      `${r.regime.latencyMs} ms`,
      t ? `${t.seconds.toFixed(2)} s` : 'failed',
      r.floor ? `${r.floor.seconds.toFixed(2)} s` : 'n/a',
      x(ratio(t?.seconds, r.floor?.seconds), 3),
      t ? `${((100 * t.throttled) / Math.max(1, t.calls)).toFixed(1)}% of ${t.calls}` : 'n/a',
      t ? String(t.failedCalls) : 'n/a',
      r.serial.seconds === null
        ? 'n/a'
        : `${r.serial.seconds.toFixed(2)} s = ${x(ratio(r.serial.seconds, r.floor?.seconds), 3)}`,
      targets,
      both(v.complete, v.floor, v.share || 'pass', v.serial),
    ];
  });
  const notes = results.map(
    (r) =>
      `  ${r.regime.name}: floor = ${r.floor?.how ?? 'not measured'}` +
      `${r.serial.note ? `; serial ${r.serial.note}` : ''}` +
      `${r.tray?.error ? `; SSO Tray: ${r.tray.error}` : ''}${r.error && !r.tray?.error ? `; ${r.error}` : ''}`,
  );
  return [
    grid(
      [
        'regime',
        'accounts',
        'latency',
        'SSO Tray',
        'floor',
        'vs floor',
        'answered 429',
        'failed',
        'serial botocore (vs floor)',
        'target',
        'result',
      ],
      rows,
    ),
    ...notes,
  ].join('\n');
}

export async function runListing(
  ctx: PartContext,
): Promise<{ rows: Row[]; results: RegimeResult[] }> {
  const rows: Row[] = [];
  const results: RegimeResult[] = [];
  for (const regime of regimes(ctx.quick)) {
    try {
      const r = await runRegime(regime, {
        serialSample: sizes(ctx.quick).serialSample,
        log: ctx.log,
      });
      if (r.error) ctx.fail(`listing (${regime.name})`, r.error);
      results.push(r);
      ctx.json.listing.regimes.push(regimeJson(r));
    } catch (e) {
      ctx.fail(`listing (${regime.name})`, e);
    }
  }
  for (const r of results) {
    const t = r.tray;
    const v = judge(r);
    const limited = r.regime.rateLimit !== null;
    rows.push(
      {
        metric: `${r.regime.name}: SSO Tray vs floor`,
        value: t
          ? `${fmt(t.seconds, 's', 2)} vs ${fmt(r.floor?.seconds, 's', 2)} = ${x(ratio(t.seconds, r.floor?.seconds), 3)}`
          : 'failed',
        target: `<= ${limited ? T.throttledVsFloor : T.unlimitedVsFloor} x`,
        verdict: v.floor,
      },
      ...(limited
        ? [
            {
              metric: `${r.regime.name}: calls answered 429`,
              value: t
                ? `${t.throttled} of ${t.calls} (${((100 * t.throttled) / Math.max(1, t.calls)).toFixed(1)}%)`
                : 'n/a',
              target: `<= ${T.throttledShare * 100}%`,
              verdict: v.share,
            },
          ]
        : []),
      {
        metric: `${r.regime.name}: listed; failed calls`,
        value: t
          ? `${t.accounts} accounts, ${t.roles} roles of ${r.expectedRoles}; ${t.failedCalls}`
          : 'n/a',
        target: 'every one; 0',
        verdict: v.complete,
      },
      {
        metric: `${r.regime.name}: serial botocore loop`,
        value:
          r.serial.seconds === null
            ? r.serial.note
            : `${fmt(r.serial.seconds, 's', 2)} = ${x(ratio(r.serial.seconds, r.floor?.seconds), 3)} floor`,
        target: 'SSO Tray not slower',
        verdict: v.serial,
      },
    );
  }
  const big = results.find((r) => r.regime.name === '50 req/s')?.tray;
  if (big) {
    ctx.json.listing.firstPageMs = round(big.firstPageMs, 1);
    rows.push({
      metric: '50 req/s: first accounts shown (first page)',
      value: fmt(big.firstPageMs, 'ms'),
    });
  }
  return { rows, results };
}
