// The credential_process line against small models of everything that reads it: POSIX sh, shlex,
// cmd.exe, the Windows C runtime's argument splitter, and the JS SDK's INI comment cutting; plus
// the real sh, python's shlex and botocore's own Windows splitter where they are installed.
import { execFileSync, spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSsoTrayError } from '../errors';
import { commandLine, refusalReason, type CommandPlatform, type CommandWord } from './command-line';
import { credentialProcessCommand } from './credential-process';
import {
  cmdModel,
  crtModel,
  jsSdkIniValue,
  shlexModel,
  shModel,
  type Parsed,
} from './testing/line-readers';

// ---- checks -------------------------------------------------------------------------------------

const words = (values: readonly string[]): CommandWord[] =>
  values.map((value, i) => ({ value, what: i === 0 ? 'install path' : 'argument' }));

/** Every reader's argv for a line, and what else it would do. */
function readers(line: string, platform: CommandPlatform): Record<string, Parsed> {
  const ini = jsSdkIniValue(line);
  if (platform === 'posix') {
    return { sh: shModel(ini), shlex: shlexModel(line) };
  }
  const cmd = cmdModel(ini);
  const viaCmd = crtModel(cmd.commandLine);
  return {
    'cmd.exe then the C runtime': {
      argv: viaCmd.argv,
      dangers: [...cmd.dangers, ...viaCmd.dangers],
    },
    'cmd.exe program name': { argv: [cmd.program], dangers: [] },
    'the C runtime alone': crtModel(line),
  };
}

// Characters any of the readers treats specially, and some that none does.
const ALPHABET = [
  ...'aZ09_-./:\\',
  ...' \t',
  ...`"'\`$%!^&|<>()*?[]{}~#;=,@+`,
  'é',
  '\u00a0',
  '\u4e2d',
  '\n',
  '\u2028',
  '\u0000',
  '\uff02',
];
const wordArb = fc
  .array(fc.constantFrom(...ALPHABET), { minLength: 0, maxLength: 8 })
  .map((cs) => cs.join(''));
const wordsArb = fc.array(wordArb, { minLength: 1, maxLength: 5 });
const platformArb = fc.constantFrom<CommandPlatform>('posix', 'win32');

/** The characters the rules refuse, per platform: the only reasons a word may be refused. */
function mustRefuse(word: string, platform: CommandPlatform, position: 'program' | 'argument') {
  if (word === '' || /[\p{Cc}\u2028\u2029]/u.test(word)) return true;
  if (/\s[#;]/.test(word)) return true;
  if (platform === 'posix') return false;
  if (/["%!\uff01-\uff5e]/.test(word)) return true;
  const bare = position === 'program' ? /^[A-Za-z0-9_.:\\-]+$/ : /^[A-Za-z0-9_@+=,.:/\\-]+$/;
  return word.endsWith('\\') && !bare.test(word);
}

describe('the credential_process line, read by every parser', () => {
  it('every accepted line means exactly its words to every reader, and nothing expands', () => {
    fc.assert(
      fc.property(wordsArb, platformArb, (values, platform) => {
        const expectRefused = values.some((w, i) =>
          mustRefuse(w, platform, i === 0 ? 'program' : 'argument'),
        );
        let line: string;
        try {
          line = commandLine(words(values), platform);
        } catch (e) {
          expect(isSsoTrayError(e)).toBe(true);
          expect(expectRefused).toBe(true);
          return;
        }
        expect(expectRefused).toBe(false);
        for (const [reader, got] of Object.entries(readers(line, platform))) {
          expect({ reader, ...got }).toEqual({
            reader,
            argv: reader === 'cmd.exe program name' ? values.slice(0, 1) : values,
            dangers: [],
          });
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses x"&calc&", %PATH% and !PATH! on Windows, naming the word', () => {
    for (const [value, why] of [
      ['x"&calc&"', /double quote/],
      ['%PATH%', /expands as %VARIABLE%/],
      ['a!PATH!b', /delayed expansion/],
      ['x\uff02&calc', /full-width/],
    ] as const) {
      let err: unknown;
      try {
        credentialProcessCommand(['C:\\sso-tray.exe'], '111111111111', 'Admin', value, 'win32');
      } catch (e) {
        err = e;
      }
      expect(isSsoTrayError(err, 'INVALID_INPUT'), value).toBe(true);
      expect((err as Error).message).toMatch(
        /^The session name ".*" cannot go into a credential_process command/,
      );
      expect((err as Error).message).toMatch(why);
    }
  });

  it('names the install path and the role name, and a path ending in a backslash', () => {
    const run = (command: string[], role: string) => {
      try {
        credentialProcessCommand(command, '1', role, 'emu', 'win32');
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const path = run(['C:\\Users\\50%off\\node.exe', 'C:\\x\\sso-tray.mjs'], 'R');
    expect(isSsoTrayError(path, 'CONFIG')).toBe(true);
    expect((path as Error).message).toMatch(
      /^The install path "C:\\\\Users\\\\50%off.*Install sso-tray/,
    );
    const role = run(['C:\\node.exe'], 'R"&x');
    expect(isSsoTrayError(role, 'INVALID_INPUT')).toBe(true);
    expect((role as Error).message).toMatch(/^The role name/);
    const slash = run(['C:\\my tools\\'], 'R');
    expect((slash as Error).message).toMatch(/ends in a backslash/);
    // the same words are fine on POSIX, single-quoted
    expect(credentialProcessCommand(['/opt/50%off/node'], '1', 'R', 'x"&calc&"', 'linux')).toBe(
      `/opt/50%off/node credential-process --account 1 --role R --session 'x"&calc&"'`,
    );
  });

  it('quotes Windows paths only when needed, and keeps & ( ) ^ inside the quotes', () => {
    expect(
      credentialProcessCommand(
        ['C:\\Program Files (x86)\\nodejs\\node.exe', 'C:\\Users\\Tom & Jerry^s\\sso-tray.mjs'],
        '111111111111',
        'Power+User=,.@-',
        'my-session.1',
        'win32',
      ),
    ).toBe(
      '"C:\\Program Files (x86)\\nodejs\\node.exe" "C:\\Users\\Tom & Jerry^s\\sso-tray.mjs" ' +
        'credential-process --account 111111111111 --role Power+User=,.@- --session my-session.1',
    );
    // the program word is quoted for cmd.exe's sake when it holds , ; = / + or starts with @
    expect(credentialProcessCommand(['@C:\\a,b\\node.exe'], '1', 'R', 's', 'win32')).toMatch(
      /^"@C:\\a,b\\node.exe" /,
    );
  });

  it('quotes a POSIX program word that sh would read as an assignment', () => {
    const line = credentialProcessCommand(['NODE=x'], '1', 'R', 'A=b', 'linux');
    expect(line).toBe(`'NODE=x' credential-process --account 1 --role R --session A=b`);
    expect(shModel(line)).toEqual({
      argv: line.split(' ').map((w) => w.replace(/'/g, '')),
      dangers: [],
    });
  });

  it('refuses whitespace before # or ; everywhere (the JS SDK would cut the line)', () => {
    for (const platform of ['linux', 'win32'] as const) {
      expect(() =>
        credentialProcessCommand(['/my #tools/sso-tray'], '1', 'R', 's', platform),
      ).toThrow(/install path .* cuts the line as a comment/);
    }
  });
});

// ---- the real parsers, where installed ------------------------------------------------------------

const HAVE_PY =
  spawnSync('python3', ['-c', 'import botocore.compat'], { encoding: 'utf8' }).status === 0;

function acceptedSamples(platform: CommandPlatform, count: number): string[][] {
  const out: string[][] = [];
  for (const values of fc.sample(wordsArb, { numRuns: count * 4, seed: 42 })) {
    try {
      commandLine(words(values), platform);
      out.push(values);
    } catch {
      // refused: the property above checks why
    }
    if (out.length >= count) break;
  }
  return out;
}

describe('the line through the real sh, shlex and botocore', () => {
  it('sh reads each accepted POSIX line back as its words', () => {
    const samples = acceptedSamples('posix', 300);
    // `set --` takes the words as arguments, so the first one is not run
    const script = samples
      .map((v) => `set -- ${commandLine(words(v), 'posix')}; printf '%s\\037' "$@"; printf '\\036'`)
      .join('\n');
    const got = execFileSync('sh', ['-c', script], { encoding: 'utf8' })
      .split('\u001e')
      .slice(0, -1)
      .map((s) => s.split('\u001f').slice(0, -1));
    expect(got).toEqual(samples);
  });

  it.skipIf(!HAVE_PY)('shlex and botocore split each accepted line as its words', () => {
    for (const platform of ['posix', 'win32'] as const) {
      const samples = acceptedSamples(platform, 300);
      const lines = samples.map((v) => commandLine(words(v), platform));
      const out = execFileSync(
        'python3',
        [
          '-c',
          'import json,sys\nfrom botocore.compat import compat_shell_split\n' +
            'p = sys.argv[1]\nprint(json.dumps([compat_shell_split(l, p) for l in json.load(sys.stdin)]))',
          platform === 'win32' ? 'win32' : 'linux',
        ],
        { encoding: 'utf8', input: JSON.stringify(lines) },
      );
      expect(JSON.parse(out)).toEqual(samples);
    }
  });

  it('refuses control characters, line separators and lone surrogates on both platforms', () => {
    for (const platform of ['posix', 'win32'] as const) {
      for (const bad of ['a\u0085b', 'a\u2028b', 'a\u2029b', 'a\u007fb', 'a\ud800b']) {
        expect(refusalReason(bad, platform), JSON.stringify(bad)).toMatch(/control character/);
      }
      expect(refusalReason('caf\u00e9 \u4e2d\ud83d\ude00', platform)).toBeUndefined();
    }
  });
});
