// The web host (design §3.5): the local AWS emulator with a demo organisation, the app core in a
// sandbox HOME pointed at it, and the real renderer served to any browser over a loopback-only
// HTTP bridge implementing the IPC contract. A development tool; never part of the packaged app.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
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
  RecordingNotifier,
} from './recorders';
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
  /** Also write the log here (the terminal of `npm run demo:web`); it always goes to a file. */
  logTo?: { write(text: string): unknown };
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
  close(): Promise<void>;
}

function hostPlatform(): Platform {
  return process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
}

async function writeDemoConfig(
  configFile: string,
  session: string,
  startUrl: string,
  region: string,
): Promise<void> {
  const header = `[sso-session ${session}]`;
  let text = '';
  try {
    text = await readFile(configFile, 'utf8');
  } catch {
    // A new sandbox: no config yet.
  }
  const block = `${header}\nsso_start_url = ${startUrl}\nsso_region = ${region}\nsso_registration_scopes = sso:account:access\n`;
  if (text.includes(header)) {
    // A kept --home from an earlier run: the emulator's start URL changes with its seed only,
    // so point the section at this run's emulator.
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.trim() === header);
    let end = lines.findIndex((l, i) => i > start && l.trim().startsWith('['));
    if (end === -1) end = lines.length;
    lines.splice(start, end - start, ...block.trimEnd().split('\n'), '');
    text = lines.join('\n');
  } else {
    text = text === '' ? block : `${text.replace(/\n*$/, '\n')}\n${block}`;
  }
  await mkdir(join(configFile, '..'), { recursive: true, mode: 0o700 });
  await writeFile(configFile, text, { mode: 0o600 });
}

export async function startWebHost(options: WebHostOptions = {}): Promise<RunningWebHost> {
  const ownHome = options.home === undefined;
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'sso-tray-web-')));
  await mkdir(home, { recursive: true });
  const paths: WebHostPaths = {
    home,
    configFile: join(home, '.aws', 'config'),
    credentialsFile: join(home, '.aws', 'credentials'),
    ssoCacheDir: join(home, '.aws', 'sso', 'cache'),
    dataDir: join(home, '.sso-tray'),
    logFile: join(home, '.sso-tray', 'logs', 'web-host.log'),
  };

  let rendererDir: string | null = options.rendererDir ?? null;
  if (rendererDir === null && options.build !== false && rendererSourcesExist()) {
    rendererDir = await ensureRendererBuild();
  }

  const emulator = await startEmulator({ port: 0, ...options.emulator, quiet: true });
  const cleanups: Array<() => Promise<void> | void> = [() => emulator.close()];
  try {
    const session = options.sessionName ?? 'demo';
    await writeDemoConfig(paths.configFile, session, emulator.startUrl, emulator.region);

    // The core's own environment: the sandbox files and the emulator's endpoints. The
    // developer's process.env (their real AWS profile, HOME) is never used.
    const env: Env = {
      HOME: home,
      AWS_CONFIG_FILE: paths.configFile,
      AWS_SHARED_CREDENTIALS_FILE: paths.credentialsFile,
      AWS_ENDPOINT_URL_SSO: emulator.url,
      AWS_ENDPOINT_URL_SSO_OIDC: emulator.url,
      AWS_ENDPOINT_URL_STS: emulator.url,
      AWS_REGION: emulator.region,
    };

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
      close: () => {
        closed ??= runCleanups(cleanups).then(() =>
          ownHome ? rm(home, { recursive: true, force: true }) : undefined,
        );
        return closed;
      },
    };
  } catch (e) {
    await runCleanups(cleanups);
    if (ownHome) await rm(home, { recursive: true, force: true });
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
