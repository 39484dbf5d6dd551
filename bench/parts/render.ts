// The renderer's bundle, and the window in Chromium (fake host, 10,000 accounts) against a
// minimal React page built the same way: the first row, typing against the next frame, the heap.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { systemChromium } from '../../tools/chromium';
import { atMost, errText, fmt, percentile, ratio, round, under, x, type Row } from '../lib/report';
import { T, sizes, type PartContext } from './context';

const CHROMIUM = systemChromium() ?? '/usr/bin/chromium';

export async function runRender(
  ctx: PartContext,
  o: { bundle: boolean; render: boolean },
): Promise<{ bundleRows: Row[]; renderRows: Row[] }> {
  const S = sizes(ctx.quick);
  const ROWS = S.rows;
  const bundleRows: Row[] = [];
  const renderRows: Row[] = [];
  let rendererDir: string | undefined;
  let minimalDir: string | undefined;
  if (o.bundle || o.render) {
    try {
      ctx.log('building the renderer and the minimal page (vite, as electron-vite does)…');
      const { buildRenderer } = await import('../lib/renderer-build');
      const b = await buildRenderer(join(ctx.scratch, 'renderer'));
      rendererDir = b.outDir;
      if (o.render) {
        minimalDir = (await buildRenderer(join(ctx.scratch, 'minimal-page'), 'minimal-page'))
          .outDir;
      }
      const kb = b.gzBytes / 1024;
      ctx.json.bundle.rendererKBgz = round(kb, 1);
      bundleRows.push({
        metric: `renderer JavaScript, gzip (${b.files.length} file${b.files.length === 1 ? '' : 's'})`,
        value: fmt(kb, 'KB', 1),
        target: '< 250 KB',
        verdict: under(kb, 250),
      });
    } catch (e) {
      ctx.fail('bundle', e);
      bundleRows.push({
        metric: 'renderer bundle',
        value: `failed: ${errText(e)}`,
        verdict: 'n/a',
      });
    }
  }
  if (o.render && (!rendererDir || !minimalDir)) {
    renderRows.push({
      metric: 'render',
      value: 'not run: the renderer did not build',
      verdict: 'n/a',
    });
  }
  if (o.render && rendererDir && minimalDir) {
    try {
      if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
      ctx.log(`render: ${ROWS} accounts in Chromium, and the minimal page…`);
      const { runRenderBench } = await import('../lib/render');
      const r = await runRenderBench({
        rendererDir,
        minimalDir,
        rows: ROWS,
        rounds: S.renderRounds,
        query: 'payments',
        executablePath: CHROMIUM,
      });
      const p50 = percentile(r.filterMs, 50);
      const p95 = percentile(r.filterMs, 95);
      const echo95 = percentile(r.echoMs, 95);
      const vsMinimal = ratio(r.initialRenderMs, r.minimalMs);
      const vsEcho = ratio(p95, echo95);
      ctx.json.render = {
        rows: ROWS,
        initialRenderMs: round(r.initialRenderMs, 1),
        minimalPageMs: round(r.minimalMs, 1),
        firstRowVsMinimal: round(vsMinimal, 3),
        filterMsP50: round(p50, 1),
        filterMsP95: round(p95, 1),
        echoMsP95: round(echo95, 1),
        filterVsEcho: round(vsEcho, 3),
        heapMB: round(r.heapMB, 1),
      };
      renderRows.push(
        {
          metric: 'accounts fed / in the tree / left by the filter',
          value: `${r.rows} / ${r.setSize ?? 'unknown'} / ${r.matchedAfterQuery ?? 'unknown'}`,
        },
        {
          metric: `first row painted (navigation -> first row), median of ${r.startsMs.length} starts, vs the minimal page`,
          value: `${fmt(r.initialRenderMs, 'ms')} vs ${fmt(r.minimalMs, 'ms')} = ${x(vsMinimal)}`,
          target: `<= ${T.firstRowVsMinimal} x`,
          verdict: atMost(vsMinimal, T.firstRowVsMinimal),
        },
        {
          metric: '  every start; the minimal page; the very first one (nothing remembered)',
          value:
            `${r.startsMs.map((ms) => ms.toFixed(0)).join(', ')} ms; ` +
            `${r.minimalStartsMs.map((ms) => ms.toFixed(0)).join(', ')} ms; ${fmt(r.firstEverMs, 'ms', 0)}`,
        },
        {
          metric: '  ms after navigation: page / scripts / first row',
          value:
            `${r.phases.documentResponse.toFixed(0)} / ${r.phases.scriptsRun.toFixed(0)} / ` +
            `${r.phases.firstRowPainted.toFixed(0)}`,
        },
        {
          metric: `  whole list (${((r.phases.accountsListBytes ?? 0) / 2 ** 20).toFixed(1)} MB) in / all ${r.rows} rows in the tree`,
          value:
            `${r.phases.accountsListReceived?.toFixed(0) ?? '?'} / ` +
            `${r.phases.wholeListShown.toFixed(0)} ms after navigation`,
        },
        {
          metric: `filter p95 (${r.filterMs.length} keys of "${r.query}", keydown -> list painted) vs echo p95 (keydown -> next frame)`,
          value: `${fmt(p95, 'ms')} vs ${fmt(echo95, 'ms')} = ${x(vsEcho)}`,
          target: `<= ${T.filterVsEcho} x`,
          verdict: atMost(vsEcho, T.filterVsEcho),
        },
        { metric: '  filter p50', value: fmt(p50, 'ms') },
        {
          metric: 'JS heap after typing (after GC; before)',
          value: `${fmt(r.heapMB, 'MB')}; ${fmt(r.heapMBBeforeGc, 'MB')}`,
          target: '< 80 MB',
          verdict: under(r.heapMB, 80),
        },
      );
    } catch (e) {
      ctx.fail('render', e);
      renderRows.push({ metric: 'render', value: `failed: ${errText(e)}`, verdict: 'n/a' });
    }
  }

  return { bundleRows, renderRows };
}
