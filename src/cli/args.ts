import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SsoTrayError, isSsoTrayError } from '../main/core/errors';

/** Bad command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, with its errors turned into UsageError. */
export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
  usage: string,
): ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>['values'] {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    const message = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
    throw new UsageError(message.replace(/ To specify a positional argument.*$/, ''), usage);
  }
}

/** A string option that must not be empty when given. */
export function nonEmpty(
  value: string | undefined,
  flag: string,
  usage: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`${flag} needs a value.`, usage);
  return value;
}

/**
 * A write refused because the profile is not SSO Tray's own (PROFILE_NOT_OURS, exit 4) says how
 * to replace it anyway from the command line.
 */
export async function withForceHint<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if (!isSsoTrayError(e, 'PROFILE_NOT_OURS')) throw e;
    throw new SsoTrayError(
      'PROFILE_NOT_OURS',
      `${e.message.replace(/ It is replaced only if you confirm\.$/, '')} ` +
        'Nothing was changed; run the command again with --force to replace it.',
    );
  }
}
