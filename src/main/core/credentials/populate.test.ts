import { describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { configNameProblem, safeConfigName } from '../../../shared/schemas';
import { isSsoTrayError } from '../errors';
import { TEST_SESSION, useConfigHome } from '../testing/config-home';
import { writeSsoProfile } from './config-file';
import {
  planPopulate,
  populateProfiles,
  profileNames,
  renderTemplate,
  templateProblem,
  type PopulateRole,
} from './populate';
import { readWrittenProfiles, writtenProfilesPath } from './written-profiles';

let env: Record<string, string>;
let config: string;
useConfigHome('populate-', (h) => ({ env, config } = h));

const session = TEST_SESSION;
const SESSION_TEXT =
  '[sso-session emu]\nsso_start_url = https://d-1234567890.awsapps.com/start\n' +
  'sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n';

const role = (accountId: string, accountName: string, roleName: string): PopulateRole => ({
  accountId,
  accountName,
  roleName,
});
const roles = [
  role('111111111111', 'Payments Prod', 'AdministratorAccess'),
  role('111111111111', 'Payments Prod', 'ReadOnly'),
  role('222222222222', 'Sandbox', 'Admin'),
];

describe('templates', () => {
  it('fills in every placeholder', () => {
    expect(
      renderTemplate('{session}/{account_id}/{account_name}/{role_name}', {
        session: 's',
        account_id: '1',
        account_name: 'n',
        role_name: 'r',
      }),
    ).toBe('s/1/n/r');
  });

  it.each([
    ['', /empty/],
    ['{account}', /unknown placeholder \{account\}/],
    ['{role_name', /not part of a placeholder/],
    ['x}', /not part of a placeholder/],
    [`{account_name}${'x'.repeat(250)}`, /longer than 256 characters/],
  ])('refuses %j', (t, message) => {
    expect(templateProblem(t)).toMatch(message);
    expect(() => profileNames(roles, t, 'emu')).toThrow(message);
  });
});

describe('names', () => {
  it('makes names safe for every AWS tool', () => {
    expect(safeConfigName('Payments Prod.Admin,=x')).toBe('Payments-Prod.Admin-x');
    expect(safeConfigName('a (b).c')).toBe('a-b.c');
    expect(safeConfigName('  -@-Team Ω (eu)!')).toBe('Team-eu');
    expect(safeConfigName('日本')).toBe('');
    expect(safeConfigName('a'.repeat(300))).toHaveLength(128);
    const names = profileNames(
      [
        role('111111111111', 'Payments Prod', 'Admin+Ops=1,2'),
        role('222222222222', '  -Team "Ω"; [x]# ', 'R'),
        role('333333333333', 'Ünïcødé', 'R'),
        role('444444444444', 'x'.repeat(200), 'R'),
      ],
      '{account_name}.{role_name}',
      'emu',
    );
    expect(names).toEqual(['Payments-Prod.Admin+Ops-1-2', 'Team-x.R', 'n-c-d.R', 'x'.repeat(128)]);
    for (const n of names) expect(configNameProblem('profile', n)).toBeNull();
  });

  it('adds the account id on a collision, then the role name', () => {
    const twins = [
      role('111111111111', 'Sandbox', 'Admin'),
      role('222222222222', 'Sandbox', 'Admin'),
      role('333333333333', 'Other', 'Admin'),
    ];
    expect(profileNames(twins, DEFAULT, 'emu')).toEqual([
      'Sandbox.Admin.111111111111',
      'Sandbox.Admin.222222222222',
      'Other.Admin',
    ]);
    // no {role_name}: the roles of one account differ only by role name
    expect(profileNames(roles, '{account_name}', 'emu')).toEqual([
      'Payments-Prod.111111111111.AdministratorAccess',
      'Payments-Prod.111111111111.ReadOnly',
      'Sandbox',
    ]);
    // names that are nothing but punctuation or reserved get the account id
    expect(profileNames([role('111111111111', '日本', 'R')], '{account_name}', 'emu')).toEqual([
      '111111111111',
    ]);
    expect(profileNames([role('111111111111', 'default', 'R')], '{account_name}', 'emu')).toEqual([
      'default.111111111111',
    ]);
  });

  it('never gives two roles one name, even when names are made to look alike', () => {
    const tricky = [
      role('111111111111', 'A', 'R'),
      role('222222222222', 'A', 'R'),
      role('333333333333', 'A.R.111111111111', 'x'),
    ];
    const names = profileNames(tricky, '{account_name}', 'emu');
    expect(new Set(names).size).toBe(3);
    for (const n of names) expect(configNameProblem('profile', n)).toBeNull();
  });
});

const DEFAULT = '{account_name}.{role_name}';

describe('populateProfiles', () => {
  it('writes one sso_session profile per role in one write, and records them', async () => {
    writeFileSync(config, `# mine\n${SESSION_TEXT}\n[profile other]\nregion = eu-west-2\n`, {
      mode: 0o644,
    });
    const plan = await populateProfiles({ env, session, roles, region: 'eu-west-1' });
    expect(plan.add.map((a) => a.profileName)).toEqual([
      'Payments-Prod.AdministratorAccess',
      'Payments-Prod.ReadOnly',
      'Sandbox.Admin',
    ]);
    expect(plan.change).toEqual([]);
    expect(readFileSync(config, 'utf8')).toBe(
      `# mine\n${SESSION_TEXT}\n[profile other]\nregion = eu-west-2\n\n` +
        '[profile Payments-Prod.AdministratorAccess]\nsso_session = emu\n' +
        'sso_account_id = 111111111111\nsso_role_name = AdministratorAccess\nregion = eu-west-1\n\n' +
        '[profile Payments-Prod.ReadOnly]\nsso_session = emu\nsso_account_id = 111111111111\n' +
        'sso_role_name = ReadOnly\nregion = eu-west-1\n\n' +
        '[profile Sandbox.Admin]\nsso_session = emu\nsso_account_id = 222222222222\n' +
        'sso_role_name = Admin\nregion = eu-west-1\n',
    );
    expect(statSync(config).mode & 0o777).toBe(0o644);
    const record = await readWrittenProfiles(writtenProfilesPath(env));
    expect(record.map((r) => [r.profileName, r.kind, r.populated, r.session])).toEqual([
      ['Payments-Prod.AdministratorAccess', 'config', true, 'emu'],
      ['Payments-Prod.ReadOnly', 'config', true, 'emu'],
      ['Sandbox.Admin', 'config', true, 'emu'],
    ]);
  });

  it("uses the session's region, and adds the [sso-session] when it is missing", async () => {
    const plan = await populateProfiles({ env, session, roles: roles.slice(2) });
    expect(plan.sessionAdded).toBe(true);
    expect(readFileSync(config, 'utf8')).toBe(
      `${SESSION_TEXT}\n[profile Sandbox.Admin]\nsso_session = emu\n` +
        'sso_account_id = 222222222222\nsso_role_name = Admin\nregion = us-east-1\n',
    );
  });

  it('a second run with nothing new leaves the file and the record byte-identical', async () => {
    writeFileSync(config, `${SESSION_TEXT}\r\n[default]\r\nregion = x\r\n`);
    await populateProfiles({ env, session, roles });
    const text = readFileSync(config, 'utf8');
    const record = readFileSync(writtenProfilesPath(env), 'utf8');
    const again = await populateProfiles({ env, session, roles, prune: true });
    expect(again.add).toEqual([]);
    expect(again.change).toEqual([]);
    expect(again.remove).toEqual([]);
    expect(again.unchanged).toBe(3);
    expect(readFileSync(config, 'utf8')).toBe(text);
    expect(readFileSync(writtenProfilesPath(env), 'utf8')).toBe(record);
  });

  it('updates its own profiles (region, a key added by hand stays) and never others', async () => {
    await populateProfiles({ env, session, roles });
    const withOutput = readFileSync(config, 'utf8').replace(
      '[profile Sandbox.Admin]\n',
      '[profile Sandbox.Admin]\noutput = json\n',
    );
    // someone else's profile under a name populate would choose
    writeFileSync(
      config,
      withOutput.replace(
        /\[profile Payments-Prod\.ReadOnly\][^[]*/,
        '[profile Payments-Prod.ReadOnly]\naws_access_key_id = AKIAEXAMPLE\n\n',
      ),
    );
    const before = readFileSync(config, 'utf8');
    const plan = await populateProfiles({ env, session, roles, region: 'eu-central-1' });
    // the taken name: the role gets the account id added, the other profile stays
    expect(plan.add.map((a) => a.profileName)).toEqual(['Payments-Prod.ReadOnly.111111111111']);
    expect(plan.change.map((a) => a.profileName)).toEqual([
      'Payments-Prod.AdministratorAccess',
      'Sandbox.Admin',
    ]);
    const after = readFileSync(config, 'utf8');
    expect(after).toContain(
      '[profile Payments-Prod.ReadOnly]\naws_access_key_id = AKIAEXAMPLE\n\n',
    );
    expect(after).toContain(
      '[profile Sandbox.Admin]\noutput = json\nsso_session = emu\nsso_account_id = 222222222222\n' +
        'sso_role_name = Admin\nregion = eu-central-1\n',
    );
    expect(after.startsWith(before.slice(0, before.indexOf('[profile Payments-Prod.Admin')))).toBe(
      true,
    );
  });

  it('prunes only the profiles populate wrote for the session that are no longer wanted', async () => {
    writeFileSync(config, SESSION_TEXT);
    await populateProfiles({ env, session, roles });
    // one written on its own (not by populate), one changed by hand since
    await writeSsoProfile({
      env,
      profileName: 'mine',
      session,
      accountId: '222222222222',
      roleName: 'Gone',
    });
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'sso_role_name = ReadOnly',
        'sso_role_name = ReadOnlyByHand',
      ),
    );
    const dry = await planPopulate({ env, session, roles: roles.slice(2), prune: true });
    expect(dry.remove).toEqual(['Payments-Prod.AdministratorAccess']);
    expect(dry.keptChanged).toEqual(['Payments-Prod.ReadOnly']);
    const before = readFileSync(config, 'utf8');
    // without --prune nothing goes
    const kept = await populateProfiles({ env, session, roles: roles.slice(2) });
    expect(kept.remove).toEqual([]);
    expect(readFileSync(config, 'utf8')).toBe(before);

    const plan = await populateProfiles({ env, session, roles: roles.slice(2), prune: true });
    expect(plan.remove).toEqual(['Payments-Prod.AdministratorAccess']);
    const after = readFileSync(config, 'utf8');
    expect(after).not.toContain('[profile Payments-Prod.AdministratorAccess]');
    expect(after).toContain('sso_role_name = ReadOnlyByHand');
    expect(after).toContain('[profile mine]');
    expect(after).toContain('[profile Sandbox.Admin]');
    const record = await readWrittenProfiles(writtenProfilesPath(env));
    expect(record.map((r) => r.profileName).sort()).toEqual([
      'Payments-Prod.ReadOnly',
      'Sandbox.Admin',
      'mine',
    ]);
  });

  it('with pruneOnly, removes only the names listed (what the user confirmed)', async () => {
    writeFileSync(config, SESSION_TEXT);
    await populateProfiles({ env, session, roles });
    const rest = roles.slice(2);
    const dry = await planPopulate({ env, session, roles: rest, prune: true });
    expect(dry.remove).toEqual(['Payments-Prod.AdministratorAccess', 'Payments-Prod.ReadOnly']);
    const plan = await populateProfiles({
      env,
      session,
      roles: rest,
      prune: true,
      pruneOnly: ['Payments-Prod.ReadOnly'],
    });
    expect(plan.remove).toEqual(['Payments-Prod.ReadOnly']);
    const after = readFileSync(config, 'utf8');
    expect(after).toContain('[profile Payments-Prod.AdministratorAccess]');
    expect(after).not.toContain('[profile Payments-Prod.ReadOnly]');
    const record = await readWrittenProfiles(writtenProfilesPath(env));
    expect(record.map((r) => r.profileName).sort()).toEqual([
      'Payments-Prod.AdministratorAccess',
      'Sandbox.Admin',
    ]);
  });

  it('a dry run writes nothing and says what would happen', async () => {
    writeFileSync(config, SESSION_TEXT);
    const plan = await planPopulate({ env, session, roles });
    expect(plan.add).toHaveLength(3);
    expect(plan.names).toEqual([
      'Payments-Prod.AdministratorAccess',
      'Payments-Prod.ReadOnly',
      'Sandbox.Admin',
    ]);
    expect(readFileSync(config, 'utf8')).toBe(SESSION_TEXT);
    await expect(readWrittenProfiles(writtenProfilesPath(env))).resolves.toEqual([]);
  });

  it('refuses a file the AWS tools cannot read, changing nothing', async () => {
    writeFileSync(config, '[profile broken\n');
    const e = await populateProfiles({ env, session, roles }).catch((x: unknown) => x);
    expect(isSsoTrayError(e, 'FILE')).toBe(true);
    await expect(planPopulate({ env, session, roles })).rejects.toThrow(/Line 1/);
    expect(readFileSync(config, 'utf8')).toBe('[profile broken\n');
  });

  it('2,000 accounts with 7,000 roles: one write, every profile, each readable', async () => {
    const many: PopulateRole[] = [];
    for (let a = 0; a < 2000; a++) {
      const id = String(100000000000 + a);
      for (let r = 0; r < (a % 2 === 0 ? 3 : 4); r++)
        many.push(role(id, `Account ${a}`, `Role${r}`));
    }
    writeFileSync(config, SESSION_TEXT);
    const plan = await populateProfiles({ env, session, roles: many });
    expect(plan.add).toHaveLength(7000);
    const text = readFileSync(config, 'utf8');
    expect(text.match(/^\[profile /gm)).toHaveLength(7000);
    const again = await populateProfiles({ env, session, roles: many.slice(1), prune: true });
    expect(again.remove).toEqual(['Account-0.Role0']);
    expect(readFileSync(config, 'utf8').match(/^\[profile /gm)).toHaveLength(6999);
  }, 60_000);
});
