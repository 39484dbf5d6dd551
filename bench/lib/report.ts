// The bench's output: a readable table (metric, value, target, pass/miss) and, as the very last
// line, one JSON object whose shape is checked here before it is printed.
import { z } from 'zod';

const num = z.number().finite().nullable();
/** A writer's p50 against the bare atomic write's p50 in the same run (see vsBareWrite). */
const vsBare = { msP50: num, bareMsP50: num, vsBareWrite: num };

const regimeSchema = z
  .object({
    name: z.string(),
    accounts: z.number().int(),
    /** Requests per second per operation; null = no limit. */
    rateLimit: z.number().nullable(),
    latencyMs: z.number(),
    seconds: num,
    floorSeconds: num,
    vsFloor: num,
    throttledShare: num,
    failedCalls: num,
    serialVsFloor: num,
  })
  .strict();
export type RegimeJson = z.infer<typeof regimeSchema>;

export const benchJsonSchema = z
  .object({
    listing: z.object({ regimes: z.array(regimeSchema), firstPageMs: num }).strict(),
    credentials: z.object({ firstMs: num, cachedMs: num, cachedNetworkCalls: num }).strict(),
    credentialProcess: z.object({ ms: num, nodeMs: num, vsNode: num }).strict(),
    tray: z.object({ accounts: z.number().int(), menuMs: num, sortMs: num, vsSort: num }).strict(),
    render: z
      .object({
        rows: z.number().int(),
        initialRenderMs: num,
        minimalPageMs: num,
        firstRowVsMinimal: num,
        filterMsP50: num,
        filterMsP95: num,
        echoMsP95: num,
        filterVsEcho: num,
        heapMB: num,
      })
      .strict(),
    write: z
      .object({
        profiles: z.number().int(),
        ...vsBare,
        // the same writes when SSO Tray wrote every profile of the file (information)
        recorded: z
          .object({
            recordEntries: z.number().int(),
            recordBytes: z.number().int(),
            ...vsBare,
          })
          .strict()
          .optional(),
      })
      .strict(),
    bundle: z.object({ rendererKBgz: num }).strict(),
    populate: z
      .object({
        accounts: z.number().int(),
        roles: z.number().int(),
        ...vsBare,
        againMsP50: num,
      })
      .strict(),
  })
  .strict();
export type BenchJson = z.infer<typeof benchJsonSchema>;

export type Verdict = 'pass' | 'MISS' | 'n/a' | '';

export interface Row {
  metric: string;
  value: string;
  target?: string;
  verdict?: Verdict;
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

/** pass/MISS for "value < limit" (or n/a when not measured). */
export function under(value: number | null | undefined, limit: number): Verdict {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  return value < limit ? 'pass' : 'MISS';
}

/** pass/MISS for "value <= limit" (or n/a when not measured). */
export function atMost(value: number | null | undefined, limit: number): Verdict {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  return value <= limit ? 'pass' : 'MISS';
}

/** a / b, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || !(b > 0)) return null;
  return Number.isFinite(a / b) ? a / b : null;
}

/** A plain table with a header row, columns padded to their widest cell. */
/**
 * A writer's p50 against the bare atomic write's p50 (each write followed by a bare write of the
 * same bytes): the ratio, the three figures as the JSON holds them, and the table's text.
 */
export function vsBareWrite(ms: number[], bareMs: number[]) {
  const p50 = percentile(ms, 50);
  const bare = percentile(bareMs, 50);
  const vs = ratio(p50, bare);
  return {
    vs,
    json: { msP50: round(p50, 2), bareMsP50: round(bare, 2), vsBareWrite: round(vs, 3) },
    text: `${fmt(p50, 'ms', 2)} vs ${fmt(bare, 'ms', 2)} = ${x(vs)}`,
  };
}

export function grid(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), '-'.repeat(widths.reduce((a, w) => a + w + 2, -2)), ...rows.map(line)].join(
    '\n',
  );
}

export function round(v: number | null | undefined, digits = 1): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function fmt(v: number | null | undefined, unit: string, digits = 1): string {
  const r = round(v, digits);
  return r === null ? 'not measured' : `${r.toFixed(digits)} ${unit}`.trim();
}

export function table(sections: Array<{ title: string; rows: Row[] }>): string {
  const all = sections.flatMap((s) => s.rows);
  const w0 = Math.max(6, ...all.map((r) => r.metric.length + 2));
  const w1 = Math.max(5, ...all.map((r) => r.value.length));
  const w2 = Math.max(6, ...all.map((r) => (r.target ?? '').length));
  const line = (a: string, b: string, c: string, d: string): string =>
    `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c.padEnd(w2)}  ${d}`.trimEnd();
  const out: string[] = [
    line('metric', 'value', 'target', 'result'),
    '-'.repeat(w0 + w1 + w2 + 14),
  ];
  for (const s of sections) {
    out.push(`${s.title}`);
    for (const r of s.rows)
      out.push(line(`  ${r.metric}`, r.value, r.target ?? '', r.verdict ?? ''));
  }
  return out.join('\n');
}

// Terminal colour codes (vite's error messages carry them).
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
/** The first line of an error, without terminal colours, short enough for a table cell. */
export const errText = (e: unknown): string => {
  const text = (e instanceof Error ? e.message : String(e)).replace(ANSI, '');
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // "Build failed with 1 error:" says little without the line after it.
  const first = (lines[0] ?? '').endsWith(':') ? lines.slice(0, 2).join(' ') : (lines[0] ?? '');
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
};

export const median = (values: number[]): number | null => percentile(values, 50);
/** A ratio as the tables show it. */
export const x = (v: number | null, digits = 2): string =>
  v === null ? 'n/a' : `${v.toFixed(digits)} x`;
/** The verdict of several checks: a miss if any missed. */
export const both = (...v: Verdict[]): Verdict =>
  v.includes('MISS') ? 'MISS' : v.includes('n/a') ? 'n/a' : 'pass';
