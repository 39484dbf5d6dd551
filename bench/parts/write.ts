// The credentials-file writer against a bare atomic write of the same bytes.
import { atMost, errText, fmt, percentile, ratio, round, x, type Row } from '../lib/report';
import { T, sizes, type PartContext } from './context';

export async function runWrite(ctx: PartContext): Promise<Row[]> {
  const S = sizes(ctx.quick);
  const PROFILES = S.profiles;
  const writeRows: Row[] = [];
  try {
    ctx.log(
      `write: one profile into a credentials file of ${PROFILES} profiles, ${S.writes} times…`,
    );
    const { runWriteBench } = await import('../lib/write');
    const w = await runWriteBench({ profiles: PROFILES, writes: S.writes });
    const p50 = percentile(w.ms, 50);
    const bare = percentile(w.bareMs, 50);
    const vsBare = ratio(p50, bare);
    ctx.json.write = {
      profiles: PROFILES,
      msP50: round(p50, 2),
      bareMsP50: round(bare, 2),
      vsBareWrite: round(vsBare, 3),
    };
    writeRows.push(
      {
        metric: `writeProfile p50 (${w.writes} writes, ${(w.fileBytes / 2 ** 20).toFixed(1)} MB file) vs bare atomic write p50`,
        value: `${fmt(p50, 'ms', 2)} vs ${fmt(bare, 'ms', 2)} = ${x(vsBare)}`,
        target: `<= ${T.writeVsBare} x`,
        verdict: atMost(vsBare, T.writeVsBare),
      },
      {
        metric: 'writeProfile p95; bare write p95',
        value: `${fmt(percentile(w.ms, 95), 'ms', 2)}; ${fmt(percentile(w.bareMs, 95), 'ms', 2)}`,
      },
    );
    // The same file when SSO Tray wrote every profile of it: the record knows them all, and each
    // write rewrites it too (information: the bare write is of the credentials file alone).
    const r = await runWriteBench({ profiles: PROFILES, writes: S.writes / 2, recorded: true });
    const rp50 = percentile(r.ms, 50);
    const rBare = percentile(r.bareMs, 50);
    ctx.json.write.recorded = {
      recordEntries: PROFILES,
      recordBytes: r.recordBytes,
      msP50: round(rp50, 2),
      bareMsP50: round(rBare, 2),
      vsBareWrite: round(ratio(rp50, rBare), 3),
    };
    writeRows.push({
      metric: `the same, every profile written by SSO Tray (record of ${PROFILES} entries, ${(r.recordBytes / 2 ** 20).toFixed(1)} MB, rewritten too) vs bare write of the credentials file`,
      value: `${fmt(rp50, 'ms', 2)} vs ${fmt(rBare, 'ms', 2)} = ${x(ratio(rp50, rBare))}`,
    });
  } catch (e) {
    ctx.fail('write', e);
    writeRows.push({ metric: 'writeProfile', value: `failed: ${errText(e)}`, verdict: 'n/a' });
  }
  return writeRows;
}
