import { awsPaths } from '../../main/core/aws-paths';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../types';

const usage = `Usage: sso-tray sessions [--json]

Lists the sign-in sessions of the config file (~/.aws/config or AWS_CONFIG_FILE): each
[sso-session], and each start URL of legacy SSO profiles (sso_start_url in a profile without
sso_session), with its sign-in state. Sections that cannot be used are listed after them with
the reason and the fix. Reading never changes the file.
  --json             print {"configFile","sessions":[...],"issues":[...]}`;

export const sessions: CliCommand = {
  name: 'sessions',
  summary: 'list the sign-in sessions of the config file and what in it cannot be used',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(args, { json: { type: 'boolean' } }, usage);
    const core = ctx.core();
    const configFile = awsPaths(ctx.env).configFile;
    const reading = await core.readConfig();
    const rows = await Promise.all(
      reading.sessions.map(async (s) => {
        const st = await core.status(s.name);
        return {
          name: s.name,
          kind: s.kind,
          startUrl: s.startUrl,
          region: s.region,
          state: st.state,
          expiresAt: st.expiresAt === undefined ? null : new Date(st.expiresAt).toISOString(),
          profiles: s.profiles,
        };
      }),
    );
    if (v.json) {
      ctx.stdout.write(
        `${JSON.stringify({ configFile, sessions: rows, issues: reading.issues }, null, 2)}\n`,
      );
      return 0;
    }
    const out: string[] = [];
    if (rows.length === 0) out.push(`No usable session in ${configFile}.`);
    for (const r of rows) {
      const until = r.expiresAt === null || r.state !== 'signed-in' ? '' : ` until ${r.expiresAt}`;
      const legacy = r.kind === 'legacy' ? ` (legacy profiles: ${r.profiles.join(', ')})` : '';
      out.push(`${r.name}  ${r.startUrl}  ${r.region}  ${r.state}${until}${legacy}`);
    }
    if (reading.issues.length > 0) {
      out.push('', `Cannot be used in ${configFile}:`);
      for (const i of reading.issues) {
        const where = i.section === null ? 'the file' : `[${i.section}]`;
        out.push(`  ${where} (line ${i.line}): ${i.reason}.`, `    ${i.fix}`);
      }
    }
    ctx.stdout.write(`${out.join('\n')}\n`);
    return 0;
  },
};
