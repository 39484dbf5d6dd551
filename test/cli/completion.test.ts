// `sso-tray completion`: the scripts loaded into a real bash (and fish and zsh where installed;
// they, and PowerShell, are skipped with a message when missing), asked for completions the way
// the shell asks. Values come from local files only: the emulator is stopped before anything is completed.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands';
import { cli } from '../support/cli';
import type { RunningEmulator } from '../support/emulator';
import type { SandboxHome } from '../support/sandbox-home';
import { useSignedInSandbox } from '../support/signed-in';

const has = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
const FISH = has('fish');
const ZSH = has('zsh');
const PWSH = has('pwsh');
if (!FISH) console.warn('completion: fish not installed, its checks skipped');
if (!ZSH) console.warn('completion: zsh not installed, its checks skipped');
if (!PWSH) console.warn('completion: pwsh not installed, the PowerShell checks skipped');

describe('sso-tray completion', () => {
  let emu: RunningEmulator;
  let h: SandboxHome;
  let accounts: RunningEmulator['organisation']['accounts'];
  const scripts: Record<string, string> = {};

  useSignedInSandbox({ accounts: 3, rolesPerAccount: 2 }, (s) => {
    ({ emu, h } = s);
    accounts = emu.organisation.accounts;
  });
  beforeAll(async () => {
    expect((await cli(['accounts'], h.env)).code).toBe(0);
    expect((await cli(['populate', '--template', '{account_id}.{role_name}'], h.env)).code).toBe(0);
    writeFileSync(h.env.AWS_SHARED_CREDENTIALS_FILE ?? '', '[from-keys]\naws_access_key_id = x\n');
    // from here on nothing answers at the endpoints: completion must not need them
    await emu.close();
    for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
      const r = await cli(['completion', shell], h.env);
      expect(r.code, shell).toBe(0);
      scripts[shell] = r.stdout;
      writeFileSync(join(h.home, `completion.${shell}`), r.stdout);
    }
  }, 120_000);

  /**
   * Runs `code` in `shell` (started with `flag`, no startup files) with `words` as its positional
   * parameters; it must print nothing on stderr and exit 0. The lines it printed.
   */
  function inShell(shell: string, flag: string, code: string, words: string[]): string[] {
    const r = spawnSync(shell, [flag, '-c', code, shell, ...words], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...h.env },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout.split('\n').filter((l) => l !== '');
  }

  /** What bash's completion function offers for the words, the last one being completed. */
  function bash(words: string[], script = 'bash'): string[] {
    const code = `source ${JSON.stringify(join(h.home, `completion.${script}`))}
COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=\${#COMP_LINE}
_sso_tray
printf '%s\\n' "\${COMPREPLY[@]}"`;
    return inShell('bash', '--norc', code, words);
  }

  it('bash: every command of the registry, and each command flags', () => {
    const all = bash(['sso-tray', '']);
    for (const c of commands) expect(all).toContain(c.name);
    expect(all).not.toContain('__complete');
    expect(bash(['sso-tray', 'wr'])).toEqual(['write-profile', 'write-config-profile']);
    expect(bash(['sso-tray', 'populate', '--'])).toEqual([
      '--session',
      '--template',
      '--region',
      '--prune',
      '--dry-run',
      '--help',
      '--verbose',
    ]);
    expect(bash(['sso-tray', 'write-config-profile', '--cr'])).toEqual(['--credential-process']);
    expect(bash(['sso-tray', 'exec', '--en'])).toEqual(['--endpoint']);
    expect(bash(['sso-tray', 'completion', ''])).toEqual(['bash', 'zsh', 'fish', 'powershell']);
    // a flag whose value is free text offers nothing
    expect(bash(['sso-tray', 'populate', '--template', ''])).toEqual([]);
  });

  it('bash: sessions, accounts, roles, profiles and formats from local files', () => {
    expect(bash(['sso-tray', 'accounts', '--session', ''])).toEqual(['emu']);
    const ids = accounts.map((a) => a.accountId).sort();
    expect(bash(['sso-tray', 'credentials', '--account', ''])).toEqual(ids);
    const [first] = accounts;
    expect(
      bash(['sso-tray', 'credentials', '--account', first?.accountId ?? '', '--role', '']).sort(),
    ).toEqual([...(first?.roles ?? [])].sort());
    const allRoles = new Set(accounts.flatMap((a) => a.roles));
    expect(new Set(bash(['sso-tray', 'verify', '--role', '']))).toEqual(allRoles);
    const profiles = bash(['sso-tray', 'remove-profile', '--profile', '']);
    expect(profiles).toContain('from-keys');
    for (const a of accounts)
      for (const r of a.roles) expect(profiles).toContain(`${a.accountId}.${r}`);
    expect(bash(['sso-tray', 'credentials', '--format', 'p'])).toEqual(['powershell', 'process']);
    expect(bash(['sso-tray', 'accounts', '--session', 'nope-'])).toEqual([]);
  });

  it('__complete is hidden from --help and reads no network (the emulator is gone)', async () => {
    const help = await cli(['--help'], h.env);
    expect(help.stdout).toContain('completion');
    expect(help.stdout).not.toContain('__complete');
    const r = await cli(['__complete', 'accounts', '--session', 'emu'], h.env);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(
      [...accounts]
        .sort((a, b) => a.accountId.localeCompare(b.accountId))
        .map((a) => `${a.accountId}\t${a.accountName}`),
    );
    const bad = await cli(['__complete', 'secrets'], h.env);
    expect(bad.code).toBe(2);
    const shell = await cli(['completion', 'tcsh'], h.env);
    expect(shell.code).toBe(2);
    expect(shell.stderr).toMatch(/Unknown shell "tcsh"/);
  });

  it.skipIf(!FISH)('fish: commands, flags and values', () => {
    const fish = (line: string) =>
      inShell(
        'fish',
        '--no-config',
        `source ${join(h.home, 'completion.fish')}; complete -C ${JSON.stringify(line)}`,
        [],
      ).map((l) => l.split('\t')[0]);
    expect(fish('sso-tray popu')).toEqual(['populate']);
    expect(fish('sso-tray populate --dr')).toEqual(['--dry-run']);
    expect(fish('sso-tray accounts --session ')).toEqual(['emu']);
    expect(fish('sso-tray credentials --account ').sort()).toEqual(
      accounts.map((a) => a.accountId).sort(),
    );
  });

  it.skipIf(!ZSH)('zsh: completes through zsh’s own bash-completion glue', () => {
    // The script registers itself with compdef (through bashcompinit's `complete`); zsh then
    // calls `$_comps[sso-tray]` inside its completion system, with `words` and `CURRENT` set and
    // compadd receiving the matches. compadd exists only inside a completion widget, so a
    // stand-in prints what it was given; everything else is zsh's real code (bashcompinit's
    // _bash_complete and compgen, which run the function in sh emulation, 0-based arrays).
    const zsh = (words: string[]) => {
      const code = `source ${JSON.stringify(join(h.home, 'completion.zsh'))}
[[ $_comps[sso-tray] == '_bash_complete -F _sso_tray' ]] || { print -u2 "not registered: $_comps[sso-tray]"; exit 3 }
compadd() { while (( $# )) && [[ $1 != - ]]; do shift; done; shift; print -rl -- "$@" }
words=("$@"); CURRENT=$#
eval "$_comps[sso-tray]"`;
      return inShell('zsh', '-f', code, words);
    };
    expect(zsh(['sso-tray', 'popu'])).toEqual(['populate']);
    expect(zsh(['sso-tray', 'populate', '--dr'])).toEqual(['--dry-run']);
    expect(zsh(['sso-tray', 'accounts', '--session', ''])).toEqual(['emu']);
    expect(zsh(['sso-tray', 'credentials', '--account', '']).sort()).toEqual(
      accounts.map((a) => a.accountId).sort(),
    );
  });

  it('the zsh and PowerShell scripts hold every command (PowerShell runs only where pwsh is)', () => {
    for (const c of commands) {
      expect(scripts.zsh).toContain(`'${c.name}')`);
      expect(scripts.powershell).toContain(`'${c.name}' = @(`);
    }
    expect(scripts.powershell).toContain("'credentials --account' = 'accounts'");
  });
});
