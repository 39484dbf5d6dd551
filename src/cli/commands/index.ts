// The `sso-tray` commands, in the order `--help` lists them. One line per command module.
import type { CliCommand } from '../types';
import { accounts } from './accounts';
import { login } from './login';
import { logout } from './logout';
import { sessions } from './sessions';
import { status } from './status';
import { credentials } from './credentials';
import { writeProfile } from './write-profile';
import { removeProfile } from './remove-profile';
import { writeConfigProfile } from './write-config-profile';
import { credentialProcess } from './credential-process';
import { verify } from './verify';
import { exec } from './exec';
import { populate } from './populate';
import { complete, completion } from './completion';
import { serve } from './serve';
import { consoleCommand } from './console';

export const commands: CliCommand[] = [
  login,
  logout,
  sessions,
  status,
  accounts,
  credentials,
  writeProfile,
  removeProfile,
  writeConfigProfile,
  populate,
  credentialProcess,
  serve,
  verify,
  exec,
  completion,
  consoleCommand,
];

/** Commands that work but are not listed in --help or completion (for completion scripts). */
const hiddenCommands: CliCommand[] = [complete];

export function findCommand(name: string): CliCommand | undefined {
  return commands.find((c) => c.name === name) ?? hiddenCommands.find((c) => c.name === name);
}
