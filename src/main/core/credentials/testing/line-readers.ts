// Small models of everything that reads a credential_process line, for the differential tests of
// command-line.ts: POSIX sh, python's shlex, cmd.exe, the Windows C runtime's argument splitter
// and the JS SDK's INI comment cutting. Each is written from the reader's documented rules,
// conservatively: anything it would do besides splitting the words counts as a danger.
export interface Parsed {
  argv: string[];
  /** Anything the parser would do besides splitting: expand, glob, redirect, run another command. */
  dangers: string[];
}

/** POSIX sh, conservatively: every special character outside quotes counts as a danger. */
export function shModel(line: string): Parsed {
  const argv: string[] = [];
  const dangers: string[] = [];
  let cur: string | undefined;
  let raw = '';
  const end = (): void => {
    if (cur === undefined) return;
    if (argv.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(raw)) dangers.push('assignment');
    argv.push(cur);
    cur = undefined;
    raw = '';
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n') {
      end();
      continue;
    }
    if (cur === undefined) {
      if (c === '#') {
        dangers.push('comment');
        break;
      }
      if (c === '~') dangers.push('tilde');
      cur = '';
    }
    raw += c;
    if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) {
        dangers.push('unterminated');
        break;
      }
      cur += line.slice(i + 1, close);
      raw += line.slice(i + 1, close + 1);
      i = close;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const d = line[j] ?? '';
        if (d === '$' || d === '`') dangers.push('expansion');
        if (d === '\\' && '$`"\\\n'.includes(line[j + 1] ?? '')) j++;
        cur += line[j] ?? '';
      }
      if (j >= line.length) {
        dangers.push('unterminated');
        break;
      }
      raw += line.slice(i + 1, j + 1);
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= line.length) dangers.push('trailing backslash');
      cur += line[++i] ?? '';
      raw += line[i] ?? '';
    } else if ('$`'.includes(c)) {
      dangers.push('expansion');
      cur += c;
    } else if ('*?['.includes(c)) {
      dangers.push('glob');
      cur += c;
    } else if (';&|<>()'.includes(c)) {
      dangers.push('operator');
      cur += c;
    } else if ('{}!'.includes(c)) {
      dangers.push('reserved');
      cur += c;
    } else {
      cur += c;
    }
  }
  end();
  return { argv, dangers };
}

/** Python's shlex.split (POSIX mode, no comments), which botocore uses off Windows. */
export function shlexModel(line: string): Parsed {
  const argv: string[] = [];
  const dangers: string[] = [];
  let cur: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (' \t\r\n'.includes(c)) {
      if (cur !== undefined) argv.push(cur);
      cur = undefined;
      continue;
    }
    cur ??= '';
    if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) return { argv, dangers: ['No closing quotation'] };
      cur += line.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && '"\\'.includes(line[j + 1] ?? '')) j++;
        cur += line[j] ?? '';
      }
      if (j >= line.length) return { argv, dangers: ['No closing quotation'] };
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return { argv, dangers: ['No escaped character'] };
      cur += line[++i] ?? '';
    } else {
      cur += c;
    }
  }
  if (cur !== undefined) argv.push(cur);
  return { argv, dangers };
}

/**
 * cmd.exe running `cmd /d /s /c "LINE"` (how Node's exec starts it): `/s` drops the outer quotes;
 * `%` and `!` expand (inside quotes too; `!` with delayed expansion on); `"` toggles quoting;
 * outside quotes `^` escapes the next character (and is removed) and `& | < >` end the command,
 * `( )` open or close blocks. Returns what it hands to CreateProcess and the program it runs.
 */
export function cmdModel(line: string): {
  commandLine: string;
  program: string;
  dangers: string[];
} {
  const dangers: string[] = [];
  if (line.includes('%')) dangers.push('percent expansion');
  if (line.includes('!')) dangers.push('delayed expansion');
  let out = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === '\n' || c === '\r') dangers.push('line break');
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '^') {
      dangers.push('caret escape');
      out += line[++i] ?? '';
      continue;
    } else if (!quoted && '&|<>'.includes(c)) dangers.push(`operator ${c}`);
    else if (!quoted && '()'.includes(c)) dangers.push('block');
    out += c;
  }
  if (quoted) dangers.push('unterminated quote');
  // the program name: a leading `@` hides echo; the name ends at an unquoted delimiter
  const start = out.trimStart();
  if (start.startsWith('@')) dangers.push('at sign');
  let program = '';
  let q = false;
  for (const c of start) {
    if (c === '"') {
      q = !q;
      continue;
    }
    if (!q && ' \t,;=/+'.includes(c)) break;
    program += c;
  }
  return { commandLine: out, program, dangers };
}

/**
 * The Windows C runtime's argument splitter (and CommandLineToArgvW): argv[0] is read up to the
 * next quote or whitespace with no escapes; after it, space and tab separate words outside
 * quotes, `"` toggles quoting, `""` inside quotes is a literal quote, and a run of backslashes
 * before a quote gives one backslash per pair, an odd one making the quote literal.
 */
export function crtModel(cmdLine: string): Parsed {
  const argv: string[] = [];
  const dangers: string[] = [];
  let i = 0;
  const n = cmdLine.length;
  // argv[0]
  let first = '';
  if (cmdLine[0] === '"') {
    const close = cmdLine.indexOf('"', 1);
    if (close < 0) return { argv, dangers: ['unterminated program name'] };
    first = cmdLine.slice(1, close);
    i = close + 1;
    if (i < n && !' \t'.includes(cmdLine[i] ?? '')) dangers.push('program name runs on');
  } else {
    while (i < n && !' \t'.includes(cmdLine[i] ?? '')) first += cmdLine[i++] ?? '';
  }
  argv.push(first);
  let cur: string | undefined;
  let quoted = false;
  while (i < n) {
    const c = cmdLine[i] ?? '';
    if (!quoted && (c === ' ' || c === '\t')) {
      if (cur !== undefined) argv.push(cur);
      cur = undefined;
      i++;
      continue;
    }
    cur ??= '';
    if (c === '\\') {
      let k = i;
      while (cmdLine[k] === '\\') k++;
      const run = k - i;
      if (cmdLine[k] === '"') {
        cur += '\\'.repeat(Math.floor(run / 2));
        if (run % 2 === 1) {
          cur += '"';
          i = k + 1;
        } else {
          i = k;
        }
      } else {
        cur += '\\'.repeat(run);
        i = k;
      }
    } else if (c === '"') {
      if (quoted && cmdLine[i + 1] === '"') {
        cur += '"';
        i += 2;
      } else {
        quoted = !quoted;
        i++;
      }
    } else {
      cur += c;
      i++;
    }
  }
  if (quoted) dangers.push('unterminated quote');
  if (cur !== undefined) argv.push(cur);
  return { argv, dangers };
}

/** The JS SDK's INI reader keeps a line up to whitespace (or the start) followed by # or ;. */
export function jsSdkIniValue(line: string): string {
  const kept = `credential_process = ${line}`.split(/(^|\s)[;#]/)[0] ?? '';
  return kept.slice(kept.indexOf('=') + 1).trim();
}
