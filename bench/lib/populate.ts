// Populate bench: `populateProfiles` (one sso_session profile per account and role, one checked
// atomic write of the config file and one replace of the record) for an organisation already
// listed, into a config file holding an [sso-session] and some hand-written profiles; then the
// same run again with nothing new (which writes nothing). Against a bare atomic write of the
// bytes the first run produced (temp file, fsync, rename) on the same disk.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { populateProfiles, type PopulateRole } from '../../src/main/core/credentials/populate';
import { createSandboxHome, ssoSessionSection } from '../../tools/sandbox-home';
import { bareAtomicWrite } from './write';

export interface PopulateBenchResult {
  accounts: number;
  roles: number;
  /** The first run (every profile added), ms per round. */
  ms: number[];
  /** The second run (nothing new), ms per round. */
  againMs: number[];
  /** The bare atomic write of the first run's bytes, ms per round. */
  bareMs: number[];
  fileBytes: number;
}

const session = {
  name: 'bench',
  startUrl: 'https://d-1234567890.awsapps.com/start',
  region: 'eu-west-1',
  scopes: ['sso:account:access'],
};

export async function runPopulateBench(o: {
  accounts: number;
  rounds: number;
}): Promise<PopulateBenchResult> {
  const roles: PopulateRole[] = [];
  const names = ['AdministratorAccess', 'ReadOnlyAccess', 'PowerUserAccess', 'Billing'];
  for (let a = 0; a < o.accounts; a++) {
    // 3 or 4 roles an account: 2,000 accounts have 7,000 roles
    for (let r = 0; r < (a % 2 === 0 ? 3 : 4); r++) {
      roles.push({
        accountId: String(100000000000 + a),
        accountName: `Team ${a} (${a % 3 === 0 ? 'prod' : 'dev'})`,
        roleName: names[r] ?? 'Role',
      });
    }
  }
  const original =
    '# by hand\n[default]\nregion = eu-west-1\n\n' +
    `${ssoSessionSection(session)}\n[profile mine]\nregion = us-east-1\n`;
  const out: PopulateBenchResult = {
    accounts: o.accounts,
    roles: roles.length,
    ms: [],
    againMs: [],
    bareMs: [],
    fileBytes: 0,
  };
  for (let i = 0; i < o.rounds; i++) {
    const sandbox = await createSandboxHome({ prefix: 'sso-tray-bench-populate-' });
    try {
      const aws = join(sandbox.home, '.aws');
      const file = sandbox.configFile;
      writeFileSync(file, original, { mode: 0o600 });
      const env = sandbox.env;
      let start = performance.now();
      const plan = await populateProfiles({ env, session, roles });
      out.ms.push(performance.now() - start);
      if (plan.add.length !== roles.length) {
        throw new Error(`populate added ${plan.add.length} of ${roles.length} profiles`);
      }
      start = performance.now();
      await populateProfiles({ env, session, roles });
      out.againMs.push(performance.now() - start);
      const bytes = readFileSync(file);
      out.fileBytes = bytes.length;
      start = performance.now();
      await bareAtomicWrite(join(aws, 'bare-write'), bytes);
      out.bareMs.push(performance.now() - start);
    } finally {
      await sandbox.cleanup();
    }
  }
  return out;
}
