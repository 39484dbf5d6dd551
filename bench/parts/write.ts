// The credentials-file writer against a bare atomic write of the same bytes.
import { atMost, errText, fmt, percentile, vsBareWrite, type Row } from '../lib/report';
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
    const f = vsBareWrite(w.ms, w.bareMs);
    ctx.json.write = { profiles: PROFILES, ...f.json };
    writeRows.push(
      {
        metric: `writeProfile p50 (${w.writes} writes, ${(w.fileBytes / 2 ** 20).toFixed(1)} MB file) vs bare atomic write p50`,
        value: f.text,
        target: `<= ${T.writeVsBare} x`,
        verdict: atMost(f.vs, T.writeVsBare),
      },
      {
        metric: 'writeProfile p95; bare write p95',
        value: `${fmt(percentile(w.ms, 95), 'ms', 2)}; ${fmt(percentile(w.bareMs, 95), 'ms', 2)}`,
      },
    );
    // The same file when SSO Tray wrote every profile of it: the record knows them all, and each
    // write rewrites it too (information: the bare write is of the credentials file alone).
    const r = await runWriteBench({ profiles: PROFILES, writes: S.writes / 2, recorded: true });
    const rf = vsBareWrite(r.ms, r.bareMs);
    ctx.json.write.recorded = { recordEntries: PROFILES, recordBytes: r.recordBytes, ...rf.json };
    writeRows.push({
      metric: `the same, every profile written by SSO Tray (record of ${PROFILES} entries, ${(r.recordBytes / 2 ** 20).toFixed(1)} MB, rewritten too) vs bare write of the credentials file`,
      value: rf.text,
    });
  } catch (e) {
    ctx.fail('write', e);
    writeRows.push({ metric: 'writeProfile', value: `failed: ${errText(e)}`, verdict: 'n/a' });
  }
  return writeRows;
}
