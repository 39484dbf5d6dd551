import { resolveCliCommand } from '../../main/core/credentials';
import { UsageError, nonEmpty, parseCommandArgs } from '../args';
import { SHELLS, completionScript, type Shell } from '../completion';
import { VALUE_KINDS, completionValues, type ValueKind } from '../completion-values';
import type { CliCommand } from '../types';
import { commands } from './index';

const usage = `Usage: sso-tray completion SHELL

Prints a completion script for SHELL (${SHELLS.join(', ')}): commands, flags, and the values of
--session, --account, --role, --profile and --format taken from local files (the config and
credentials files, the accounts caches, the record of written profiles), never the network.
  bash        source <(sso-tray completion bash)          (e.g. in ~/.bashrc)
  zsh         source <(sso-tray completion zsh)           (e.g. in ~/.zshrc)
  fish        sso-tray completion fish | source          (e.g. in ~/.config/fish/config.fish)
  powershell  sso-tray completion powershell | Out-String | Invoke-Expression   (in $PROFILE)`;

export const completion: CliCommand = {
  name: 'completion',
  summary: 'print a shell completion script (bash, zsh, fish, powershell)',
  usage,
  async run(args, ctx) {
    const [shell, ...rest] = args;
    if (shell === undefined) throw new UsageError('Name a shell.', usage);
    if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0] ?? ''}".`, usage);
    if (!(SHELLS as readonly string[]).includes(shell)) {
      throw new UsageError(`Unknown shell "${shell}"; use ${SHELLS.join(', ')}.`, usage);
    }
    ctx.stdout.write(completionScript(shell as Shell, commands, resolveCliCommand(ctx.env)));
    return 0;
  },
};

const completeUsage = `Usage: sso-tray __complete KIND [--session NAME] [--account ID]

For completion scripts: prints the local values of KIND (${VALUE_KINDS.join(', ')}), one per
line, a tab before a description. Reads local files only.`;

/** Hidden (not in --help): what the completion scripts run for the values of a flag. */
export const complete: CliCommand = {
  name: '__complete',
  summary: 'values for completion scripts',
  usage: completeUsage,
  async run(args, ctx) {
    const [kind, ...rest] = args;
    if (kind === undefined || !(VALUE_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`KIND must be one of ${VALUE_KINDS.join(', ')}.`, completeUsage);
    }
    const v = parseCommandArgs(
      rest,
      { session: { type: 'string' }, account: { type: 'string' } },
      completeUsage,
    );
    const session = nonEmpty(v.session, '--session', completeUsage);
    const account = nonEmpty(v.account, '--account', completeUsage);
    const values = await completionValues(ctx.env, kind as ValueKind, {
      ...(session === undefined ? {} : { session }),
      ...(account === undefined ? {} : { account }),
    });
    ctx.stdout.write(
      values.map((x) => (x.description ? `${x.value}\t${x.description}` : x.value)).join('\n') +
        (values.length > 0 ? '\n' : ''),
    );
    return 0;
  },
};
