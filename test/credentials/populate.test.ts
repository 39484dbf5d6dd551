// `sso-tray populate` through the bundled CLI against the emulator, and the profiles it writes
// read by botocore (every one) and used by the AWS CLI (`aws --profile P sts
// get-caller-identity`, which signs in through the shared token cache and GetRoleCredentials).
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseIni } from '../../src/main/core/files/ini-parse';
import { readWrittenProfiles } from '../../src/main/core/credentials/written-profiles';
import { botocorePython, login, runAsync } from './helpers';
import type { RunningEmulator } from '../support/emulator';
import type { SandboxHome } from '../support/sandbox-home';
import { useSandboxPerTest } from '../support/signed-in';
import { cli } from '../support/cli';
import { populateRoles } from '../../src/cli/commands/populate';

const PY = botocorePython();
const AWS_V1 =
  spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0 ? 'aws' : undefined;
if (!PY) console.warn('populate: python3 with botocore not found, botocore checks skipped');
if (!AWS_V1) console.warn('populate: no `aws` on PATH, the AWS CLI check is skipped');

const safe = (s: string) =>
  s
    .replace(/[^A-Za-z0-9_.:@+/-]+/g, '-')
    .replace(/-*\.-*/g, '.')
    .replace(/^[^A-Za-z0-9_]+/, '')
    .replace(/-+$/, '');

describe('sso-tray populate', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  useSandboxPerTest({ accounts: 5, rolesPerAccount: 3 }, (s) => ({ emu, h } = s));

  // in the order populate writes them (accounts by name, then roles: shared/account-order)
  const allRoles = () =>
    populateRoles(
      emu.organisation.accounts,
      new Map(
        emu.organisation.accounts.map((a) => [
          a.accountId,
          a.roles.map((roleName) => ({ accountId: a.accountId, roleName })),
        ]),
      ),
    );

  it('dry run, write, second run byte-identical, prune; every other byte kept', async () => {
    await login(h.env);
    const mine = '# my notes\n[profile mine]\nregion = eu-west-2   \n\n';
    writeFileSync(h.configFile, mine + readFileSync(h.configFile, 'utf8'));
    const before = readFileSync(h.configFile, 'utf8');
    const expected = allRoles().map((r) => `${safe(r.accountName)}.${safe(r.roleName)}`);
    expect(new Set(expected).size).toBe(expected.length);

    const dry = await cli(['populate', '--dry-run'], h.env);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`Would add ${expected.length}, change 0 and remove 0 profiles`);
    for (const name of expected) expect(dry.stdout).toContain(`  + ${name}  (`);
    expect(readFileSync(h.configFile, 'utf8')).toBe(before);

    const w = await cli(['populate', '--region', 'eu-west-1'], h.env);
    expect(w.stderr).toBe('');
    expect(w.code).toBe(0);
    expect(w.stdout).toContain(`Added ${expected.length}, changed 0 and removed 0 profiles`);
    const text = readFileSync(h.configFile, 'utf8');
    expect(text.startsWith(before)).toBe(true);
    const sections = new Map(parseIni(text).map((s) => [s.header, s.values]));
    allRoles().forEach((r, i) => {
      expect(sections.get(`profile ${expected[i]}`)).toEqual({
        sso_session: 'emu',
        sso_account_id: r.accountId,
        sso_role_name: r.roleName,
        region: 'eu-west-1',
      });
    });

    const again = await cli(['populate', '--region', 'eu-west-1', '--prune'], h.env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Added 0, changed 0 and removed 0 profiles`);
    expect(readFileSync(h.configFile, 'utf8')).toBe(text);

    // another template: the new names are added, the old ones pruned, [profile mine] stays
    const other = await cli(
      ['populate', '--template', '{account_id}-{role_name}', '--prune'],
      h.env,
    );
    expect(other.stderr).toBe('');
    expect(other.code).toBe(0);
    expect(other.stdout).toContain(
      `Added ${expected.length}, changed 0 and removed ${expected.length} profiles`,
    );
    const pruned = readFileSync(h.configFile, 'utf8');
    expect(pruned.startsWith(mine)).toBe(true);
    const headers = parseIni(pruned).map((s) => s.header);
    expect(headers.filter((x) => x.startsWith('profile '))).toEqual([
      'profile mine',
      ...allRoles().map((r) => `profile ${r.accountId}-${r.roleName}`),
    ]);
    const record = await readWrittenProfiles(`${h.home}/.aws/sso-tray/written-profiles.json`);
    expect(record.filter((p) => p.populated === true)).toHaveLength(expected.length);
  });

  it('usage errors exit 2, a missing sign-in 3, and nothing is written', async () => {
    const before = readFileSync(h.configFile, 'utf8');
    for (const [args, message] of [
      [['populate', '--template', '{account}'], /unknown placeholder \{account\}/],
      [['populate', '--template', ''], /--template needs a value/],
      [['populate', '--region', 'moon-1'], /region/i],
      [['populate', '--bogus'], /Unknown option '--bogus'/],
    ] as Array<[string[], RegExp]>) {
      const r = await cli(args, h.env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const r = await cli(['populate'], h.env);
    expect(r.code).toBe(3);
    expect(readFileSync(h.configFile, 'utf8')).toBe(before);
  });

  it.skipIf(!PY)('botocore loads every populated profile', async () => {
    await login(h.env);
    expect((await cli(['populate'], h.env)).code).toBe(0);
    const names = parseIni(readFileSync(h.configFile, 'utf8'))
      .filter((s) => s.header.startsWith('profile '))
      .map((s) => s.header.slice('profile '.length));
    const py = await runAsync(
      'python3',
      [
        '-c',
        `
import json, sys, botocore.session
out = {}
for name in json.loads(sys.argv[1]):
    c = botocore.session.Session(profile=name).get_scoped_config()
    out[name] = [c.get("sso_session"), c.get("sso_account_id"), c.get("sso_role_name")]
print(json.dumps({"available": botocore.session.Session().available_profiles, "read": out}))
`,
        JSON.stringify(names),
      ],
      h.env,
    );
    expect(py.stderr).toBe('');
    const got = JSON.parse(py.stdout) as {
      available: string[];
      read: Record<string, [string, string, string]>;
    };
    expect(got.available).toEqual(expect.arrayContaining(names));
    const roles = allRoles();
    const key = (x: string[]) => x.join(' ');
    expect(Object.values(got.read).map(key).sort()).toEqual(
      roles.map((r) => key(['emu', r.accountId, r.roleName])).sort(),
    );
    expect(names).toHaveLength(roles.length);
  });

  it.skipIf(!AWS_V1)('the AWS CLI uses a populated profile: sts get-caller-identity', async () => {
    await login(h.env);
    expect((await cli(['populate'], h.env)).code).toBe(0);
    const r = allRoles()[4];
    const name = `${safe(r?.accountName ?? '')}.${safe(r?.roleName ?? '')}`;
    const out = await runAsync(
      'aws',
      ['--profile', name, 'sts', 'get-caller-identity', '--output', 'json'],
      h.env,
    );
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const id = JSON.parse(out.stdout) as { Account: string; Arn: string };
    expect(id.Account).toBe(r?.accountId);
    expect(id.Arn).toBe(`arn:aws:sts::${r?.accountId}:assumed-role/${r?.roleName}/${emu.userName}`);
  });
});
