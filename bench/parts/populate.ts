// Populate for an organisation already listed, against a bare atomic write (information only).
import { errText, fmt, percentile, round, vsBareWrite, type Row } from '../lib/report';
import { sizes, type PartContext } from './context';

export async function runPopulate(ctx: PartContext): Promise<Row[]> {
  const POPULATE = sizes(ctx.quick).populate;
  const populateRows: Row[] = [];
  try {
    ctx.log(
      `populate: a profile for every role of ${POPULATE.accounts} accounts, ${POPULATE.rounds} times…`,
    );
    const { runPopulateBench } = await import('../lib/populate');
    const r = await runPopulateBench(POPULATE);
    const f = vsBareWrite(r.ms, r.bareMs);
    const again = percentile(r.againMs, 50);
    ctx.json.populate = {
      accounts: r.accounts,
      roles: r.roles,
      ...f.json,
      againMsP50: round(again, 2),
    };
    populateRows.push(
      {
        metric: `populate p50 (${r.accounts} accounts, ${r.roles} roles, ${(r.fileBytes / 2 ** 20).toFixed(1)} MB file) vs bare atomic write p50`,
        value: f.text,
      },
      { metric: 'populate again, nothing new (writes nothing), p50', value: fmt(again, 'ms', 2) },
    );
  } catch (e) {
    ctx.fail('populate', e);
    populateRows.push({ metric: 'populate', value: `failed: ${errText(e)}`, verdict: 'n/a' });
  }
  return populateRows;
}
