// Maps `app://sso-tray/<path>` requests to files of the built renderer. Only files under the
// renderer folder are served; anything that would leave it (`..`, encoded slashes, absolute
// paths, other hosts) is refused.
import { posix, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './web-security';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export interface AppAsset {
  filePath: string;
  contentType: string;
}

/** The file to serve for `requestUrl`, or null to answer 404. */
export function resolveAppAsset(rootDir: string, requestUrl: string): AppAsset | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.split('/').some((segment) => segment === '..' || segment === '.')) return null;
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  const normalised = posix.normalize(pathname);
  if (!normalised.startsWith('/') || normalised.split('/').includes('..')) return null;
  const root = resolve(rootDir);
  const filePath = resolve(root, `.${normalised}`);
  if (filePath !== root && !filePath.startsWith(root + sep)) return null;
  const ext = posix.extname(normalised).toLowerCase();
  const contentType = CONTENT_TYPES[ext];
  if (contentType === undefined) return null;
  return { filePath, contentType };
}
