// Starts the real main process (./main.ts) against the electron mock, in a sandbox: a temp HOME
// with an AWS config file, the app's data folder, and a built-looking `out/` folder whose
// renderer holds a page and a script (with a file beside the renderer that must never be
// served). The test file must mock `electron` with ./electron-mock before this runs.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { createLogger, MemoryLogSink } from '../../core/log/logger';
import { runMain, type MainOptions } from '../main';
import { fake } from './electron-mock';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');
export const START_URL = 'https://d-1234567890.awsapps.com/start';
export const INDEX_HTML = '<!doctype html><title>SSO Tray</title><script src="app.js"></script>';
export const APP_JS = 'console.log("renderer")';
/** Beside the renderer folder: what a path traversal would be after. */
export const OUTSIDE_SECRET = 'not for the window';

export interface LaunchOptions {
  /** The AWS config file; by default one `[sso-session acme]` on an AWS portal. */
  config?: string;
  /** Added to the sandbox's HOME and AWS file variables. */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** `app.isPackaged` (default true, as users run it). */
  packaged?: boolean;
  /** Whether this instance gets the single-instance lock (default true). */
  lock?: boolean;
  /** Hands the app an autoUpdater-shaped object in place of electron-updater's (./updater.test.ts). */
  loadAutoUpdater?: MainOptions['loadAutoUpdater'];
  /** The packaged app's app-update.yml. */
  appUpdateYml?: string;
}

export interface Launched {
  options: MainOptions;
  home: string;
  configFile: string;
  userData: string;
  rendererDir: string;
  /** Where a packaged build's icons are (a copy of assets/*.png, as electron-builder does). */
  resourcesPath: string;
  /** What the app wrote to its log (in place of electron-log's file). */
  log: MemoryLogSink;
  /** The folders "Open logs folder" asked for. */
  logFoldersOpened: string[];
  /** Quits as the tray's Quit does and waits until the app called `app.exit`. */
  quit(): Promise<void>;
  /** Removes the sandbox. */
  cleanup(): Promise<void>;
}

export async function launch(options: LaunchOptions = {}): Promise<Launched> {
  const root = await mkdtemp(join(tmpdir(), 'sso-tray-electron-main-'));
  const home = join(root, 'home');
  const configFile = join(home, '.aws', 'config');
  const userData = join(root, 'user-data');
  const out = join(root, 'out');
  const rendererDir = join(out, 'renderer');
  const resourcesPath = join(root, 'resources');
  await mkdir(join(home, '.aws'), { recursive: true });
  await mkdir(userData, { recursive: true });
  await mkdir(join(out, 'main'), { recursive: true });
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(
    configFile,
    options.config ??
      `[sso-session acme]\nsso_start_url = ${START_URL}\nsso_region = eu-west-1\n` +
        `sso_registration_scopes = sso:account:access\n`,
  );
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(join(rendererDir, 'assets', 'app.js'), APP_JS);
  await writeFile(join(rendererDir, 'assets', 'app.js.map'), '{}');
  await writeFile(join(out, 'secret.txt'), OUTSIDE_SECRET);
  await cp(join(REPO_ROOT, 'assets'), join(resourcesPath, 'assets'), {
    recursive: true,
    filter: (src) => src === join(REPO_ROOT, 'assets') || src.endsWith('.png'),
  });

  const log = new MemoryLogSink();
  const logFoldersOpened: string[] = [];
  const logsFolder = join(root, 'logs');
  const platform = options.platform ?? 'linux';
  fake.app.isPackaged = options.packaged ?? true;
  fake.app.singleInstanceLock = options.lock ?? true;
  fake.app.paths.userData = userData;
  fake.app.appPath = REPO_ROOT;
  if (platform === 'darwin') fake.useDock();

  const mainOptions: MainOptions = {
    env: {
      HOME: home,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
      ...options.env,
    },
    platform,
    mainDir: join(out, 'main'),
    resourcesPath,
    createLog: async () => ({
      logger: createLogger(log, { level: 'debug' }),
      folder: logsFolder,
      openFolder: async () => {
        logFoldersOpened.push(logsFolder);
        return true;
      },
    }),
    ...(options.loadAutoUpdater === undefined ? {} : { loadAutoUpdater: options.loadAutoUpdater }),
    ...(options.appUpdateYml === undefined
      ? {}
      : { readAppUpdateYml: () => options.appUpdateYml as string }),
  };
  const running = runMain(mainOptions);
  fake.app.emitReady();
  await running;

  let quitAsked = false;
  return {
    options: mainOptions,
    home,
    configFile,
    userData,
    rendererDir,
    resourcesPath,
    log,
    logFoldersOpened,
    quit: async () => {
      if (!quitAsked && fake.app.exitCode === null && fake.app.singleInstanceLock) {
        quitAsked = true;
        fake.app.quit();
      }
      if (fake.app.singleInstanceLock) {
        await vi.waitFor(() => {
          if (fake.app.exitCode === null) throw new Error('the app has not exited yet');
        });
      }
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
