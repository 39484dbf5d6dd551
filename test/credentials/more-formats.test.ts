// The "More formats" read back by the programs they are for: bash evaluates the sh and .env
// lines, fish its own (where installed), Python's json its JSON, each with values no AWS key has
// but a shell would act on; and the AWS CLI v2's `export-credentials` prints the same bytes for
// the formats it shares with SSO Tray, for one role of the emulator.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cliExpiration } from '../../src/shared/expiry-text';
import {
  formatAwsCliJson,
  formatDotenv,
  formatEnvNoExport,
  formatFish,
} from '../../src/shared/more-formats';
import type { RoleCredentials } from '../../src/shared/schemas';
import type { RunningEmulator } from '../support/emulator';
import type { SandboxHome } from '../support/sandbox-home';
import { useSignedInSandbox } from '../support/signed-in';
import { cli } from '../support/cli';
import { runAsync } from './helpers';

const AWS_V2 = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : undefined;
const has = (cmd: string): boolean => spawnSync(cmd, ['--version']).status === 0;
const FISH = has('fish');
const PYTHON = has('python3');
if (!FISH) console.warn('more-formats: fish not installed, its read-back is skipped');
if (!AWS_V2) console.warn('more-formats: /usr/bin/aws (AWS CLI v2) not found, its check skipped');

const NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
];

/** Printable text with everything the shells give a meaning to, and line breaks. */
const hostile = fc
  .array(
    fc.constantFrom(
      ...`'"\`$\\!*?[]{}()<>|&;# ~=+/%^`.split(''),
      '\n',
      '\t',
      'a',
      'Z',
      '9',
      'é',
      '😀',
    ),
    { minLength: 1, maxLength: 24 },
  )
  .map((chars) => chars.join(''));

const creds = (accessKeyId: string, secretAccessKey: string, sessionToken: string) =>
  ({
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration: Date.UTC(2030, 0, 2, 3, 4, 5),
  }) satisfies RoleCredentials;

/** The four variables after `program` ran `script`, NUL-separated by the printing program. */
function readBack(program: string, args: string[], text: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sso-formats-'));
  try {
    const file = join(dir, 'creds');
    writeFileSync(file, text);
    const r = spawnSync(program, [...args, file], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' },
    });
    if (r.status !== 0) throw new Error(`${program} failed: ${r.stderr}`);
    return r.stdout.split('\0').slice(0, NAMES.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const printVars = NAMES.map((n) => `"$${n}"`).join(' ');
// `eval` of the non-exported lines, then the values as the shell holds them
const BASH_EVAL = `eval "$(cat "$1")"; printf '%s\\0' ${printVars}`;
// a .env file the way shell scripts load one (`set -a` exports what it sets); a new bash prints
// what it inherited, so only exported values arrive
const BASH_SOURCE = `set -a; . "$1"; set +a; exec bash -c 'printf "%s\\0" ${printVars}'`;
const FISH_SOURCE = `source $argv[1]; printf '%s\\0' ${NAMES.map((n) => `"$${n}"`).join(' ')}`;

describe('the more formats, read back', () => {
  const runs = { numRuns: 60 };

  it('bash evaluates env-no-export lines to the exact values', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (a, s, t) => {
        const c = creds(a, s, t);
        const got = readBack('bash', ['-c', BASH_EVAL, 'bash'], formatEnvNoExport(c));
        expect(got).toEqual([a, s, t, cliExpiration(c.expiration)]);
      }),
      runs,
    );
  });

  it('bash sources a .env file to the exact, exported values', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (a, s, t) => {
        const c = creds(a, s, t);
        const got = readBack('bash', ['-c', BASH_SOURCE, 'bash'], formatDotenv(c, 'p'));
        expect(got).toEqual([a, s, t, cliExpiration(c.expiration)]);
      }),
      runs,
    );
  });

  it.skipIf(!FISH)('fish sources its lines to the exact values', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (a, s, t) => {
        const c = creds(a, s, t);
        const got = readBack('fish', ['-c', FISH_SOURCE], formatFish(c));
        expect(got).toEqual([a, s, t, cliExpiration(c.expiration)]);
      }),
      { numRuns: 25 },
    );
  });

  it.skipIf(!PYTHON)('the JSON is what Python\u2019s json.dumps(indent=2) writes', () => {
    // one Python for every sample: each line a JSON string of one text, each answer one line
    const PY = `
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    text = json.loads(line)
    sys.stdout.write(json.dumps(json.dumps(json.loads(text), indent=2) + "\\n") + "\\n")
`;
    const texts = fc
      .sample(fc.tuple(hostile, hostile, fc.string({ unit: 'binary' })), 300)
      .concat([['\u007f', '\u0000\u001f', '\ud800 lone \udfff']])
      .map(([a, s, t]) => formatAwsCliJson(creds(a, s, t)));
    const dir = mkdtempSync(join(tmpdir(), 'sso-formats-'));
    try {
      const file = join(dir, 'samples.jsonl');
      writeFileSync(file, texts.map((t) => JSON.stringify(t)).join('\n') + '\n');
      const r = spawnSync('python3', ['-c', PY, file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const back = r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as string);
      expect(back).toEqual(texts);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the formats the AWS CLI shares, against the emulator', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  let target: string[];
  useSignedInSandbox({ accounts: 1, rolesPerAccount: 1 }, (s) => ({ emu, h, role: target } = s));

  it.skipIf(!AWS_V2)(
    'aws configure export-credentials prints the same bytes for env-no-export and JSON',
    async () => {
      const w = await cli(
        ['write-config-profile', ...target, '--profile', 'cp', '--credential-process'],
        h.env,
      );
      expect(w.code).toBe(0);
      for (const [ours, theirs] of [
        ['env-no-export', 'env-no-export'],
        ['aws-json', 'process'],
        ['powershell', 'powershell'],
      ] as const) {
        const mine = await cli(['credentials', ...target, '--format', ours], h.env);
        expect(mine.stderr).toBe('');
        const aws = await runAsync(
          AWS_V2 ?? 'aws',
          ['configure', 'export-credentials', '--profile', 'cp', '--format', theirs],
          h.env,
        );
        expect(aws.stderr).toBe('');
        if (ours === 'powershell') {
          // the portal's three lines are the first three of the AWS CLI's four
          expect(aws.stdout.startsWith(mine.stdout)).toBe(true);
          expect(aws.stdout.slice(mine.stdout.length)).toMatch(
            /^\$Env:AWS_CREDENTIAL_EXPIRATION="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00"\n$/,
          );
        } else {
          expect(mine.stdout).toBe(aws.stdout);
        }
      }
      expect(emu.state().issuedAccessKeyIds.length).toBe(1);
    },
  );
});
