// The corpus: config (and credentials) files shaped like the ones people have, each loaded through
// the app core (and read back through the window's own api client) and through the CLI. Every
// usable session is offered, every unusable section is listed with its reason, the files are left
// byte for byte as they were, and SSO Tray agrees with botocore itself about which sessions exist.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../../src/main/core/app';
import type { Env } from '../../src/main/core/aws-paths';
import { MemorySettingsStore } from '../../src/main/core/settings/store';
import { readSsoConfig, type ConfigReading } from '../../src/main/core/sso/config';
import { createApi } from '../../src/shared/ipc-renderer';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import type { StateSnapshot } from '../../src/shared/ipc-views';
import { regionProblem, startUrlProblem } from '../../src/shared/schemas';
import {
  RecordingBrowser,
  RecordingClipboard,
  RecordingNotifier,
} from '../../tools/web-host/recorders';
import { ControllableClock } from '../../tools/web-host/clock';
import { createSandboxHome } from '../support/sandbox-home';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const corpus = join(import.meta.dirname, 'corpus');
const cli = join(root, 'out', 'cli', 'sso-tray.mjs');

interface Expected {
  /** `name:kind` of every session offered. */
  sessions: string[];
  /** [section or null, a part of the reason] of every issue listed. */
  issues: Array<[string | null, string]>;
}

const expected = JSON.parse(await readFile(join(corpus, 'expected.json'), 'utf8')) as Record<
  string,
  Expected
>;

/** 8,000 profiles: one [sso-session] and its profiles, legacy profiles, chained roles. */
function bigConfig(): string {
  const parts = [
    '# generated: a large organisation\n[sso-session big]\nsso_start_url = https://d-8000000000.awsapps.com/start\nsso_region = eu-west-1\n',
  ];
  for (let i = 0; i < 8000; i++) {
    const id = String(100000000000 + i);
    if (i % 10 === 9) {
      parts.push(
        `[profile chained-${i}]\nrole_arn = arn:aws:iam::${id}:role/Deploy\nsource_profile = p-${i - 1}\n`,
      );
    } else if (i % 100 === 50) {
      parts.push(
        `[profile legacy-${i}]\nsso_start_url = https://d-8000000001.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = ${id}\nsso_role_name = ReadOnly\n`,
      );
    } else {
      parts.push(
        `[profile p-${i}]\nsso_session = big\nsso_account_id = ${id}\nsso_role_name = Role${i % 7}\nregion = eu-west-1\n`,
      );
    }
  }
  return parts.join('\n');
}

const names = (r: { sessions: Array<{ name: string; kind: string }> }) =>
  r.sessions.map((s) => `${s.name}:${s.kind}`);

let work: string;
let botocore: Record<string, unknown>;
const cases: string[] = [];

/** A HOME holding the case's files under .aws; returns its env and what the files hold. */
async function home(name: string): Promise<{ env: Env; dir: string }> {
  // Nothing may be called: endpoints that refuse at once if anything tries.
  const h = await createSandboxHome({
    home: join(work, name.replace(/\W/g, '_')),
    endpoint: 'http://127.0.0.1:9',
  });
  const source = name === 'big' ? join(work, 'big.config') : join(corpus, name);
  await copyFile(source, h.configFile);
  const creds = join(corpus, name.replace(/\.config$/, '.credentials'));
  try {
    await copyFile(creds, h.credentialsFile);
  } catch {
    // most cases have no credentials file
  }
  return { dir: h.home, env: h.env };
}

/** Every file under `dir` with its bytes and mode. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const st = await stat(path);
    out[path] = `${(st.mode & 0o777).toString(8)} ${(await readFile(path)).toString('base64')}`;
  }
  return out;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sso-tray-corpus-'));
  await writeFile(join(work, 'big.config'), bigConfig());
  cases.push(...Object.keys(expected), 'big');
  const files = [...Object.keys(expected).map((n) => join(corpus, n)), join(work, 'big.config')];
  const { stdout } = await run(
    'python3',
    [join(import.meta.dirname, 'botocore_sessions.py'), ...files],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  botocore = JSON.parse(stdout) as Record<string, unknown>;
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the config corpus', () => {
  it('has at least 30 files shaped like real ones, and an 8,000-profile file', async () => {
    const files = (await readdir(corpus)).filter((f) => f.endsWith('.config'));
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(expected).sort()).toEqual(files.sort());
    expect(bigConfig().match(/^\[profile /gm)).toHaveLength(8000);
  });

  it('offers exactly the expected sessions and lists every unusable section with its reason', async () => {
    for (const name of Object.keys(expected)) {
      const want = expected[name] as Expected;
      const reading = readSsoConfig(await readFile(join(corpus, name), 'utf8'));
      expect(names(reading), name).toEqual(want.sessions);
      expect(reading.issues.length, `${name}: ${JSON.stringify(reading.issues)}`).toBe(
        want.issues.length,
      );
      want.issues.forEach(([section, reason], i) => {
        expect(reading.issues[i], name).toMatchObject({
          section,
          reason: expect.stringContaining(reason),
        });
        expect(reading.issues[i]?.fix.length, name).toBeGreaterThan(10);
      });
    }
  });

  it('agrees with botocore about which sessions exist, with what start URL and region', async () => {
    const files = [...Object.keys(expected).map((n) => join(corpus, n)), join(work, 'big.config')];
    for (const file of files) {
      const theirs = botocore[file] as
        | { error: string }
        | {
            sessions: Record<string, { sso_start_url?: string; sso_region?: string }>;
            profiles: Record<string, Record<string, string>>;
          };
      const ours: ConfigReading = readSsoConfig(await readFile(file, 'utf8'));
      if ('error' in theirs) {
        // botocore refuses the file: SSO Tray says so (and still offers what the JS SDK reads).
        expect(
          ours.issues.some((i) => /refuses the whole file|cannot read/.test(i.reason)),
          file,
        ).toBe(true);
        continue;
      }
      const usable = (url?: string, region?: string) =>
        url !== undefined &&
        region !== undefined &&
        startUrlProblem(url) === null &&
        regionProblem(region) === null;
      const botoSessions = Object.entries(theirs.sessions)
        .filter(([, v]) => usable(v.sso_start_url, v.sso_region))
        .map(([name, v]) => ({ name, startUrl: v.sso_start_url, region: v.sso_region }));
      const ourSessions = ours.sessions
        .filter((s) => s.kind === 'sso-session')
        .map((s) => ({ name: s.name, startUrl: s.startUrl, region: s.region }));
      expect(ourSessions, file).toEqual(botoSessions);
      // A session botocore has but SSO Tray cannot use is listed with the reason.
      for (const name of Object.keys(theirs.sessions)) {
        if (botoSessions.some((s) => s.name === name)) continue;
        expect(
          ours.issues.some((i) => i.session === name),
          `${file}: ${name}`,
        ).toBe(true);
      }
      // Legacy: each start URL of profiles with sso_start_url, sso_region and no sso_session.
      const covered = (url: string) =>
        botoSessions.some((s) => s.startUrl?.replace(/\/+$/, '') === url.replace(/\/+$/, ''));
      const legacy = new Map<string, string[]>();
      for (const [profile, v] of Object.entries(theirs.profiles)) {
        const url = v.sso_start_url;
        if (v.sso_session !== undefined || url === undefined) continue;
        if (!usable(url, v.sso_region) || covered(url)) continue;
        legacy.set(url, [...(legacy.get(url) ?? []), profile]);
      }
      const ourLegacy = new Map(
        ours.sessions.filter((s) => s.kind === 'legacy').map((s) => [s.startUrl, s.profiles]),
      );
      expect(ourLegacy, file).toEqual(legacy);
    }
  });

  it('loads each file through the app core and the window api: same sessions and issues, nothing written', async () => {
    for (const name of cases) {
      const { env, dir } = await home(name);
      const before = await tree(join(dir, '.aws'));
      const clock = new ControllableClock();
      const core = createAppCore({
        env,
        dataDir: join(dir, 'app-data'),
        settings: new MemorySettingsStore(),
        clipboard: new RecordingClipboard(),
        notifier: new RecordingNotifier(() => clock.now()),
        browser: new RecordingBrowser(),
        clock,
        platform: 'linux',
      });
      try {
        // The window reads the snapshot with its own client: it must never be unreadable.
        const api = createApi({
          invoke: (channel, payload) => dispatchInvoke(core.handlers, channel, payload),
          subscribe: () => () => undefined,
        });
        const state: StateSnapshot = await api.getState();
        const reading = readSsoConfig(await readFile(env.AWS_CONFIG_FILE as string, 'utf8'));
        expect(names(state), name).toEqual(names(reading));
        expect(
          state.configIssues.map((i) => i.reason),
          name,
        ).toEqual(reading.issues.slice(0, 100).map((i) => i.reason));
        expect(
          state.sessions.every((s) => s.status === 'signed-out'),
          name,
        ).toBe(true);
        expect(state.activeSession, name).toBe(state.sessions[0]?.name ?? null);
        if (name !== 'big')
          expect(names(state), name).toEqual((expected[name] as Expected).sessions);
      } finally {
        await core.dispose();
      }
      expect(await tree(join(dir, '.aws')), name).toEqual(before);
    }
  });

  it('lists the same through `sso-tray sessions --json`, and changes no file', async () => {
    const queue = [...cases];
    const worker = async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const { env, dir } = await home(name);
        const before = await tree(join(dir, '.aws'));
        const { stdout } = await run(process.execPath, [cli, 'sessions', '--json'], {
          env: { PATH: process.env.PATH ?? '', ...env },
          maxBuffer: 16 * 1024 * 1024,
        });
        const listed = JSON.parse(stdout) as ConfigReading & { configFile: string };
        const reading = readSsoConfig(await readFile(env.AWS_CONFIG_FILE as string, 'utf8'));
        expect(listed.configFile, name).toBe(env.AWS_CONFIG_FILE);
        expect(names(listed), name).toEqual(names(reading));
        expect(listed.issues, name).toEqual(reading.issues);
        expect(await tree(join(dir, '.aws')), name).toEqual(before);
      }
    };
    await Promise.all([worker(), worker()]);
  });
});
