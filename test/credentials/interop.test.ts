// The AWS tools read what SSO Tray writes: botocore, the Debian AWS CLI v2 (/usr/bin/aws; the
// `aws` on PATH may be v1) and the JS SDK, for credentials-file profiles and credential_process.
// Each tool is skipped with a message when it is not installed.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeProfile } from '../../src/main/core/credentials/credentials-file';
import { parseIni } from '../../src/main/core/files/ini-parse';
import { botocorePython, login, python, runAsync } from './helpers';
import { startTestEmulator, type RunningEmulator } from '../support/emulator';
import { sandboxHome, type SandboxHome } from '../support/sandbox-home';
import { CLI, cli, ROOT } from '../support/cli';

const PY = botocorePython();
const AWS_V2 = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : undefined;
if (!PY) console.warn('interop: python3 with botocore not found, botocore checks skipped');
if (!AWS_V2) console.warn('interop: /usr/bin/aws (AWS CLI v2) not found, its checks skipped');

const BOTOCORE_CREDS = `
import json, sys, botocore.session
s = botocore.session.Session(profile=sys.argv[1])
c = s.get_credentials().get_frozen_credentials()
print(json.dumps({"accessKeyId": c.access_key, "secretAccessKey": c.secret_key, "sessionToken": c.token}))
`;

const creds = {
  accessKeyId: 'ASIAINTEROPEXAMPLE01',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYzEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE/token+with=chars==',
  expiration: Date.now() + 3600_000,
};
const { expiration: _e, ...values } = creds;

describe('interop with the AWS tools', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  beforeAll(async () => {
    emu = await startTestEmulator({ accounts: 2, rolesPerAccount: 1, autoApprove: true });
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    h = await sandboxHome(emu);
  });
  afterEach(() => h.cleanup());

  async function writeIntoHandWrittenFile(): Promise<void> {
    const file = h.env.AWS_SHARED_CREDENTIALS_FILE ?? '';
    writeFileSync(
      file,
      '# mine\r\n[default]\r\naws_access_key_id = AKIAEXAMPLE\r\naws_secret_access_key = x\r\n' +
        '\r\n[old_123456789012_Admin]\r\naws_access_key_id=ASIAOLD\r\naws_security_token=stale\r\n',
    );
    const before = readFileSync(file);
    const args = {
      env: h.env,
      profileName: 'old_123456789012_Admin',
      credentials: creds,
      accountId: '123456789012',
      roleName: 'Admin',
      session: 'emu',
    };
    // another tool's temporary keys: replaced only once the user confirmed (force)
    await expect(writeProfile(args)).rejects.toMatchObject({ code: 'PROFILE_NOT_OURS' });
    expect(readFileSync(file).equals(before)).toBe(true);
    await writeProfile({ ...args, force: true });
  }

  it.skipIf(!PY)('botocore reads the written profile', async () => {
    await writeIntoHandWrittenFile();
    const out = python(BOTOCORE_CREDS, ['old_123456789012_Admin'], h.env);
    expect(JSON.parse(out)).toEqual(values);
    // and the untouched [default] still reads as before
    expect(JSON.parse(python(BOTOCORE_CREDS, ['default'], h.env))).toMatchObject({
      accessKeyId: 'AKIAEXAMPLE',
    });
  });

  it.skipIf(!AWS_V2)('aws configure export-credentials returns the same values', async () => {
    await writeIntoHandWrittenFile();
    const r = spawnSync(
      AWS_V2 ?? 'aws',
      ['configure', 'export-credentials', '--profile', 'old_123456789012_Admin'],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...h.env } },
    );
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      Version: 1,
      AccessKeyId: values.accessKeyId,
      SecretAccessKey: values.secretAccessKey,
      SessionToken: values.sessionToken,
    });
  });

  it('the JS SDK signs an STS call with the written profile and the emulator accepts it', async () => {
    await login(h.env);
    const [a] = emu.organisation.accounts;
    const role = a?.roles[0] ?? '';
    const w = await cli(['write-profile', '--account', a?.accountId ?? '', '--role', role], h.env);
    expect(w.code).toBe(0);
    const saved = { ...process.env };
    try {
      Object.assign(process.env, h.env);
      const sts = new STSClient({
        region: 'us-east-1',
        endpoint: emu.url,
        profile: `${a?.accountId}_${role}`,
      });
      const who = await sts.send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe(`arn:aws:sts::${a?.accountId}:assumed-role/${role}/${emu.userName}`);
      sts.destroy();
    } finally {
      for (const k of Object.keys(h.env)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  it.skipIf(!PY)(
    'botocore resolves credentials through a credential_process profile and STS accepts them',
    async () => {
      await login(h.env);
      const [a] = emu.organisation.accounts;
      const role = a?.roles[0] ?? '';
      const w = await cli(
        [
          'write-config-profile',
          '--account',
          a?.accountId ?? '',
          '--role',
          role,
          '--profile',
          'cp',
          '--credential-process',
        ],
        h.env,
      );
      expect(w.code).toBe(0);
      const py = await runAsync(
        'python3',
        [
          '-c',
          `
import json, sys, botocore.session
s = botocore.session.Session(profile='cp')
c = s.get_credentials().get_frozen_credentials()
sts = s.create_client('sts', region_name='us-east-1', endpoint_url=sys.argv[1])
print(json.dumps({"keyId": c.access_key, "arn": sts.get_caller_identity()["Arn"]}))
`,
          emu.url,
        ],
        h.env,
      );
      expect(py.stderr).toBe('');
      const out = py.stdout;
      const got = JSON.parse(out) as { keyId: string; arn: string };
      expect(got.keyId).toMatch(/^ASIA/);
      expect(emu.state().issuedAccessKeyIds).toContain(got.keyId);
      expect(got.arn).toBe(`arn:aws:sts::${a?.accountId}:assumed-role/${role}/${emu.userName}`);
      if (AWS_V2) {
        const r = await runAsync(
          AWS_V2,
          ['--profile', 'cp', 'sts', 'get-caller-identity', '--endpoint-url', emu.url],
          { AWS_REGION: 'us-east-1', ...h.env },
        );
        expect(r.stderr).toBe('');
        expect((JSON.parse(r.stdout) as { Arn: string }).Arn).toBe(got.arn);
      }
    },
  );

  it.skipIf(!PY)(
    'botocore and the JS SDK run the credential_process line of an install path with spaces and quotes',
    async () => {
      await login(h.env);
      // sso-tray installed in a folder that sh and shlex would split or unquote if written bare
      const dir = join(h.home, `it's "my" tools`);
      mkdirSync(dir);
      copyFileSync(CLI, join(dir, 'sso-tray.cjs'));
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      const [a] = emu.organisation.accounts;
      const role = a?.roles[0] ?? '';
      const w = await runAsync(
        process.execPath,
        [
          join(dir, 'sso-tray.cjs'),
          'write-config-profile',
          '--account',
          a?.accountId ?? '',
          '--role',
          role,
          '--profile',
          'quoted',
          '--credential-process',
        ],
        h.env,
      );
      expect(w.stderr).toBe('');
      const line = /^credential_process = (.*)$/m.exec(readFileSync(h.configFile, 'utf8'))?.[1];
      expect(line).toBe(
        `${process.execPath} '${h.home}/it'\\''s "my" tools/sso-tray.cjs' credential-process ` +
          `--account ${a?.accountId} --role ${role} --session emu`,
      );
      const py = await runAsync(
        'python3',
        [
          '-c',
          `
import json, sys, botocore.session
s = botocore.session.Session(profile='quoted')
c = s.get_credentials().get_frozen_credentials()
sts = s.create_client('sts', region_name='us-east-1', endpoint_url=sys.argv[1])
print(json.dumps({"keyId": c.access_key, "arn": sts.get_caller_identity()["Arn"]}))
`,
          emu.url,
        ],
        h.env,
      );
      expect(py.stderr).toBe('');
      const got = JSON.parse(py.stdout) as { keyId: string; arn: string };
      expect(emu.state().issuedAccessKeyIds).toContain(got.keyId);
      expect(got.arn).toBe(`arn:aws:sts::${a?.accountId}:assumed-role/${role}/${emu.userName}`);
      // the JS SDK runs the same line through /bin/sh
      const saved = { ...process.env };
      try {
        for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
        Object.assign(process.env, h.env);
        const sts = new STSClient({ region: 'us-east-1', endpoint: emu.url, profile: 'quoted' });
        const who = await sts.send(new GetCallerIdentityCommand({}));
        expect(who.Arn).toBe(got.arn);
        const keyId = (await sts.config.credentials()).accessKeyId;
        expect(emu.state().issuedAccessKeyIds).toContain(keyId);
        sts.destroy();
      } finally {
        for (const k of Object.keys(h.env)) delete process.env[k];
        Object.assign(process.env, saved);
      }
    },
  );

  it.skipIf(!PY)('parseIni reads tricky files exactly as botocore does', () => {
    const corpus = [
      '[a]\nKey = V\nother: x:y = z\n',
      '[profile dev]\ns3 =\n  max_concurrent_requests = 20\n  signature_version = s3v4\nregion = eu\n',
      '[a]\nk = v # not a comment ; at all\n  # indented comment\nj=\n',
      '# c\r\n; c\r\n[ spaced ]\r\nk=v\r\n\r\n[other]\r\n  k2  =  v2  \r\n',
      '[a] trailing\nk = \u00fcn\u00efc\u00f6d\u00e9 \u2713\n',
      '[a]\nk = 1\n\n  continued after blank\nn = 2\n',
    ];
    for (const text of corpus) {
      const file = `${h.home}/corpus.ini`;
      writeFileSync(file, text);
      const theirs = JSON.parse(
        python(
          'import json, sys\nfrom botocore.configloader import raw_config_parse\n' +
            'print(json.dumps(raw_config_parse(sys.argv[1], parse_subsections=False)))',
          [file],
          h.env,
        ),
      ) as Record<string, Record<string, string>>;
      // botocore keeps headers as written inside the brackets; ours are trimmed and collapsed
      const normalised = Object.fromEntries(
        Object.entries(theirs).map(([k, v]) => [k.trim().replace(/\s+/g, ' '), v]),
      );
      const ours = Object.fromEntries(
        parseIni(readFileSync(file, 'utf8')).map((s) => [s.header, s.values]),
      );
      expect(ours, text).toEqual(normalised);
    }
  });

  it.skipIf(!PY)('parseIni agrees with botocore on 300 generated files botocore accepts', () => {
    // botocore (configparser strict mode) rejects duplicate sections or keys, keys outside a
    // section and lines without a delimiter, so the generator produces none of those.
    const keyArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
    const valueArb = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9/+=:#; ]{0,12}$/),
      fc.constantFrom('\u00fcn\u00efc\u00f6d\u00e9', 'a = b', ''),
    );
    const sectionArb = fc.record({
      name: fc.stringMatching(/^[A-Za-z0-9_.-]{1,8}$/),
      pad: fc.constantFrom('', ' '),
      lines: fc.uniqueArray(
        fc.tuple(
          keyArb,
          fc.constantFrom(' = ', '=', ': ', ' =  '),
          valueArb,
          fc.constantFrom('', '  nested = 1', '  a\n\n  b'),
        ),
        { selector: ([k]) => k, maxLength: 5 },
      ),
      extra: fc.constantFrom('', '# comment\n', '\n', '  ; indented comment\n'),
    });
    const files = fc
      .sample(
        fc.tuple(
          fc.uniqueArray(sectionArb, { selector: (x) => x.name, maxLength: 5 }),
          fc.constantFrom('\n', '\r\n'),
        ),
        { numRuns: 300, seed: 42 },
      )
      .map(([sections, eol]) =>
        sections
          .map(
            (sec) =>
              `[${sec.pad}${sec.name}${sec.pad}]\n` +
              sec.lines
                .map(
                  ([k, d, v, cont]) => `${k}${d}${v}`.trimEnd() + '\n' + (cont ? cont + '\n' : ''),
                )
                .join('') +
              sec.extra,
          )
          .join('')
          .replace(/\n/g, eol),
      );
    const paths = files.map((text, i) => {
      const p = `${h.home}/gen-${i}.ini`;
      writeFileSync(p, text);
      return p;
    });
    const theirs = JSON.parse(
      python(
        'import json, sys\nfrom botocore.configloader import raw_config_parse\n' +
          'print(json.dumps([raw_config_parse(p, parse_subsections=False) for p in sys.argv[1:]]))',
        paths,
        h.env,
      ),
    ) as Array<Record<string, Record<string, string>>>;
    files.forEach((text, i) => {
      const normalised = Object.fromEntries(
        Object.entries(theirs[i] ?? {}).map(([k, v]) => [k.trim().replace(/\s+/g, ' '), v]),
      );
      const ours = Object.fromEntries(parseIni(text).map((s) => [s.header, s.values]));
      expect(ours, JSON.stringify(text)).toEqual(normalised);
    });
  });
});
