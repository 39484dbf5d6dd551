import type { Env } from '../main/core/aws-paths';
import type { Logger } from '../main/core/log/logger';
import type { SsoCore } from '../main/core/sso';

export interface Output {
  write(text: string): unknown;
}

export interface CliContext {
  env: Env;
  stdout: Output;
  stderr: Output;
  /** The log: stderr with --verbose, else nowhere. */
  log: Logger;
  /** The shared core (created on first use, with the on-disk role-credentials cache). */
  core: () => SsoCore;
}

export interface CliCommand {
  name: string;
  /** One line for `sso-tray --help`. */
  summary: string;
  /** Full usage text, starting with `Usage: sso-tray NAME ...`. */
  usage: string;
  /**
   * Its flags (as given to parseCommandArgs), for shell completion. Optional: without it
   * completion reads the flags from `usage` (see completion.ts).
   */
  options?: Readonly<Record<string, { type: 'string' | 'boolean' }>>;
  /** Returns the exit code. Throw UsageError for bad arguments, SsoTrayError for failures. */
  run(args: string[], ctx: CliContext): Promise<number>;
}
