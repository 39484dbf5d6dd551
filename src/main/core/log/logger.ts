// The log a user can send: what went wrong and what was refused, without a single secret. The
// core logs through this port; each host decides where the lines go (the Electron app: a rotated
// file in the OS logs folder; the CLI: stderr with --verbose; the web host: its terminal; tests:
// memory). Every message and field passes through `redact` on its way in, and fields whose name
// says they hold a secret are dropped, so a careless call cannot leak a token either.
import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** A field's value; `error` may hold anything thrown (it is described, never dumped). */
export type LogFields = Record<string, unknown>;

export interface LogEntry {
  /** epoch ms */
  time: number;
  level: LogLevel;
  /** The part of the app that wrote it: `sso`, `files`, `ipc`, `tray`, … */
  scope: string;
  message: string;
  /** Already redacted and flattened to text. */
  fields: Record<string, string>;
}

export interface LogSink {
  write(entry: LogEntry): void;
}

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The same sink, with `scope` naming the part of the app. */
  child(scope: string): Logger;
}

/** Field names that may hold a secret: their values never reach the log. */
const SECRET_FIELD = /secret|token|password|credential|authorization|cookie|key$/i;

/** "SsoTrayError (FILE): Cannot write …" with HTTP status and errno code when there are any. */
export function describeError(e: unknown): string {
  if (typeof e !== 'object' || e === null) return redact(String(e));
  const o = e as Record<string, unknown>;
  const name = typeof o.name === 'string' ? o.name : 'Error';
  const code = typeof o.code === 'string' ? o.code : undefined;
  const meta = o.$metadata as { httpStatusCode?: unknown } | undefined;
  const status = typeof meta?.httpStatusCode === 'number' ? meta.httpStatusCode : undefined;
  const message = typeof o.message === 'string' ? o.message : '';
  const tags = [code, status === undefined ? undefined : `HTTP ${status}`].filter(Boolean);
  return redact(`${name}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}: ${message}`);
}

function text(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  if (value instanceof Error) return describeError(value);
  try {
    return redact(JSON.stringify(value) ?? '');
  } catch {
    return '[unprintable]';
  }
}

function clean(fields: LogFields | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (fields === undefined) return out;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (key === 'error') out.error = describeError(value);
    else out[key] = SECRET_FIELD.test(key) ? '[redacted]' : text(value);
  }
  return out;
}

export interface LoggerOptions {
  /** Entries below this level are dropped (default `info`). */
  level?: LogLevel;
  scope?: string;
  now?: () => number;
}

export function createLogger(sink: LogSink, options: LoggerOptions = {}): Logger {
  const min = LOG_LEVELS.indexOf(options.level ?? 'info');
  const now = options.now ?? Date.now;
  const make = (scope: string): Logger => {
    const at =
      (level: LogLevel) =>
      (message: string, fields?: LogFields): void => {
        if (LOG_LEVELS.indexOf(level) < min) return;
        try {
          sink.write({
            time: now(),
            level,
            scope,
            message: redact(message),
            fields: clean(fields),
          });
        } catch {
          // A log that cannot be written must never break what it describes.
        }
      };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (child) => make(scope === '' ? child : `${scope}.${child}`),
    };
  };
  return make(options.scope ?? '');
}

/** Discards everything: the default where a host gives no logger. */
export const silentLogger: Logger = createLogger({ write: () => undefined });

/** One line: `2026-12-01T17:00:00.000Z WARN  [files] message key=value key2="two words"`. */
export function formatLogLine(e: LogEntry): string {
  const fields = Object.entries(e.fields)
    .map(([k, v]) => `${k}=${/^[^\s"=]+$/.test(v) ? v : JSON.stringify(v)}`)
    .join(' ');
  const scope = e.scope === '' ? '' : ` [${e.scope}]`;
  return `${new Date(e.time).toISOString()} ${e.level.toUpperCase().padEnd(5)}${scope} ${e.message}${fields === '' ? '' : ` ${fields}`}`;
}

/** Keeps entries in memory (tests, and the web host's debug route). */
export class MemoryLogSink implements LogSink {
  readonly entries: LogEntry[] = [];
  write(entry: LogEntry): void {
    this.entries.push(entry);
  }
  text(): string {
    return this.entries.map(formatLogLine).join('\n');
  }
}

/** Writes formatted lines to a stream (the CLI's stderr, the web host's terminal). */
export function streamLogSink(out: { write(text: string): unknown }): LogSink {
  return { write: (e) => void out.write(`${formatLogLine(e)}\n`) };
}
