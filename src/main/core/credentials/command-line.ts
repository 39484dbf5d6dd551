// The `credential_process` line: argv words written as one string that every AWS tool turns back
// into the same argv, with nothing expanded or run on the side.
//
// Who reads the line:
// - botocore (the AWS CLI v1 and v2, boto3) splits it itself and starts the program without a
//   shell: `shlex.split` on POSIX; on Windows its own splitter with the C runtime's rules (space
//   and tab separate words, `"` toggles quoting, backslashes are literal except in a run that
//   ends at a `"`, where each pair gives one backslash and an odd one makes the quote literal).
// - The JS SDK hands the whole line to a shell: `/bin/sh -c LINE` on POSIX,
//   `cmd.exe /d /s /c "LINE"` on Windows. The program cmd.exe starts splits its own command line
//   again with the C runtime's rules.
// - Before any of that, the INI readers: the JS SDK cuts a line at whitespace followed by `#`
//   or `;` (an inline comment), quoted or not; botocore keeps the line whole.
//
// POSIX: a word is written bare when it holds only characters neither sh nor shlex treats
// specially, else in single quotes (inside which both read every character literally), `'`
// written as `'\''`. Every word can be written this way.
//
// Windows: a word is written bare when it holds only plain characters, else in double quotes.
// Inside double quotes cmd.exe reads `& | < > ( ) ^` and spaces literally, and so does the C
// runtime. What cannot be made to mean the same to both is refused:
// - `"`: cmd.exe toggles its quoting at every `"`, including the `\"` the C runtime reads as a
//   literal quote, so a quote inside a word exposes what follows to cmd.exe (`x"&calc&"`).
// - `%`: cmd.exe expands `%NAME%` inside quotes too, and has no escape for it on a command line.
// - `!`: expanded inside quotes too when delayed expansion is on (a registry setting).
// - a backslash at the end of a quoted word: the C runtime reads `\"` as a literal quote and the
//   word would run into the next one, while cmd.exe sees the quote close.
// - the full-width forms U+FF01-U+FF5E: Windows' "best fit" conversion to a legacy code page
//   turns them into their ASCII look-alikes (`＂` into `"`), in any program that converts.
// Everywhere: control characters and line or paragraph separators (the line must stay one INI
// line), lone surrogates, an empty word, and whitespace followed by `#` or `;` (the JS SDK would
// cut the line there).

import { SsoTrayError } from '../errors';

export type CommandPlatform = 'posix' | 'win32';

/** One argv word and what it is, for the message when it is refused. */
export interface CommandWord {
  value: string;
  /** e.g. "session name", "install path"; an install path is a CONFIG problem, the rest input. */
  what: string;
}

/** How each platform's line is read (see above); `process.platform` to one of them. */
export function commandPlatform(platform: NodeJS.Platform = process.platform): CommandPlatform {
  return platform === 'win32' ? 'win32' : 'posix';
}

// POSIX bare words: nothing sh (globs, `~`, `$`, quotes, operators, `#`, `!`, `{}`) or shlex
// treats specially. `=` is left out of the program word so sh never reads it as an assignment.
const POSIX_BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;
const POSIX_BARE_PROGRAM = /^[A-Za-z0-9_@%+:,./-]+$/;
// Windows bare words: nothing cmd.exe or the C runtime treats specially. cmd.exe ends the program
// name at `,`, `;`, `=`, `/` and `+` and hides a leading `@`, so the program word is stricter.
const WIN_BARE = /^[A-Za-z0-9_@+=,.:/\\-]+$/;
const WIN_BARE_PROGRAM = /^[A-Za-z0-9_.:\\-]+$/;

function needsQuotes(
  word: string,
  platform: CommandPlatform,
  position: 'program' | 'argument',
): boolean {
  const bare =
    platform === 'win32'
      ? position === 'program'
        ? WIN_BARE_PROGRAM
        : WIN_BARE
      : position === 'program'
        ? POSIX_BARE_PROGRAM
        : POSIX_BARE;
  return !bare.test(word);
}

// C0 and C1 controls, DEL, U+2028/U+2029, and lone surrogates.
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u;
const INLINE_COMMENT = /\s[#;]/;

/** Why `word` cannot be written in a credential_process line on `platform`, or undefined. */
export function refusalReason(
  word: string,
  platform: CommandPlatform,
  position: 'program' | 'argument' = 'argument',
): string | undefined {
  if (word === '') return 'it is empty';
  if (CONTROL.test(word)) return 'it contains a control character or a line break';
  if (INLINE_COMMENT.test(word)) {
    return 'it contains whitespace followed by "#" or ";", where the AWS JS SDK cuts the line as a comment';
  }
  if (platform === 'posix') return undefined;
  if (word.includes('"')) {
    return 'it contains a double quote ("), which cmd.exe and the Windows argument splitter read differently';
  }
  if (word.includes('%')) return 'it contains "%", which cmd.exe expands as %VARIABLE%';
  if (word.includes('!')) {
    return 'it contains "!", which cmd.exe expands as !VARIABLE! when delayed expansion is on';
  }
  if (/[\uff01-\uff5e]/.test(word)) {
    return 'it contains a full-width character that Windows may turn into an ASCII quote or symbol';
  }
  if (word.endsWith('\\') && needsQuotes(word, platform, position)) {
    return 'it ends in a backslash, which Windows reads as escaping the closing quote';
  }
  return undefined;
}

/**
 * One word as the line holds it: bare when safe, else quoted for `platform`. Throws
 * INVALID_INPUT (CONFIG for an install path) when the word cannot be written safely.
 */
export function quoteWord(
  word: CommandWord,
  platform: CommandPlatform,
  position: 'program' | 'argument' = 'argument',
): string {
  const why = refusalReason(word.value, platform, position);
  if (why !== undefined) {
    const install = word.what === 'install path';
    throw new SsoTrayError(
      install ? 'CONFIG' : 'INVALID_INPUT',
      `The ${word.what} ${JSON.stringify(word.value)} cannot go into a credential_process ` +
        `command: ${why}. ` +
        (install
          ? 'Install sso-tray in a folder whose path avoids it.'
          : `Choose a ${word.what} without it.`),
    );
  }
  const v = word.value;
  if (!needsQuotes(v, platform, position)) return v;
  if (platform === 'win32') return `"${v}"`;
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

/** The whole line: the first word is the program. */
export function commandLine(words: readonly CommandWord[], platform: CommandPlatform): string {
  return words.map((w, i) => quoteWord(w, platform, i === 0 ? 'program' : 'argument')).join(' ');
}
