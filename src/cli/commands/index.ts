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
  credentialProcess,
  verify,
];

export function findCommand(name: string): CliCommand | undefined {
  return commands.find((c) => c.name === name);
}
