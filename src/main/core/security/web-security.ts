// Decisions about the renderer window that Electron's security checklist asks for, kept as
// plain data so tests can assert every flag.

/** The Content-Security-Policy of every page the app serves: nothing from outside the app. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
  "img-src 'self' data:; base-uri 'none'; form-action 'none'";

/** The custom scheme the packaged renderer is served from (never `file://`). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sso-tray';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface WindowWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  /** Middle-click would open links in new windows; denied anyway, but never even asked. */
  disableBlinkFeatures: 'Auxclick';
  devTools: boolean;
}

/** webPreferences for the app window; the renderer gets nothing but the preload's `window.api`. */
export function windowWebPreferences(
  preloadPath: string,
  options: { dev?: boolean } = {},
): WindowWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
    devTools: options.dev === true,
  };
}

/**
 * True when an IPC message comes from the app's own top-level page. `frameUrl` is
 * `event.senderFrame.url`; `appOrigin` is `app://sso-tray` when packaged or the dev server's
 * origin in development. Comparing parsed origins rejects `app://sso-tray.evil`,
 * `app://sso-tray@evil`, and pages that navigated elsewhere.
 */
export function isTrustedSender(
  frameUrl: string | null | undefined,
  appOrigin: string,
  options: { isTopFrame?: boolean } = {},
): boolean {
  if (options.isTopFrame === false) return false;
  if (typeof frameUrl !== 'string' || frameUrl === '') return false;
  const origin = originOf(frameUrl);
  const expected = originOf(appOrigin);
  return origin !== null && expected !== null && origin === expected;
}

/**
 * Origin of a URL including custom schemes (WHATWG gives `null` as the origin of non-special
 * schemes such as `app:`, so it is rebuilt from protocol and host).
 */
function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/**
 * The access portal's link that opens the AWS console as a role:
 * `<startUrl>/#/console?account_id=ID&role_name=ROLE`.
 */
export function consoleUrl(startUrl: string, accountId: string, roleName: string): string {
  const base = startUrl.replace(/\/+$/, '');
  const query = new URLSearchParams({ account_id: accountId, role_name: roleName });
  return `${base}/#/console?${query.toString()}`;
}
