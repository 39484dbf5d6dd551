// The command-line front end: dispatch, usage errors, the wording of core errors and exit codes.
import { isSsoTrayError } from '../main/core/errors';
import { fileRoleCredentialsCache, redact, SsoCore } from '../main/core/sso';
import type { ErrorCode } from '../shared/schemas';
import { UsageError } from './args';
import { cliErrorMessage } from './error-advice';
import { commands, findCommand } from './commands';
import type { CliContext, Output } from './types';
import { fdOutput } from './output';
import { createLogger, silentLogger, streamLogSink } from '../main/core/log/logger';
import type { Env } from '../main/core/aws-paths';

export { fdOutput };

const EXIT = { OK: 0, USAGE: 2, SIGN_IN: 3, FAILED: 4, CANCELLED: 130 } as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'NOT_SIGNED_IN':
    case 'SESSION_EXPIRED':
      return EXIT.SIGN_IN;
    case 'INVALID_INPUT':
    case 'INVALID_START_URL':
    case 'INVALID_REGION':
      return EXIT.USAGE;
    case 'CANCELLED':
      return EXIT.CANCELLED;
    default:
      return EXIT.FAILED;
  }
}

function mainUsage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: sso-tray COMMAND [OPTIONS]',
    '',
    'AWS IAM Identity Center (SSO) credentials from the command line.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `sso-tray COMMAND --help` for the options of a command.',
    'Options: --help, --version, --verbose (write what the app does and every handled error to',
    'stderr; never a secret)',
  ].join('\n');
}

export interface RunOptions {
  env?: Env;
  stdout?: Output;
  stderr?: Output;
  version?: string;
}

/** Runs one command line (without `node script`) and returns the exit code. Never throws. */
export async function runCli(argv: string[], opts: RunOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const stdout = opts.stdout ?? fdOutput(1, () => process.stdout);
  const stderr = opts.stderr ?? fdOutput(2, () => process.stderr);
  // --verbose anywhere before a `--` (after it, the words belong to another command)
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const verbose = argv.slice(0, end).includes('--verbose');
  if (verbose) argv = [...argv.slice(0, end).filter((a) => a !== '--verbose'), ...argv.slice(end)];
  const log = verbose
    ? createLogger(streamLogSink(stderr), { level: 'debug', scope: 'cli' })
    : silentLogger;
  let core: SsoCore | undefined;
  const ctx: CliContext = {
    env,
    stdout,
    stderr,
    log,
    core: () =>
      (core ??= new SsoCore({
        env,
        roleCredentialsCache: fileRoleCredentialsCache(env),
        logger: log.child('sso'),
      })),
  };
  const [first, ...rest] = argv;
  if (first === undefined) {
    stderr.write(`${mainUsage()}\n`);
    return EXIT.USAGE;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const target = first === 'help' && rest[0] ? findCommand(rest[0]) : undefined;
    stdout.write(`${target ? target.usage : mainUsage()}\n`);
    return EXIT.OK;
  }
  if (first === '--version' || first === '-v') {
    stdout.write(`${opts.version ?? 'unknown'}\n`);
    return EXIT.OK;
  }
  const command = findCommand(first);
  if (!command) {
    stderr.write(
      `sso-tray: ${first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`}\n\n${mainUsage()}\n`,
    );
    return EXIT.USAGE;
  }
  // --help before a `--` (after it, the words are another command's)
  const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (own.includes('--help') || own.includes('-h')) {
    stdout.write(`${command.usage}\n`);
    return EXIT.OK;
  }
  try {
    return await command.run(rest, ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      stderr.write(`sso-tray ${command.name}: ${e.message}\n\n${e.usage ?? command.usage}\n`);
      return EXIT.USAGE;
    }
    if (isSsoTrayError(e)) {
      log.info('command failed', { command: command.name, error: e });
      stderr.write(`sso-tray ${command.name}: ${cliErrorMessage(e)}\n`);
      return exitCodeFor(e.code);
    }
    log.error('command failed unexpectedly', { command: command.name, error: e });
    const message = e instanceof Error ? e.message : String(e);
    const more = verbose ? '' : ' (run it again with --verbose for details)';
    stderr.write(`sso-tray ${command.name}: unexpected error: ${redact(message)}${more}\n`);
    return EXIT.FAILED;
  }
}
