// Render bench: the built renderer in Chromium, fed N account rows by the fake host.
//  - initialRenderMs: navigation start -> the frame after the first account row appeared, the
//    median of several starts of the window (page loads) after a first one; the very first start
//    (nothing remembered yet: no last-session hint) is reported on its own;
//  - per keystroke (8 characters, a few rounds): keydown -> the next frame ("input echo") and
//    keydown -> the frame after the last change of the list caused by that keystroke ("filter"),
//    each frame time taken by requestAnimationFrame + a zero timeout (the frame is painted then);
//  - JS heap (CDP Runtime.getHeapUsage) after the typing, before and after a forced GC;
//  - the minimal page (bench/minimal-page: the same React build, one component rendering one
//    row), started the same way in the same browser, in turns with the window's starts.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../tools/chromium';
import { startFakeHost } from './fake-host';

/**
 * Frames are produced as soon as there is something to draw instead of on a 60 Hz tick: with the
 * tick, "keystroke -> next frame" includes a random 0–16.7 ms wait for it whatever the app does,
 * which would make a 16 ms target a coin toss. Without it the figure is the app's own work plus
 * one frame's rendering.
 */
export const MEASURE_ARGS = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

export interface RenderResult {
  rows: number;
  /** Median over `starts` page loads after the first one. */
  initialRenderMs: number;
  /** Every measured start, in order (ms). */
  startsMs: number[];
  /** The first page load of a fresh browser profile (no last-session hint stored yet). */
  firstEverMs: number;
  /** The minimal page: navigation start -> the frame after its one row appeared, each start. */
  minimalStartsMs: number[];
  minimalMs: number;
  /** keydown -> the frame after the list settled, per keystroke. */
  filterMs: number[];
  /** keydown -> the next painted frame (the typed character shows), per keystroke. */
  echoMs: number[];
  heapMB: number;
  heapMBBeforeGc: number;
  /** aria-setsize of the first row (how many accounts the tree says it holds). */
  setSize: number | null;
  query: string;
  /** aria-setsize of the first row after typing the query (accounts left by the filter). */
  matchedAfterQuery: number | null;
  /** Where the first render's time went (ms since navigation start). */
  phases: {
    documentResponse: number;
    scriptsRun: number;
    accountsListReceived: number | null;
    accountsListBytes: number | null;
    firstRowPainted: number;
    /** The tree holds every account (the whole list arrived after the first screen). */
    wholeListShown: number;
  };
}

// Runs in the page before any of its scripts (string form: executed as is by Playwright).
const INIT_SCRIPT = `(() => {
  const b = { firstRender: null, paint: null };
  window.__bench = b;
  const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));
  const mo = new MutationObserver(() => {
    if (b.firstRender !== null || b.seen) return;
    if (document.querySelector('[role="treeitem"]')) {
      b.seen = true;
      mo.disconnect();
      afterPaint(() => {
        b.firstRender = performance.now();
        // tells the bench (a binding Playwright installed before the page's scripts)
        if (typeof window.__benchFirstRow === 'function') window.__benchFirstRow(b.firstRender);
      });
    }
  });
  mo.observe(document, { childList: true, subtree: true });

  // Arms the measurement of the next keystroke; resolves {echo, filter} in ms.
  b.arm = () => {
    let start = null, echo = null, lastChange = null, lastPaint = null;
    const tree = document.querySelector('[role="tree"]') || document.body;
    const obs = new MutationObserver(() => {
      if (start === null) return;
      const t = performance.now();
      lastChange = t;
      afterPaint(() => { if (lastChange === t) lastPaint = performance.now(); });
    });
    obs.observe(tree, { childList: true, subtree: true, characterData: true, attributes: true });
    window.addEventListener('keydown', () => {
      start = performance.now();
      afterPaint(() => { echo = performance.now(); });
    }, { once: true, capture: true });
    b.pending = new Promise((resolve) => {
      const check = () => {
        const now = performance.now();
        const quietSince = Math.max(start ?? now, lastChange ?? 0);
        if (start !== null && echo !== null && now - quietSince > 250 &&
            (lastChange === null || lastPaint !== null)) {
          obs.disconnect();
          resolve({ echo: echo - start, filter: (lastPaint ?? echo) - start });
        } else setTimeout(check, 20);
      };
      check();
    });
  };
})();`;

type BenchWindow = Window & {
  __bench: {
    firstRender: number | null;
    arm(): void;
    pending: Promise<{ echo: number; filter: number }>;
  };
};

export async function runRenderBench(o: {
  rendererDir: string;
  /** The built minimal page (served the same way). */
  minimalDir: string;
  rows: number;
  rounds: number;
  query: string;
  executablePath: string;
  /** Page loads measured after the first one (default 9: one start varies by several ms on a
   * busy machine, the median of nine much less). */
  starts?: number;
}): Promise<RenderResult> {
  const host = await startFakeHost({ root: o.rendererDir, accounts: o.rows });
  const minimalHost = await startFakeHost({ root: o.minimalDir, accounts: 0 });
  const browser = await chromium.launch({
    executablePath: o.executablePath,
    args: [...CHROMIUM_ARGS, ...MEASURE_ARGS],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 480, height: 720 } });
    const minimal = await browser.newPage({ viewport: { width: 480, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    minimal.on('pageerror', (e) => errors.push(`minimal page: ${e.message}`));
    await page.addInitScript({ content: INIT_SCRIPT });
    await minimal.addInitScript({ content: INIT_SCRIPT });
    // The page says when its first row was painted through a binding, installed before its
    // scripts run, rather than being polled: polling (waitForFunction) evaluates Playwright's
    // own script in the page once it has loaded, which lands inside the start of a page whose
    // first row comes after its load event (the window's waits for its data; the minimal page's
    // comes before) and would be counted as the window's time.
    const firstRow = new Map<typeof page, (ms: number) => void>();
    for (const p of [page, minimal]) {
      await p.exposeBinding('__benchFirstRow', (_source, ms: number) => firstRow.get(p)?.(ms));
    }
    /** Navigates `p` to `url` and resolves with its first row's time (ms after navigation). */
    async function startAndTime(p: typeof page, url: string): Promise<number> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const painted = new Promise<number>((resolve, reject) => {
        firstRow.set(p, resolve);
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `no account row appeared in 30 s (channels called: ${JSON.stringify(host.invoked)}` +
                  `${errors.length ? `; page errors: ${errors.join(' | ')}` : ''})`,
              ),
            ),
          30_000,
        );
      });
      try {
        await p.goto(url);
        return await painted;
      } finally {
        clearTimeout(timer);
        firstRow.delete(p);
      }
    }
    // The first screen comes ahead of the whole list: wait until the tree says it holds them all.
    const waitWholeList = () =>
      page.waitForFunction(
        (n) => {
          const w = window as unknown as { __whole?: number };
          const first = document.querySelector('[role="treeitem"][aria-level="1"]');
          const ok = first?.getAttribute('aria-setsize') === String(n);
          if (ok && w.__whole === undefined) w.__whole = performance.now();
          return ok;
        },
        o.rows,
        { polling: 'raf', timeout: 30_000 },
      );
    const readPhases = () =>
      page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        // Two list requests: the first screen and the whole list (the larger answer).
        const list = (
          performance
            .getEntriesByType('resource')
            .filter((e) =>
              e.name.includes('/api/invoke/accounts.list'),
            ) as PerformanceResourceTiming[]
        ).reduce<PerformanceResourceTiming | undefined>(
          (a, e) => (a === undefined || e.transferSize > a.transferSize ? e : a),
          undefined,
        );
        return {
          documentResponse: nav.responseEnd,
          scriptsRun: nav.domContentLoadedEventEnd,
          accountsListReceived: list ? list.responseEnd : null,
          accountsListBytes: list ? list.transferSize : null,
          firstRowPainted: (window as unknown as BenchWindow).__bench.firstRender as number,
          wholeListShown: (window as unknown as { __whole?: number }).__whole ?? NaN,
        };
      });
    await startAndTime(minimal, minimalHost.url);
    await page.bringToFront();
    const firstEverMs = await startAndTime(page, host.url);
    await waitWholeList();
    const runs: Array<{ ms: number; phases: Awaited<ReturnType<typeof readPhases>> }> = [];
    const minimalStartsMs: number[] = [];
    // Each start opens the page anew from a blank one whose heap was just collected: what the
    // previous start left (10,000 rows in the tree) is neither torn down nor collected inside
    // the measured start, as in a window that opens.
    const cdp = {
      page: await page.context().newCDPSession(page),
      minimal: await minimal.context().newCDPSession(minimal),
    };
    const startFresh = async (p: typeof page, session: typeof cdp.page, url: string) => {
      await p.bringToFront();
      await p.goto('about:blank');
      await session.send('HeapProfiler.collectGarbage');
      return startAndTime(p, url);
    };
    for (let i = 0; i < (o.starts ?? 9); i++) {
      // In turns, so that both pages see the same load on the machine.
      minimalStartsMs.push(await startFresh(minimal, cdp.minimal, minimalHost.url));
      const ms = await startFresh(page, cdp.page, host.url);
      await waitWholeList();
      runs.push({ ms, phases: await readPhases() });
    }
    await minimal.close();
    const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
    const initialRenderMs = median.ms;
    const phases = median.phases;
    const setSizeAttr = await page
      .locator('[role="treeitem"][aria-level="1"]')
      .first()
      .getAttribute('aria-setsize')
      .catch(() => null);

    const search = page.locator('input[type="search"], [role="searchbox"]').first();
    await search.click();
    const filterMs: number[] = [];
    const echoMs: number[] = [];
    for (let round = 0; round < o.rounds; round++) {
      await search.fill('');
      await page.waitForTimeout(300);
      for (const ch of o.query) {
        await page.evaluate(() => (window as unknown as BenchWindow).__bench.arm());
        await page.keyboard.type(ch);
        const r = await page.evaluate(() => (window as unknown as BenchWindow).__bench.pending);
        filterMs.push(r.filter);
        echoMs.push(r.echo);
      }
    }
    // The filter really ran: the tree now holds only the matching accounts.
    const matched = await page
      .locator('[role="treeitem"][aria-level="1"]')
      .first()
      .getAttribute('aria-setsize')
      .catch(() => null);
    const before = (await cdp.page.send('Runtime.getHeapUsage')) as { usedSize: number };
    await cdp.page.send('HeapProfiler.collectGarbage');
    const after = (await cdp.page.send('Runtime.getHeapUsage')) as { usedSize: number };
    return {
      rows: o.rows,
      initialRenderMs,
      startsMs: runs.map((r) => r.ms),
      firstEverMs,
      minimalStartsMs,
      minimalMs:
        [...minimalStartsMs].sort((a, b) => a - b)[Math.floor(minimalStartsMs.length / 2)] ?? NaN,
      filterMs,
      echoMs,
      heapMB: after.usedSize / 2 ** 20,
      heapMBBeforeGc: before.usedSize / 2 ** 20,
      setSize: setSizeAttr === null ? null : Number(setSizeAttr),
      matchedAfterQuery: matched === null ? null : Number(matched),
      query: o.query,
      phases,
    };
  } finally {
    await browser.close();
    await host.close();
    await minimalHost.close();
  }
}
