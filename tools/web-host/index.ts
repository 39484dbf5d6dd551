// The web host: the local AWS emulator with a demo organisation, the app core in a
// sandbox HOME pointed at it, and the real renderer served to any browser over a loopback-only
// HTTP bridge implementing the IPC contract. A development tool; never part of the packaged app.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { createAppCore, type AppCore } from '../../src/main/core/app';
import type { Env } from '../../src/main/core/aws-paths';
import { FileSettingsStore } from '../../src/main/core/settings/store';
import type { Platform } from '../../src/main/core/tray/actions';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/index';
import { ControllableClock } from './clock';
import { fileLogSink, teeLogSink } from '../../src/main/core/log/file-sink';
import { createLogger, streamLogSink } from '../../src/main/core/log/logger';
import {
  RecordingBrowser,
  RecordingClipboard,
  RecordingConfirmer,
  RecordingFolderOpener,
  RecordingGlobalShortcut,
  RecordingNotifier,
  RecordingPalette,
} from './recorders';
import { createSandboxHome, type SandboxHome } from '../sandbox-home';
import { ScriptedUpdater } from './updater';
import { ensureRendererBuild, rendererSourcesExist } from './renderer-build';
import { createRequestHandler, writeSse } from './server';

export interface WebHostOptions {
  /** Port on 127.0.0.1 (0 = any free port; the default). */
  port?: number;
  /** HOME of the sandbox (default: a new temp folder, removed on close). */
  home?: string;
  /** Options of the in-process emulator (its port is always chosen freely unless given here). */
  emulator?: EmulatorOptions;
  /** The app's schedules run this many times faster than real time (default 1). */
  clockSpeed?: number;
  /** The platform the app pretends to run on (copy formats order, tabs). Default: this one. */
  platform?: Platform;
  /** Name of the `[sso-session]` written into the sandbox config (default `demo`). */
  sessionName?: string;
  /** Serve the renderer built in this folder instead of building one. */
  rendererDir?: string;
  /** Build the renderer when missing or stale (default true). */
  build?: boolean;
  /** Settings to start with (a settings.json object), e.g. `{ clipboardClearSeconds: 5 }`. */
  settings?: Record<string, unknown>;
  /** Global shortcuts "another app" holds, so registering them fails (default none). */
  takenShortcuts?: readonly string[];
  /** Also write the log here (the terminal of `npm run demo:web`); it always goes to a file. */
  logTo?: { write(text: string): unknown };
  /**
   * Browser tests of updates: a scripted updater (./updater.ts, driven through /_debug/updates)
   * and the core told it runs a packaged build. Without it the web host is a development build
   * and updates are off.
   */
  scriptedUpdates?: { currentVersion?: string };
}

export interface WebHostPaths {
  home: string;
  configFile: string;
  credentialsFile: string;
  ssoCacheDir: string;
  dataDir: string;
  /** The app core's log (`<dataDir>/logs/web-host.log`). */
  logFile: string;
}

export interface RunningWebHost {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The page to open: `${url}/?token=…` */
  appUrl: string;
  token: string;
  emulator: RunningEmulator;
  paths: WebHostPaths;
  core: AppCore;
  clock: ControllableClock;
  clipboard: RecordingClipboard;
  notifier: RecordingNotifier;
  browser: RecordingBrowser;
  /** main's questions, waiting for an answer through /_debug/confirmations/answer. */
  confirmer: RecordingConfirmer;
  /** The folders "Open logs folder" asked the OS to show. */
  folders: RecordingFolderOpener;
  /** The quick pick's global shortcut, pressed through POST /_debug/palette. */
  shortcuts: RecordingGlobalShortcut;
  palette: RecordingPalette;
  /** With `scriptedUpdates`: the updater the tests drive. */
  updater: ScriptedUpdater | undefined;
  close(): Promise<void>;
}

/** What Settings shows as the running version (the web host is no release). */
const WEB_HOST_VERSION = '0.0.0-dev';

function hostPlatform(): Platform {
  return process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
}

export async function startWebHost(options: WebHostOptions = {}): Promise<RunningWebHost> {
  let rendererDir: string | null = options.rendererDir ?? null;
  if (rendererDir === null && options.build !== false && rendererSourcesExist()) {
    rendererDir = await ensureRendererBuild();
  }

  const emulator = await startEmulator({ port: 0, ...options.emulator, quiet: true });
  const cleanups: Array<() => Promise<void> | void> = [() => emulator.close()];
  let sandbox: SandboxHome | undefined;
  try {
    // The sandbox HOME (a new temp folder unless one is given), its config naming the emulator
    // (a kept --home gets its section pointed at this run's emulator).
    const box = await createSandboxHome({
      ...(options.home === undefined ? {} : { home: options.home }),
      prefix: 'sso-tray-web-',
      session: {
        name: options.sessionName ?? 'demo',
        startUrl: emulator.startUrl,
        region: emulator.region,
      },
      endpoint: emulator.url,
    });
    sandbox = box;
    const home = box.home;
    const paths: WebHostPaths = {
      home,
      configFile: box.configFile,
      credentialsFile: box.credentialsFile,
      ssoCacheDir: join(home, '.aws', 'sso', 'cache'),
      dataDir: join(home, '.sso-tray'),
      logFile: join(home, '.sso-tray', 'logs', 'web-host.log'),
    };

    // The core's own environment: the sandbox files and the emulator's endpoints. The
    // developer's process.env (their real AWS profile, HOME) is never used.
    const env: Env = { ...box.env, AWS_REGION: emulator.region };

    const clock = new ControllableClock(options.clockSpeed ?? 1);
    cleanups.push(() => clock.dispose());
    const streams = new Set<ServerResponse>();
    const clipboard = new RecordingClipboard();
    const notifier = new RecordingNotifier(() => clock.now());
    // openExternal: the page turns this event into a new tab (src/renderer/web-bridge.ts).
    const browser = new RecordingBrowser((url) => {
      for (const res of streams) writeSse(res, 'openExternal', { url });
    });

    const confirmer = new RecordingConfirmer(() => clock.now());
    const folders = new RecordingFolderOpener();
    const shortcuts = new RecordingGlobalShortcut(new Set(options.takenShortcuts ?? []));
    // The page shows the quick pick over itself on this event (its own window in the app).
    const palette = new RecordingPalette(() => {
      for (const res of streams) writeSse(res, 'navigate', { to: 'palette' });
    });
    const file = fileLogSink(paths.logFile);
    const logger = createLogger(
      options.logTo === undefined ? file : teeLogSink(file, streamLogSink(options.logTo)),
      { level: 'debug' },
    );
    logger.info('web host started', { home, emulator: emulator.url });
    cleanups.push(() => confirmer.dismissAll());
    const settingsFile = join(paths.dataDir, 'settings.json');
    if (options.settings !== undefined && !existsSync(settingsFile)) {
      await mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
      await writeFile(settingsFile, JSON.stringify({ version: 1, ...options.settings }), {
        mode: 0o600,
      });
    }
    const updater =
      options.scriptedUpdates === undefined
        ? undefined
        : new ScriptedUpdater(options.scriptedUpdates.currentVersion ?? '1.0.0');
    const core = createAppCore({
      env,
      dataDir: paths.dataDir,
      settings: new FileSettingsStore(settingsFile),
      clipboard,
      notifier,
      browser,
      confirm: confirmer,
      clock,
      platform: options.platform ?? hostPlatform(),
      allowLoopbackHttp: true,
      logger,
      logsLocation: dirname(paths.logFile),
      openLogsFolder: async () => folders.open(dirname(paths.logFile)),
      globalShortcut: shortcuts,
      palette,
      // A development build (updates off), unless a test scripts the updater.
      ...(updater === undefined
        ? { build: { isPackaged: false, dev: true, demo: false } }
        : { build: { isPackaged: true, dev: false, demo: false }, updater }),
      appVersion: updater?.currentVersion ?? WEB_HOST_VERSION,
    });
    cleanups.push(() => core.dispose());
    await core.ready;

    const token = randomBytes(32).toString('base64url');
    let port = 0;
    const server = createServer(
      createRequestHandler({
        token,
        core,
        clock,
        clipboard,
        notifier,
        browser,
        confirmer,
        folders,
        shortcuts,
        palette,
        updater,
        paths: { ...paths },
        rendererDir: () => rendererDir,
        allowedHosts: () => [`127.0.0.1:${port}`, `localhost:${port}`],
        streams,
      }),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const res of streams) res.end();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );

    const url = `http://127.0.0.1:${port}`;
    let closed: Promise<void> | null = null;
    return {
      url,
      appUrl: `${url}/?token=${token}`,
      token,
      emulator,
      paths,
      core,
      clock,
      clipboard,
      notifier,
      browser,
      confirmer,
      folders,
      shortcuts,
      palette,
      updater,
      close: () => {
        closed ??= runCleanups(cleanups).then(() => box.cleanup());
        return closed;
      },
    };
  } catch (e) {
    await runCleanups(cleanups);
    await sandbox?.cleanup();
    throw e;
  }
}

async function runCleanups(cleanups: Array<() => Promise<void> | void>): Promise<void> {
  // Last started, first stopped: server, core, clock, emulator.
  for (const cleanup of [...cleanups].reverse()) {
    try {
      await cleanup();
    } catch {
      // Keep closing the rest.
    }
  }
}
