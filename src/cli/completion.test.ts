import { describe, expect, it } from 'vitest';
import { commands } from './commands';
import { commandSpec, completionScript, flagsFromUsage } from './completion';
import type { CliCommand } from './types';

const command = (usage: string, options?: CliCommand['options']): CliCommand => ({
  name: 'demo',
  summary: 'a demo',
  usage,
  ...(options === undefined ? {} : { options }),
  run: () => Promise.resolve(0),
});

describe('flags for completion', () => {
  it('come from the synopsis and the option lines of the usage', () => {
    const usage = `Usage: sso-tray demo --account ID [--session NAME] [--dry-run]
                     [--format=FORMAT]

Does things; see also --not-a-flag-of-this-one in prose.
  --account ID       the account
  --extra            a flag only the option lines name
  --session NAME     the session`;
    expect(flagsFromUsage(usage)).toEqual([
      { name: 'account', takesValue: true },
      { name: 'session', takesValue: true },
      { name: 'dry-run', takesValue: false },
      { name: 'format', takesValue: true },
      { name: 'extra', takesValue: false },
    ]);
  });

  it('declared options win over the usage; value kinds follow the flag names', () => {
    const spec = commandSpec(
      command('Usage: sso-tray demo [--ignored X]', {
        role: { type: 'string' },
        force: { type: 'boolean' },
        profile: { type: 'string' },
      }),
    );
    expect(spec.flags).toEqual([
      { name: 'role', takesValue: true, values: 'roles' },
      { name: 'force', takesValue: false },
      { name: 'profile', takesValue: true, values: 'profiles' },
      { name: 'help', takesValue: false },
      { name: 'verbose', takesValue: false },
    ]);
  });

  it('scripts quote the command that gives the values', () => {
    const c = command('Usage: sso-tray demo [--session NAME]');
    const path = ["/opt/it's here/node", '/x/sso-tray.mjs'];
    expect(completionScript('bash', [c], path)).toContain(
      `'/opt/it'\\''s here/node' '/x/sso-tray.mjs' "\${args[@]}"`,
    );
    expect(completionScript('powershell', [c], path)).toContain(
      `& '/opt/it''s here/node' '/x/sso-tray.mjs' @a`,
    );
    expect(completionScript('fish', [c], path)).toContain(
      `complete -c sso-tray -n '__fish_seen_subcommand_from demo' -l session -x -a '(__sso_tray_values sessions)'`,
    );
  });

  it('know `status` and `accounts --changes` from the command registry', () => {
    const spec = (name: string) => {
      const c = commands.find((x) => x.name === name);
      if (c === undefined) throw new Error(`no command ${name}`);
      return commandSpec(c);
    };
    expect(spec('status').flags).toEqual([
      { name: 'session', takesValue: true, values: 'sessions' },
      { name: 'json', takesValue: false },
      { name: 'help', takesValue: false },
      { name: 'verbose', takesValue: false },
    ]);
    expect(spec('accounts').flags).toContainEqual({ name: 'changes', takesValue: false });
    expect(completionScript('bash', commands, ['/usr/bin/node', '/x/sso-tray.cjs'])).toMatch(
      /'status'\)\n\s+flags='--session --json --help --verbose'/,
    );
  });
});
