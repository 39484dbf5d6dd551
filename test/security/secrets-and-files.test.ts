// Secrets and file scope over the main journeys. Every output a person or another program can
// see (stdout, stderr, logs, HTTP answers, events, settings, caches, records) is captured and
// searched for the secrets the emulator issued (secret access keys, session tokens, access and
// refresh tokens, client secrets), gathered from the files and results the test itself can see.
// The whole temp tree is snapshotted before and after: nothing is written outside the AWS files,
// the app's record under ~/.aws/sso-tray and the app's data folder.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { InvalidRequestException } from '@aws-sdk/client-sso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toSsoTrayError } from '../../src/main/core/sso';
import { toErrorInfo } from '../../src/main/core/ipc/dispatch';
import { startWebHost } from '../../tools/web-host/index';
import { eventually } from '../app/helpers';
import { startTestEmulator, type RunningEmulator } from '../support/emulator';
import { cli, type Run } from '../support/cli';
import { endpointEnv } from '../support/sandbox-home';

async function snapshot(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else
        out.set(
          relative(root, p),
          createHash('sha256')
            .update(await readFile(p))
            .digest('hex'),
        );
    }
  };
  await walk(root);
  return out;
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([p, h]) => before.get(p) !== h).map(([p]) => p);
}

/** Where the app may write, relative to the temp root holding `home/` and `data/`. */
const ALLOWED = [
  /^home\/\.aws\/config$/,
  /^home\/\.aws\/credentials$/,
  /^home\/\.aws\/sso\/cache\/[^/]+\.json$/,
  /^home\/\.aws\/cli\/cache\/[^/]+\.json$/,
  /^home\/\.aws\/sso-tray\/[^/]+\.json$/,
  /^home\/\.aws\/sso-tray\/accounts\/[0-9a-f]{40}\.json$/, // the CLI's accounts cache (names and ids only)
  /^data\//,
];

async function filesText(root: string, paths: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of paths) out[p] = await readFile(join(root, p), 'utf8');
  return out;
}

/** The secrets in the sso/cache files: tokens and client registrations. */
async function cacheSecrets(ssoCache: string): Promise<string[]> {
  const found: string[] = [];
  for (const f of await readdir(ssoCache).catch(() => [])) {
    const o = JSON.parse(await readFile(join(ssoCache, f), 'utf8')) as Record<string, unknown>;
    for (const k of ['accessToken', 'refreshToken', 'clientSecret']) {
      if (typeof o[k] === 'string') found.push(o[k]);
    }
  }
  return found;
}

function expectNoSecret(where: Record<string, string>, secrets: string[]): void {
  for (const [name, text] of Object.entries(where)) {
    for (const s of secrets) {
      expect(text.includes(s), `a secret (${s.slice(0, 4)}…) appears in ${name}`).toBe(false);
    }
  }
}

describe('the CLI journey', () => {
  let emu: RunningEmulator;
  let root: string;
  beforeEach(async () => {
    emu = await startTestEmulator({ accounts: 3, rolesPerAccount: 2, autoApprove: true });
    root = await mkdtemp(join(tmpdir(), 'sso-tray-scope-'));
  });
  afterEach(async () => {
    await emu.close();
    await rm(root, { recursive: true, force: true });
  });

  it('prints no secret except where asked to, and writes only the AWS files and its record', async () => {
    const home = join(root, 'home');
    await mkdir(join(home, '.aws'), { recursive: true });
    await mkdir(join(root, 'data'));
    await writeFile(join(home, '.aws', 'config'), '# mine\n[profile keep]\nregion = eu-west-1\n');
    const env = {
      HOME: home,
      TMPDIR: join(root, 'tmp-never-used'),
      // No AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE: the default paths under HOME.
      ...endpointEnv(emu.url),
    };
    const before = await snapshot(root);
    const a = emu.organisation.accounts[0]!;
    const role = ['--account', a.accountId, '--role', a.roles[0]!];
    const runs: Record<string, Run> = {};
    // Every command runs with --verbose: its log goes to stderr, which is scanned too.
    const run = async (name: string, args: string[], code = 0) => {
      const r = await cli([...args, '--verbose'], env);
      expect(r.code, `${name}: ${r.stderr}`).toBe(code);
      runs[name] = r;
      return r;
    };
    await run('login', [
      'login',
      '--start-url',
      emu.startUrl,
      '--region',
      emu.region,
      '--session',
      'emu',
      '--device-code',
      '--no-browser',
    ]);
    await run('accounts', ['accounts', '--json']);
    const json = await run('credentials-json', ['credentials', ...role, '--format', 'json']);
    for (const f of ['env', 'cmd', 'powershell', 'ini', 'process']) {
      await run(`credentials-${f}`, ['credentials', ...role, '--format', f]);
    }
    await run('write-profile', ['write-profile', ...role]);
    await run('write-config-profile', ['write-config-profile', ...role, '--profile', 'sso']);
    await run('write-config-profile-cp', [
      'write-config-profile',
      ...role,
      '--profile',
      'cp',
      '--credential-process',
    ]);
    await run('credential-process', ['credential-process', ...role]);
    await run('verify', ['verify', ...role]);
    await run('remove-profile', ['remove-profile', '--profile', `${a.accountId}_${a.roles[0]}`]);
    await run('bad-role', ['credentials', '--account', a.accountId, '--role', 'NoSuchRole'], 4);
    const secretsBeforeLogout = await cacheSecrets(join(home, '.aws', 'sso', 'cache'));
    await run('logout', ['logout']);
    await run('after-logout', ['accounts'], 3);

    const creds = JSON.parse(json.stdout) as Record<string, string>;
    const roleSecrets = [
      creds.SecretAccessKey ?? creds.secretAccessKey,
      creds.SessionToken ?? creds.sessionToken,
    ].filter((s): s is string => typeof s === 'string');
    expect(roleSecrets).toHaveLength(2);
    const tokens = secretsBeforeLogout;
    expect(tokens.length).toBeGreaterThanOrEqual(3); // access, refresh token, client secret
    const all = [...roleSecrets, ...tokens];

    // Tokens and client secrets are never printed; role secrets only by the commands for them.
    const printsCredentials = new Set([
      'credentials-json',
      'credentials-env',
      'credentials-cmd',
      'credentials-powershell',
      'credentials-ini',
      'credentials-process',
      'credential-process',
    ]);
    // The log has something to say (a failed command, a refused sign-in) and says it on stderr.
    expect(runs['bad-role']?.stderr).toMatch(/ (INFO|WARN) +\[cli(\.sso)?\] /);
    expect(runs['after-logout']?.stderr).toMatch(/INFO +\[cli\] command failed/);
    for (const [name, r] of Object.entries(runs)) {
      expectNoSecret({ [`${name} stderr`]: r.stderr }, all);
      expectNoSecret({ [`${name} stdout`]: r.stdout }, printsCredentials.has(name) ? tokens : all);
    }

    const after = await snapshot(root);
    const touched = changed(before, after);
    expect(touched.filter((p) => !ALLOWED.some((re) => re.test(p)))).toEqual([]);
    expect(touched).toEqual(expect.arrayContaining(['home/.aws/config', 'home/.aws/credentials']));
    // Files that hold no secrets by design.
    const plain = touched.filter((p) => /^home\/\.aws\/(config|sso-tray\/)/.test(p));
    expect(plain.length).toBeGreaterThanOrEqual(2);
    expectNoSecret(await filesText(root, plain), all);
    // The removed profile's keys are gone from the credentials file.
    expectNoSecret(await filesText(root, ['home/.aws/credentials']), roleSecrets);
  });
});

describe('the web host journey (app core behind HTTP)', () => {
  it('no secret in HTTP answers, events, logs, settings, caches or records; writes stay in scope', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sso-tray-scope-web-'));
    const home = join(root, 'home');
    await mkdir(home);
    const logs: string[] = [];
    const capture = (stream: 'stdout' | 'stderr') =>
      vi.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
        logs.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
        return true;
      });
    const spies = [
      capture('stdout'),
      capture('stderr'),
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
        vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
          logs.push(args.map(String).join(' '));
        }),
      ),
    ];
    const before = await snapshot(root);
    const host = await startWebHost({
      home,
      build: false,
      sessionName: 'emu',
      emulator: { autoApprove: true, accounts: 4, rolesPerAccount: 2 },
    });
    const answers: Record<string, string> = {};
    const events: string[] = [];
    const unsubscribe = host.core.subscribe((name, payload) =>
      events.push(`${name} ${JSON.stringify(payload)}`),
    );
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` };
    const invoke = async (channel: string, body: unknown, key = channel) => {
      const res = await fetch(`${host.url}/api/invoke/${channel}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      const text = await res.text();
      answers[key] = text;
      return JSON.parse(text) as { ok: boolean; value?: unknown };
    };
    const debug = async (path: string) => {
      const res = await fetch(`${host.url}/_debug/${path}`, { headers });
      const text = await res.text();
      if (path !== 'clipboard') answers[`/_debug/${path}`] = text;
      return text;
    };
    try {
      const a = host.emulator.organisation.accounts[1]!;
      const role = { session: 'emu', accountId: a.accountId, roleName: a.roles[0]! };
      await invoke('auth.login', { session: 'emu', flow: 'device' });
      await eventually(
        async () =>
          ((await invoke('state.get', {})).value as { sessions: Array<{ status: string }> })
            .sessions[0]?.status,
        (s) => s === 'signed-in',
      );
      await invoke('accounts.list', { session: 'emu' });
      await invoke('roles.list', { session: 'emu', accountId: a.accountId });
      const got = await fetch(`${host.url}/api/invoke/credentials.get`, {
        method: 'POST',
        headers,
        body: JSON.stringify(role),
      });
      const credentialsAnswer = await got.text();
      for (const what of [
        'env-macos',
        'env-windows',
        'env-powershell',
        'profile',
        'accessKeyId',
        'secretAccessKey',
        'sessionToken',
      ]) {
        const r = await invoke('credentials.copy', { ...role, what }, `credentials.copy ${what}`);
        expect(r.ok).toBe(true);
        await debug('clipboard');
      }
      expect((await invoke('credentials.writeProfile', { ...role, profileName: 'web' })).ok).toBe(
        true,
      );
      expect(
        (await invoke('credentials.writeSsoProfile', { ...role, profileName: 'web-sso' })).ok,
      ).toBe(true);
      expect((await invoke('credentials.verify', role)).ok).toBe(true);
      await invoke('console.open', role);
      await invoke('favourites.toggle', role);
      await invoke('settings.update', {
        patch: { clipboardClearSeconds: 30, autoRefreshProfiles: true },
      });
      await invoke(
        'credentials.get',
        { ...role, accountId: '000000000000' },
        'credentials.get (error)',
      );
      await invoke(
        'credentials.copy',
        { ...role, what: 'everything' },
        'credentials.copy (refused)',
      );
      for (const p of ['tray', 'notifications', 'opened', 'paths', 'state']) await debug(p);
      const secrets = [...(await cacheSecrets(host.paths.ssoCacheDir))];
      expect(secrets.length).toBeGreaterThanOrEqual(3);
      const value = (
        JSON.parse(credentialsAnswer) as {
          value: { secretAccessKey: string; sessionToken: string };
        }
      ).value;
      const all = [...secrets, value.secretAccessKey, value.sessionToken];
      await invoke('auth.logout', { session: 'emu' });
      await host.core.dispose();

      expectNoSecret(answers, all);
      expectNoSecret({ events: events.join('\n'), logs: logs.join('\n') }, all);
      const after = await snapshot(root);
      const touched = changed(before, after);
      const dataDir = relative(root, host.paths.dataDir);
      const scope = [...ALLOWED, new RegExp(`^${dataDir.replace(/\./g, '\\.')}/`)];
      expect(touched.filter((p) => !scope.some((re) => re.test(p)))).toEqual([]);
      const noSecretsByDesign = touched.filter(
        (p) => p.startsWith(`${dataDir}/`) || /^home\/\.aws\/(config|sso-tray\/)/.test(p),
      );
      expect(noSecretsByDesign.some((p) => p.endsWith('settings.json'))).toBe(true);
      expect(noSecretsByDesign.some((p) => p.includes('/accounts/'))).toBe(true);
      expectNoSecret(await filesText(root, noSecretsByDesign), all);
      // The log (in the data folder, scanned above) recorded the failure and the refusal.
      const log = await readFile(host.paths.logFile, 'utf8');
      expect(log).toMatch(/WARN +\[ipc\] request failed channel=credentials\.get/);
      expect(log).toMatch(/WARN +\[ipc\] request refused channel=credentials\.copy/);
      expect(noSecretsByDesign).toContain(relative(root, host.paths.logFile));
    } finally {
      unsubscribe();
      for (const s of spies) s.mockRestore();
      await host.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('AWS error messages pass through the redactor', () => {
  it('a real SDK exception quoting a token comes out redacted, on every path to the user', () => {
    const token = 'aoaAAAAAGh1dW1vcmV4YW1wbGVhY2Nlc3N0b2tlbnRoYXRpc2xvbmc6MEVDWkNNVm1wb2JhSA';
    const key = 'ASIAQWERTYUIOPASDFGH';
    const e = new InvalidRequestException({
      message: `Invalid access token ${token} for ${key}`,
      $metadata: { httpStatusCode: 400 },
    });
    const mapped = toSsoTrayError(e, { action: 'list accounts' });
    expect(mapped.code).toBe('AWS');
    expect(mapped.message).toContain('InvalidRequestException');
    expect(mapped.message).toContain('[redacted]');
    const info = toErrorInfo(mapped);
    for (const text of [mapped.message, JSON.stringify(info), String(mapped)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(key);
    }
    // The raw SDK error never reaches the user: unknown errors get a fixed message.
    expect(toErrorInfo(e)).toEqual({ code: 'AWS', message: 'Something went wrong. Try again.' });
  });
});
