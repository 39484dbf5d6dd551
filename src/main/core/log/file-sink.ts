// A log file on disk for hosts without electron-log (the web host): one line per entry, mode
// 0600 in a 0700 folder, and when it grows past `maxBytes` it moves to `<file>.old` (one old file
// kept), as electron-log rotates the app's own.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatLogLine, type LogSink } from './logger';

export function fileLogSink(path: string, maxBytes = 1024 * 1024): LogSink {
  let size = -1;
  return {
    write(entry) {
      const line = `${formatLogLine(entry)}\n`;
      if (size < 0) {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        try {
          size = statSync(path).size;
        } catch {
          size = 0; // a new file
        }
      }
      if (size + line.length > maxBytes && size > 0) {
        renameSync(path, `${path}.old`);
        size = 0;
      }
      appendFileSync(path, line, { mode: 0o600 });
      size += Buffer.byteLength(line);
    },
  };
}

/** Writes each entry to every sink (a file and a terminal, say). */
export function teeLogSink(...sinks: LogSink[]): LogSink {
  return {
    write(entry) {
      for (const sink of sinks) sink.write(entry);
    },
  };
}
