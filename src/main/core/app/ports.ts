// The small interfaces through which the app core reaches the OS and the other services. The
// Electron host fills them with clipboard/Notification/shell, the web host with recorders, and
// tests with fakes; the core itself never imports electron or touches the DOM.
import type { Env } from '../aws-paths';
import type { NotificationDescription } from '../expiry/notifications';
import type { TimerClock } from '../clock';
import type { Logger } from '../log/logger';
import type { SettingsStore } from '../settings/store';
import type {
  ConfigIssue,
  ConfigReading,
  SsoSessionConfig,
  SsoSessionSection,
} from '../sso/config';
import type { SsoCore } from '../sso';
import type {
  WriteProfileArgs,
  WriteProfileResult,
  WriteSsoProfileArgs,
  WriteSsoProfileResult,
  WrittenProfile,
} from '../credentials';
import type { CallerIdentity, StsVerifyArgs } from './sts-verify';
import type { Platform } from '../tray/actions';
import type { GlobalShortcutPort, PalettePort } from './palette-shortcut';
import type { BuildKind } from '../updates/decide';
import type { UpdaterPort } from '../updates/port';

export type { GlobalShortcutPort, PalettePort } from './palette-shortcut';
import type { BrowserChoice } from '../../../shared/console-settings';

export interface ClipboardPort {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

export interface NotifierPort {
  show(notification: NotificationDescription): void;
}

export interface BrowserPort {
  /** Opens `url` in the user's browser; false when it could not. Called only for allowed URLs. */
  openExternal(url: string): Promise<boolean>;
  /**
   * Opens `url` in a named browser, profile or Firefox container (the console's per-session
   * choice); false when it could not. Hosts without one can only use the default browser.
   */
  launch?(url: string, browser: BrowserChoice): Promise<boolean>;
}

/** What main asks the user before doing something the window alone must not decide. */
export interface ConfirmRequest {
  title: string;
  /** The question, one sentence. */
  message: string;
  /** Why it is asked and what saying yes does. */
  detail: string;
  /** The label of the button that says yes (the other one cancels). */
  confirmLabel: string;
}

export interface ConfirmPort {
  /**
   * Asks the user in a dialog of main's own (never the window's); true only when they chose
   * `confirmLabel`. Closing the dialog, or any failure to show it, is a no.
   */
  confirm(request: ConfirmRequest): Promise<boolean>;
}

/** Time for schedules (expiry, clipboard clearing); the same shape the expiry scheduler uses. */
export type ClockPort = TimerClock;

/** The app window, when the host has one. */
export interface WindowPort {
  show(): void;
  hide(): void;
}

// ---- the SSO service, as the app uses it ------------------------------------------------------

export type { ConfigIssue, ConfigReading, SsoSessionConfig, SsoSessionSection };

/** The part of SsoCore (src/main/core/sso) the app calls; hosts and tests may pass a fake. */
export type SsoPort = Pick<
  SsoCore,
  | 'readConfig'
  | 'login'
  | 'logout'
  | 'status'
  | 'accessToken'
  | 'listAccounts'
  | 'listAccountRoles'
  | 'listAllRoles'
  | 'getRoleCredentials'
> &
  /** The token cache's facts for `status.get` (optional: a fake may leave it out). */
  Partial<Pick<SsoCore, 'tokenInfo'>>;

// ---- the credentials files (src/main/core/credentials) and STS --------------------------------

/** What the app reads of the record of written profiles (no secrets). */
export type WrittenProfileInfo = Pick<
  WrittenProfile,
  'profileName' | 'session' | 'accountId' | 'roleName' | 'expiresAt' | 'writtenAt'
>;

/** The file writers and the STS check, with the writers' own argument and result types. */
export interface ProfileWriterPort {
  writeProfile(args: WriteProfileArgs): Promise<WriteProfileResult>;
  writeSsoProfile(args: WriteSsoProfileArgs): Promise<WriteSsoProfileResult>;
  /** The profiles SSO Tray wrote into the credentials file `env` points to (no secrets). */
  listWritten(env: Env): Promise<WrittenProfileInfo[]>;
  /** STS GetCallerIdentity with the credentials. */
  verify(args: StsVerifyArgs): Promise<CallerIdentity>;
}

export interface AppCoreDeps {
  /** Environment the AWS files and endpoints are resolved from (not necessarily process.env). */
  env: Env;
  /** The app's own data folder (accounts cache, app state); no secrets are written there. */
  dataDir: string;
  settings: SettingsStore;
  clipboard: ClipboardPort;
  notifier: NotifierPort;
  browser: BrowserPort;
  /** Questions main asks the user; without one, whatever needs a yes is refused. */
  confirm?: ConfirmPort;
  clock: ClockPort;
  platform: Platform;
  window?: WindowPort;
  /** Called by the tray's Quit item. */
  quit?: () => void;
  /** Called when the user turns "launch at login" on or off. */
  setLaunchAtLogin?: (enabled: boolean) => void;
  /** Development only (the emulator): allow opening `http://127.0.0.1` pages. */
  allowLoopbackHttp?: boolean;
  /** Where the core writes what went wrong and what it refused (default: nowhere). */
  logger?: Logger;
  /** Where the host keeps that log, to show the user (a folder or file path). */
  logsLocation?: string;
  /** Opens the folder of the log in the OS file manager; false when it could not. */
  openLogsFolder?: () => Promise<boolean>;
  /** System-wide shortcuts (the quick pick's); without them the shortcut is `unavailable`. */
  globalShortcut?: GlobalShortcutPort;
  /** The quick pick, which the shortcut opens. */
  palette?: PalettePort;
  /** The app's updater (electron-updater in the packaged app); without one updates are off. */
  updater?: UpdaterPort;
  /** What kind of build runs (decides whether updates are looked for); default: not packaged. */
  build?: BuildKind;
  /** The running version, shown in Settings → Updates. */
  appVersion?: string;
  /** Services; the real ones by default. */
  sso?: SsoPort;
  profiles?: ProfileWriterPort;
}
