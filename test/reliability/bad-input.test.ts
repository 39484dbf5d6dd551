// Bad input everywhere a user or a file can send it: every case gets a clear message (the CLI's
// exit code 2 usage, 3 not signed in, 4 file/AWS; the core's INVALID_INPUT/FILE envelopes), no
// stack trace, and every AWS file byte-identical afterwards.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsCachePath } from '../../src/main/core/app/accounts-cache';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import { app, type TestApp } from '../app/helpers';
import { expectNoStack } from '../credentials/helpers';
import { emulatorSandbox, type RunningEmulator, type Sandbox } from '../support/emulator';
import { SESSION, type SandboxHome } from '../support/sandbox-home';
import { useSignedInSandbox } from '../support/signed-in';
import { cli, type Run } from '../support/cli';

/** Every file under `dir` with its bytes' hash (missing dir = empty). */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else
        out[p] = createHash('sha256')
          .update(await readFile(p))
          .digest('hex');
    }
  };
  await walk(dir);
  return out;
}

function withoutRoleCache(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([p]) => !p.includes('/.aws/cli/cache/')));
}

function expectClear(r: Run, code: number, message: RegExp, label = ''): void {
  expect(r.code, `${label}: ${r.stderr}`).toBe(code);
  expect(r.stderr).toMatch(message);
  expect(expectNoStack(r.stderr)).toBe(true);
  expect(r.stderr).not.toMatch(/TypeError|ReferenceError|undefined is not|\[object Object\]/);
}

const BINARY = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
const TEN_MB = 'a'.repeat(10 * 1024 * 1024);

describe('bad input to the CLI', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  let account: string;
  let role: string;
  const files = () => tree(h.home);

  useSignedInSandbox(
    { accounts: 2, rolesPerAccount: 1 },
    (s) => ({ emu, h, accountId: account, roleName: role } = s),
  );

  it('start URLs, regions, session and profile names, flags and formats: exit 2, nothing written', async () => {
    const long = `https://${'a'.repeat(5000)}.awsapps.com/start`;
    const cases: Array<[string[], RegExp]> = [
      [
        ['login', '--start-url', 'http://d-1234567890.awsapps.com/start', '--region', 'us-east-1'],
        /https:\/\//,
      ],
      [
        [
          'login',
          '--start-url',
          'https://d-12345 67890.awsapps.com/start',
          '--region',
          'us-east-1',
        ],
        /spaces/,
      ],
      [['login', '--start-url', long, '--region', 'us-east-1'], /longer than/],
      [['login', '--start-url', 'not a url', '--region', 'us-east-1'], /start URL/i],
      [['login', '--start-url', 'ftp://x.awsapps.com/', '--region', 'us-east-1'], /https:\/\//],
      [['login', '--start-url', emu.startUrl, '--region', 'mars-north-9'], /not an AWS region/],
      [['login', '--start-url', emu.startUrl, '--region', 'US EAST 1'], /not an AWS region/],
      [
        ['login', '--session', 'a b', '--start-url', emu.startUrl, '--region', 'us-east-1'],
        /session name/,
      ],
      [
        ['login', '--session', 'x]', '--start-url', emu.startUrl, '--region', 'us-east-1'],
        /session name/,
      ],
      [['login', '--session'], /--session/],
      [['accounts', '--bogus'], /--bogus/],
      [['accounts', '--json=maybe'], /json|Usage/],
      [
        ['credentials', '--account', account, '--role', role, '--format', 'yaml'],
        /--format must be one of/,
      ],
      [['credentials', '--account', account, '--role'], /--role/],
      [['credentials', '--account', '12345', '--role', role], /12-digit/],
      [['write-profile', '--account', account, '--role', role, '--profile', 'x]'], /"\]"/],
      [['write-profile', '--account', account, '--role', role, '--profile', 'a b'], /whitespace/],
      [['write-profile', '--account', account, '--role', role, '--profile', 'p#1'], /#/],
      [['write-profile', '--account', account, '--role', role, '--profile', ''], /profile/i],
      [
        ['write-config-profile', '--account', account, '--role', role, '--region', 'nowhere'],
        /region/i,
      ],
      [['credential-process', '--account', account], /--role/],
      [['frobnicate'], /unknown command/],
    ];
    const before = await files();
    for (const [args, message] of cases) {
      const r = await cli(args, h.env);
      expectClear(r, 2, message, args.join(' '));
      expect(r.stdout, args.join(' ')).toBe('');
    }
    expect(await files()).toEqual(before);
  });

  it('hostile credentials files: write-profile refuses (exit 4), the file stays byte-identical', async () => {
    const credentialsFile = h.env.AWS_SHARED_CREDENTIALS_FILE!;
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['binary data', BINARY, /binary data/],
      ['10 MB', TEN_MB, /larger than/],
      [
        'duplicate keys in the target profile',
        `[${account}_${role}]\naws_access_key_id=AKIAEXAMPLE1\naws_access_key_id=AKIAEXAMPLE2\n`,
        /did not write/,
      ],
      [
        'an unterminated section header',
        '[work]\naws_access_key_id = AKIAEXAMPLE\n[personal\naws_access_key_id = AKIAEXAMPLE2\n',
        /Line 3 of .* section header without its closing \]/,
      ],
      [
        'a key line without = (botocore rejects the file)',
        '[work]\r\naws_access_key_id AKIAEXAMPLE\r\n',
        /Line 2 of .* neither a \[section\] header nor a key = value line/,
      ],
      [
        'a profile of long-term keys with the target name',
        `# mine\n[${account}_${role}]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n`,
        /did not write/,
      ],
    ];
    for (const [name, content, message] of cases) {
      await writeFile(credentialsFile, content);
      const before = await files();
      const r = await cli(['write-profile', '--account', account, '--role', role], h.env);
      expectClear(r, 4, message);
      // The role credentials were fetched (and cached in ~/.aws/cli/cache) before the file was
      // read; every other file is unchanged.
      expect(withoutRoleCache(await files()), name).toEqual(withoutRoleCache(before));
      const removed = await cli(['remove-profile', '--profile', `${account}_${role}`], h.env);
      expect(removed.code, name).toBe(4);
      expect(expectNoStack(removed.stderr)).toBe(true);
      expect(withoutRoleCache(await files()), name).toEqual(withoutRoleCache(before));
    }
    await rm(credentialsFile, { force: true });
  });

  it('hostile config files: clear errors, the config file stays byte-identical', async () => {
    const good = await readFile(h.configFile, 'utf8');
    try {
      const cases: Array<[string, string | Buffer, string[], number, RegExp]> = [
        [
          'binary data',
          Buffer.concat([Buffer.from(good), BINARY]),
          ['write-config-profile', '--account', account, '--role', role],
          4,
          /binary data/,
        ],
        [
          '10 MB',
          good + TEN_MB,
          ['write-config-profile', '--account', account, '--role', role],
          4,
          /larger than/,
        ],
        ['binary only', BINARY, ['accounts'], 4, /no \[sso-session\]/],
        [
          'an unterminated [profile header',
          `${good}[profile broken\nregion = us-east-1\n`,
          ['write-config-profile', '--account', account, '--role', role],
          4,
          /section header without its closing \]/,
        ],
        [
          'an unterminated [sso-session header',
          `[sso-session emu\nsso_start_url = ${emu.startUrl}\n`,
          ['accounts'],
          4,
          /no \[sso-session\]/,
        ],
        [
          'a session without a region',
          `[sso-session emu]\nsso_start_url = ${emu.startUrl}\n`,
          ['accounts'],
          4,
          /region/,
        ],
        [
          'two sessions and no --session',
          `${good}[sso-session other]\nsso_start_url = ${emu.startUrl}\nsso_region = us-east-1\n`,
          ['accounts'],
          2, // a choice the user must make on the command line: usage
          /--session/,
        ],
      ];
      for (const [name, content, args, code, message] of cases) {
        await writeFile(h.configFile, content);
        const before = await files();
        const r = await cli(args, h.env);
        expect(r.code, `${name}: ${r.stderr}`).toBe(code);
        expect(r.stderr, name).toMatch(message);
        expect(expectNoStack(r.stderr)).toBe(true);
        expect(await files(), name).toEqual(before);
      }
    } finally {
      await writeFile(h.configFile, good);
    }
  });

  it('truncated or wrongly shaped token cache files: exit 3 "sign in", the file left as it is', async () => {
    const cacheDir = join(h.home, '.aws', 'sso', 'cache');
    const tokenFile = join(cacheDir, `${createHash('sha1').update('emu').digest('hex')}.json`);
    const good = await readFile(tokenFile);
    // No cached role credentials: credential-process needs the token.
    await rm(join(h.home, '.aws', 'cli'), { recursive: true, force: true });
    try {
      for (const content of [
        good.subarray(0, Math.floor(good.length / 2)),
        Buffer.from(''),
        Buffer.from('[1,2,3]'),
        Buffer.from('{"accessToken":5,"expiresAt":"never"}'),
        Buffer.from('{"startUrl":"https://x.awsapps.com/start"}'),
        BINARY,
      ]) {
        await writeFile(tokenFile, content);
        const before = await files();
        for (const args of [
          ['accounts'],
          ['credential-process', '--account', account, '--role', role],
        ]) {
          const r = await cli(args, h.env);
          expectClear(r, 3, /sso-tray login/);
          expect(r.stdout).toBe('');
        }
        expect(await files()).toEqual(before);
      }
    } finally {
      await writeFile(tokenFile, good);
    }
    expect((await cli(['accounts'], h.env)).code).toBe(0);
  });
});

describe('bad input to the app core', () => {
  let box: Sandbox;
  let t: TestApp;
  beforeAll(async () => {
    box = await emulatorSandbox({ accounts: 2, rolesPerAccount: 1, autoApprove: true });
    t = app(box);
    await t.core.ready;
  });
  afterAll(async () => {
    await t?.core.dispose();
    await box?.close();
  });

  it('sessions.add refuses bad start URLs and regions with INVALID_INPUT, config untouched', async () => {
    const before = await tree(box.home);
    const bad: unknown[] = [
      { startUrl: 'http://d-1234567890.awsapps.com/start', region: 'us-east-1' },
      { startUrl: 'https://d-12345 67890.awsapps.com/start', region: 'us-east-1' },
      { startUrl: `https://${'a'.repeat(3000)}.awsapps.com/start`, region: 'us-east-1' },
      { startUrl: 'https://localhost/start', region: 'us-east-1' },
      { startUrl: 'https://user@d-1.awsapps.com/start', region: 'us-east-1' },
      { startUrl: 'javascript:alert(1)', region: 'us-east-1' },
      { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'mars-north-9x' },
      { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1\n[x]' },
      { name: 'a b', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1' },
      {
        name: 'x]\n[default',
        startUrl: 'https://d-1234567890.awsapps.com/start',
        region: 'us-east-1',
      },
    ];
    for (const payload of bad) {
      const r = await dispatchInvoke(t.core.handlers, 'sessions.add', payload);
      expect(r, JSON.stringify(payload).slice(0, 80)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      if (!r.ok) expect(r.error.message.length).toBeLessThan(300);
    }
    expect(await tree(box.home)).toEqual(before);
  });

  it('profile names the AWS tools cannot read back are refused before any network call', async () => {
    const a = box.emulator.organisation.accounts[0]!;
    const calls = box.emulator.state().calls.GetRoleCredentials ?? 0;
    for (const profileName of ['a b', 'x]', '[x', 'p#1', 'p;1', '', 'a\nb']) {
      const r = await dispatchInvoke(t.core.handlers, 'credentials.writeProfile', {
        session: SESSION,
        accountId: a.accountId,
        roleName: a.roles[0]!,
        profileName,
      });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(box.emulator.state().calls.GetRoleCredentials ?? 0).toBe(calls);
  });

  it('a hostile credentials file is refused (FILE) and left byte-identical; a corrupt accounts cache is ignored', async () => {
    const prompt = t.next('auth', (e) => e.type !== 'prompt');
    const loaded = t.next('accounts', (e) => !e.loading);
    await t.core.handlers['auth.login']({ session: SESSION, flow: 'device' });
    expect((await prompt).type).toBe('success');
    // The background load (which writes the accounts cache) is over before the cache is spoilt.
    await loaded;
    const a = box.emulator.organisation.accounts[0]!;
    const target = { session: SESSION, accountId: a.accountId, roleName: a.roles[0]! };
    for (const content of [BINARY, TEN_MB]) {
      await writeFile(box.credentialsFile, content);
      const before = await readFile(box.credentialsFile);
      const r = await dispatchInvoke(t.core.handlers, 'credentials.writeProfile', {
        ...target,
        profileName: 'dev',
      });
      expect(r).toMatchObject({ ok: false, error: { code: 'FILE' } });
      expect((await readFile(box.credentialsFile)).equals(before)).toBe(true);
    }
    await rm(box.credentialsFile, { force: true });

    // A truncated accounts cache at the next start: no crash, the list comes from the network.
    const cache = accountsCachePath(box.dataDir, SESSION);
    await mkdir(join(cache, '..'), { recursive: true });
    await writeFile(cache, '{"version":1,"session":"emu","accounts":[{"accountId":"1');
    const again = app(box);
    try {
      const list = await again.core.handlers['accounts.list']({ session: SESSION });
      expect(list.fromCache).toBe(false);
      expect(list.accounts).toEqual([]);
      const loaded = await again.next('accounts', (e) => !e.loading);
      expect(loaded.error).toBeUndefined();
      expect(loaded.progress.accounts).toBe(2);
    } finally {
      await again.core.dispose();
    }
  });

  it('a binary config file leaves the app signed out with no sessions, still answering', async () => {
    const config = box.env.AWS_CONFIG_FILE!;
    const good = await readFile(config);
    await writeFile(config, BINARY);
    const hostile = app(box);
    try {
      const state = await hostile.core.handlers['state.get']({});
      expect(state.sessions).toEqual([]);
      const r = await dispatchInvoke(hostile.core.handlers, 'accounts.list', { session: SESSION });
      expect(r.ok).toBe(false);
      expect((await readFile(config)).equals(BINARY)).toBe(true);
    } finally {
      await hostile.core.dispose();
      await writeFile(config, good);
    }
  });
});
