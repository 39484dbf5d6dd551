// The tray menu model for 10,000 accounts, against the listing's own sort of them.
import { errText, fmt, median, ratio, round, under, x, type Row } from '../lib/report';
import { T, sizes, type PartContext } from './context';

export async function runTray(ctx: PartContext): Promise<Row[]> {
  const S = sizes(ctx.quick);
  const TRAY_ACCOUNTS = S.trayAccounts;
  const trayRows: Row[] = [];
  try {
    ctx.log(`tray: the menu model for ${TRAY_ACCOUNTS} accounts, ${S.trayRuns} times…`);
    const { runTrayBench } = await import('../lib/tray');
    const t = runTrayBench({ accounts: TRAY_ACCOUNTS, runs: S.trayRuns });
    const menuMs = median(t.menuMs);
    const sortMs = median(t.sortMs);
    ctx.json.tray = {
      accounts: TRAY_ACCOUNTS,
      menuMs: round(menuMs, 1),
      sortMs: round(sortMs, 1),
      vsSort: round(ratio(menuMs, sortMs), 3),
    };
    trayRows.push(
      {
        metric: `menu model, ${TRAY_ACCOUNTS} accounts (median of ${t.menuMs.length})`,
        value: `${fmt(menuMs, 'ms')} (${x(ratio(menuMs, sortMs))} the listing's sort of them, ${fmt(sortMs, 'ms')})`,
        target: `< ${T.trayMenuMs} ms`,
        verdict: under(menuMs, T.trayMenuMs),
      },
      {
        metric: '  every item built (walking the whole menu)',
        value: `${t.items} items, ${fmt(t.everyItemMs, 'ms', 0)}`,
      },
    );
  } catch (e) {
    ctx.fail('tray', e);
    trayRows.push({ metric: 'tray', value: `failed: ${errText(e)}`, verdict: 'n/a' });
  }
  return trayRows;
}
