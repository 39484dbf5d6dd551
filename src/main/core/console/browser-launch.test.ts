import { EventEmitter } from 'node:events';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  browserLaunchCommands,
  containerUrl,
  launchBrowser,
  tryStart,
  type SpawnFn,
} from './browser-launch';

const URL_IN = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=a+b/c=&x="y z"';
const URL_OUT = new URL(URL_IN).href;
const WIN_ENV = {
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local',
};

describe('browserLaunchCommands', () => {
  it('leaves the default browser to the host opener', () => {
    expect(browserLaunchCommands(URL_IN, { browser: 'default' }, 'linux', {})).toBeUndefined();
  });

  it('builds the argv of each Chromium browser with its profile folder', () => {
    expect(
      browserLaunchCommands(URL_IN, { browser: 'chrome', profile: 'Profile 1' }, 'linux', {}),
    ).toEqual([
      { command: 'google-chrome', args: ['--profile-directory=Profile 1', URL_OUT] },
      { command: 'google-chrome-stable', args: ['--profile-directory=Profile 1', URL_OUT] },
    ]);
    expect(browserLaunchCommands(URL_IN, { browser: 'edge' }, 'linux', {})?.[0]).toEqual({
      command: 'microsoft-edge',
      args: [URL_OUT],
    });
    expect(
      browserLaunchCommands(URL_IN, { browser: 'brave', profile: 'Default' }, 'darwin', {}),
    ).toEqual([
      {
        command: 'open',
        args: ['-n', '-a', 'Brave Browser', '--args', '--profile-directory=Default', URL_OUT],
      },
    ]);
    expect(
      browserLaunchCommands(URL_IN, { browser: 'edge', profile: 'Work' }, 'win32', WIN_ENV),
    ).toEqual([
      {
        command: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
        args: ['--profile-directory=Work', URL_OUT],
      },
      {
        command: 'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
        args: ['--profile-directory=Work', URL_OUT],
      },
    ]);
    expect(
      browserLaunchCommands(URL_IN, { browser: 'chrome' }, 'win32', { LOCALAPPDATA: 'D:\\L' }),
    ).toEqual([{ command: 'D:\\L\\Google\\Chrome\\Application\\chrome.exe', args: [URL_OUT] }]);
  });

  it('gives Firefox its profile with -P and a container as an ext+container: URL', () => {
    expect(
      browserLaunchCommands(URL_IN, { browser: 'firefox', profile: 'work' }, 'linux', {}),
    ).toEqual([{ command: 'firefox', args: ['-P', 'work', URL_OUT] }]);
    const withContainer = browserLaunchCommands(
      URL_IN,
      { browser: 'firefox', container: 'Prod & Co' },
      'darwin',
      {},
    );
    const expected = `ext+container:name=Prod%20%26%20Co&url=${encodeURIComponent(URL_OUT)}`;
    expect(withContainer).toEqual([
      { command: 'open', args: ['-n', '-a', 'Firefox', '--args', expected] },
    ]);
    expect(
      browserLaunchCommands(URL_IN, { browser: 'firefox', container: 'c' }, 'win32', WIN_ENV)?.[0],
    ).toEqual({
      command: 'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
      args: [`ext+container:name=c&url=${encodeURIComponent(URL_OUT)}`],
    });
  });

  it('encodes the container URL so neither value can add a parameter', () => {
    const u = containerUrl('a&url=https://evil', 'https://x.example/?a=1&b=2');
    expect(u).toBe(
      'ext+container:name=a%26url%3Dhttps%3A%2F%2Fevil&url=https%3A%2F%2Fx.example%2F%3Fa%3D1%26b%3D2',
    );
    const params = new URLSearchParams(u.slice('ext+container:'.length));
    expect([...params.keys()]).toEqual(['name', 'url']);
    expect(params.get('name')).toBe('a&url=https://evil');
    expect(params.get('url')).toBe('https://x.example/?a=1&b=2');
  });

  it('refuses URLs that are not http(s) and names a browser would read as options', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'not a url', '--help']) {
      expect(browserLaunchCommands(url, { browser: 'chrome' }, 'linux', {}), url).toBeUndefined();
    }
    for (const profile of ['--disable-web-security', '-P', 'a\nb', ' x', 'a"b', '']) {
      expect(
        browserLaunchCommands(URL_IN, { browser: 'chrome', profile }, 'linux', {}),
        profile,
      ).toBeUndefined();
    }
    expect(
      browserLaunchCommands(URL_IN, { browser: 'chrome', container: 'c' }, 'linux', {}),
    ).toBeUndefined();
    expect(
      browserLaunchCommands(URL_IN, { browser: 'firefox', container: '-x' }, 'linux', {}),
    ).toBeUndefined();
  });
});

interface Call {
  command: string;
  args: readonly string[];
  options: SpawnOptions;
}

/** A spawn whose programs are missing (ENOENT) unless listed in `present`. */
function fakeSpawn(calls: Call[], present: string[], exitCode?: number): SpawnFn {
  return (command, args, options) => {
    calls.push({ command, args, options });
    const child = new EventEmitter() as ChildProcess;
    child.unref = () => undefined;
    setImmediate(() => {
      if (!present.includes(command)) {
        child.emit('error', Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' }));
        return;
      }
      if (exitCode !== undefined) child.emit('exit', exitCode);
      else child.emit('spawn');
    });
    return child;
  };
}

describe('launchBrowser', () => {
  it('tries each program in turn, without a shell, until one starts', async () => {
    const calls: Call[] = [];
    const ok = await launchBrowser(
      URL_IN,
      { browser: 'chrome' },
      'linux',
      {},
      fakeSpawn(calls, ['google-chrome-stable'], 0),
    );
    expect(ok).toBe(true);
    expect(calls.map((c) => c.command)).toEqual(['google-chrome', 'google-chrome-stable']);
    expect(calls.every((c) => c.options.shell === false)).toBe(true);
  });

  it('says false when no program starts or it exits with an error', async () => {
    expect(await launchBrowser(URL_IN, { browser: 'brave' }, 'linux', {}, fakeSpawn([], []))).toBe(
      false,
    );
    expect(
      await launchBrowser(URL_IN, { browser: 'firefox' }, 'darwin', {}, fakeSpawn([], ['open'], 1)),
    ).toBe(false);
    const calls: Call[] = [];
    expect(
      await launchBrowser(
        'file:///x',
        { browser: 'firefox' },
        'linux',
        {},
        fakeSpawn(calls, ['firefox']),
      ),
    ).toBe(false);
    expect(calls).toEqual([]);
  });
});

describe('tryStart', () => {
  it('counts a program still running after the settle time as started, with the caller options', async () => {
    const calls: Call[] = [];
    const cmd = { command: 'xdg-open', args: [URL_OUT] };
    // still running: started once the settle time has passed without a failure
    expect(await tryStart(fakeSpawn(calls, ['xdg-open']), cmd, { settleMs: 20 })).toBe(true);
    expect(calls[0]?.options).toMatchObject({ shell: false, detached: true, windowsHide: false });
    // an opener asks to hide its console window on Windows
    await tryStart(fakeSpawn(calls, ['xdg-open'], 0), cmd, { windowsHide: true });
    expect(calls[1]?.options.windowsHide).toBe(true);
  });
});
