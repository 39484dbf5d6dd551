// What every part of the bench gets: where it runs, how big (quick or full), the targets, and
// how it says what it does and what failed. The parts fill their share of the JSON result and
// return their table rows; run.ts puts them together.
import type { BenchJson } from '../lib/report';

export interface PartContext {
  quick: boolean;
  /** The repository's root. */
  root: string;
  /** A scratch folder for builds (.tmp/bench). */
  scratch: string;
  log(msg: string): void;
  /** The part could not run (the bench's exit code says so); `e` is said in the log. */
  fail(part: string, e: unknown): void;
  /** The JSON result, filled in by each part. */
  json: BenchJson;
}

/** Sizes and repetitions: the sizes, or smaller with --quick. */
export function sizes(quick: boolean) {
  return {
    ...(quick
      ? { serialSample: 60, writes: 50, renderRounds: 2, cliRuns: 10, trayRuns: 9 }
      : { serialSample: 150, writes: 200, renderRounds: 3, cliRuns: 20, trayRuns: 21 }),
    /** Populate: accounts (3.5 roles each) and rounds; the size is 2,000 accounts. */
    populate: quick ? { accounts: 300, rounds: 3 } : { accounts: 2000, rounds: 5 },
    rows: 10_000,
    profiles: 2000,
    trayAccounts: 10_000,
  };
}

// Targets (the issue's): ratios, apart from the tray model's milliseconds.
export const T = {
  unlimitedVsFloor: 1.5,
  throttledVsFloor: 1.05,
  throttledShare: 0.05,
  firstRowVsMinimal: 1.5,
  filterVsEcho: 1.25,
  writeVsBare: 1.5,
  cliVsNode: 1.5,
  trayMenuMs: 50,
};
