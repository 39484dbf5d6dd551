import { EventEmitter } from 'node:events';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserCommand, openInBrowser, type SpawnFn } from './open-browser';

interface Call {
  command: string;
  args: readonly string[];
  options: SpawnOptions;
}

/** A spawn that records its call and whose child exits with `code`. */
function fakeSpawn(calls: Call[], code = 0): SpawnFn {
  return (command, args, options) => {
    calls.push({ command, args, options });
    const child = new EventEmitter() as ChildProcess;
    child.unref = () => undefined;
    setImmediate(() => child.emit('exit', code));
    return child;
  };
}

// every character a shell or cmd.exe would act on
const URL_IN = 'https://d-1234567890.awsapps.com/start/#/?a=1&b=%PATH%&c="x"&d=^calc&e=a b|c<d>';
const URL_OUT =
  'https://d-1234567890.awsapps.com/start/#/?a=1&b=%PATH%&c=%22x%22&d=^calc&e=a%20b|c%3Cd%3E';

describe('openInBrowser', () => {
  it('passes the URL as one argv word, never through a shell, on every platform', async () => {
    expect(new URL(URL_IN).href).toBe(URL_OUT);
    for (const [platform, command, args] of [
      ['win32', 'rundll32.exe', ['url.dll,FileProtocolHandler', URL_OUT]],
      ['darwin', 'open', [URL_OUT]],
      ['linux', 'xdg-open', [URL_OUT]],
      ['freebsd', 'xdg-open', [URL_OUT]],
    ] as const) {
      const calls: Call[] = [];
      expect(await openInBrowser(URL_IN, platform, fakeSpawn(calls))).toBe(true);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.command).toBe(command);
      expect(calls[0]?.args).toEqual(args);
      expect(calls[0]?.options.shell).toBe(false);
      expect(calls[0]?.options.windowsHide).toBe(true);
      // no space, tab or quote: Windows' argument quoting leaves the word exactly as it is
      expect(calls[0]?.args.at(-1)).not.toMatch(/[\s"]/);
    }
  });

  it('opens only http(s) URLs and says false when the opener fails', async () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:',
      '\\\\server\\share',
      'C:\\Windows\\System32\\calc.exe',
      '--help',
      'not a url',
    ]) {
      const calls: Call[] = [];
      expect(await openInBrowser(url, 'win32', fakeSpawn(calls)), url).toBe(false);
      expect(calls, url).toEqual([]);
      expect(browserCommand(url, 'linux'), url).toBeUndefined();
    }
    expect(await openInBrowser('http://127.0.0.1:9/x', 'linux', fakeSpawn([], 3))).toBe(false);
  });
});

describe('openInBrowser and an opener that stays running', () => {
  afterEach(() => vi.useRealTimers());

  it('waits for it with a referenced timer, so the CLI does not end before it knows', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const waits: Array<{ ms: number | undefined; timer: ReturnType<typeof setTimeout> }> = [];
    const real = globalThis.setTimeout;
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      fn: () => void,
      ms?: number,
    ) => {
      const timer = real(fn, ms);
      waits.push({ ms, timer });
      return timer;
    }) as typeof setTimeout);
    const lingering: SpawnFn = () => {
      const child = new EventEmitter() as ChildProcess;
      child.unref = () => undefined;
      queueMicrotask(() => child.emit('spawn'));
      return child;
    };
    const opened = openInBrowser('https://x.awsapps.com/start', 'linux', lingering);
    await vi.waitFor(() => expect(waits).toHaveLength(1));
    // an unref-ed timer would let node exit with the promise unsettled
    expect(waits[0]?.ms).toBe(5000);
    expect((waits[0]?.timer as NodeJS.Timeout).hasRef()).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(await opened).toBe(true);
    spy.mockRestore();
  });
});

describe('openInBrowser with a real process', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it.skipIf(process.platform === 'win32')('hands the opener the URL without a shell', async () => {
    dir = mkdtempSync(join(tmpdir(), 'opener-'));
    const seen = join(dir, 'argv.json');
    const marker = join(dir, 'ran');
    const opener = join(dir, 'xdg-open');
    writeFileSync(
      opener,
      `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(seen)}, JSON.stringify(process.argv.slice(2)));\n`,
    );
    chmodSync(opener, 0o755);
    const url = `https://x.awsapps.com/start?a=1&b=$(touch${'${IFS}'}${marker})&c=\`touch ${marker}\`;touch ${marker}`;
    const { spawn } = await import('node:child_process');
    const withPath: SpawnFn = (command, args, options) =>
      spawn(command, args, { ...options, env: { ...process.env, PATH: `${dir}:/usr/bin:/bin` } });
    expect(await openInBrowser(url, 'linux', withPath)).toBe(true);
    expect(JSON.parse(readFileSync(seen, 'utf8'))).toEqual([new URL(url).href]);
    expect(() => readFileSync(marker)).toThrow();
  });
});
