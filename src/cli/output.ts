// The command's stdout and stderr, written straight to their file descriptors.
import { writeSync } from 'node:fs';
import type { Output } from './types';

/**
 * Output straight to a file descriptor. `process.stdout` first builds its stream (for a pipe, the
 * socket machinery), a noticeable share of the start of a `credential_process` that answers from
 * the cache; `aws` starts one before every command. Should the descriptor refuse a write (a full
 * non-blocking pipe, a closed one), that write and every later one go through the stream, which
 * handles those cases, so the order is kept.
 */
export function fdOutput(fd: number, stream: () => Pick<NodeJS.WriteStream, 'write'>): Output {
  let fallback: Pick<NodeJS.WriteStream, 'write'> | undefined;
  return {
    write(text: string) {
      if (fallback) return fallback.write(text);
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      try {
        while (done < bytes.length) done += writeSync(fd, bytes, done);
        return true;
      } catch {
        fallback = stream();
        return fallback.write(bytes.subarray(done));
      }
    },
  };
}
