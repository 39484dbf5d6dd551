// The web host's HTTP side, loopback only:
//   GET  /, /assets/...            the built renderer, with the app's CSP header (the page,
//                                  asked for with `?token=`, carries the window's first answers)
//   POST /api/invoke/<channel>     `Authorization: Bearer <token>`, JSON payload -> envelope JSON
//   GET  /api/events?token=…       Server-Sent Events: `event: <name>` / `data: <json>` (the
//                                  only route that takes the token in the query)
//   /_debug/*                      what the OS would have done (tray, notifications, clipboard,
//                                  main's questions and their answers…); POST /_debug/palette
//                                  presses the quick pick's global shortcut; /_debug/updates
//                                  scripts the updater (with the `scriptedUpdates` option);
//                                  these routes are in ./debug-routes.ts, the answers in ./http.ts
// The bearer token plays the part Electron's sender check plays in the app: without it (compared
// in constant time) nothing but the static files answers. It is read from the `Authorization`
// header only, except on the event stream, which a browser's EventSource cannot give headers:
// there `?token=` is accepted too. The page itself (a static file) is served to anyone, but it
// carries the window's first answers only when asked for with the right `?token=` (the address
// the host prints; no-store). A request that carries an `Origin` other than the host's own
// (another site's page, a sandboxed `null` origin) is refused with 403 before the token is
// looked at; one without `Origin` (curl, the tests, same-origin GETs) is judged by its token.
import { timingSafeEqual, createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppCore } from '../../src/main/core/app';
import { resolveAppAsset } from '../../src/main/core/security';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import { writePageWithAnswers } from '../../src/main/core/ipc/boot-answers';
import type { ControllableClock } from './clock';
import type {
  RecordingBrowser,
  RecordingClipboard,
  RecordingConfirmer,
  RecordingFolderOpener,
  RecordingGlobalShortcut,
  RecordingNotifier,
  RecordingPalette,
} from './recorders';
import type { ScriptedUpdater } from './updater';
import { debug } from './debug-routes';
import {
  BodyError,
  SECURITY_HEADERS,
  envelopeStatus,
  readBody,
  send,
  sendError,
  sendJson,
} from './http';

export interface ServerContext {
  token: string;
  core: AppCore;
  clock: ControllableClock;
  clipboard: RecordingClipboard;
  notifier: RecordingNotifier;
  browser: RecordingBrowser;
  confirmer: RecordingConfirmer;
  folders: RecordingFolderOpener;
  shortcuts: RecordingGlobalShortcut;
  palette: RecordingPalette;
  /** The scripted updater, when the web host runs with `scriptedUpdates`. */
  updater?: ScriptedUpdater | undefined;
  paths: Record<string, string>;
  /** The renderer build folder, or null when there is none (a placeholder page is served). */
  rendererDir: () => string | null;
  /** Host header values accepted (DNS-rebinding guard). */
  allowedHosts: () => string[];
  /** Open SSE streams, so the host can push `openExternal` and close them on shutdown. */
  streams: Set<ServerResponse>;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison (of fixed-length digests, so the length leaks nothing either). */
export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  return timingSafeEqual(digest(given), digest(token));
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/** The header's token; the query's too where `queryAllowed` (the event stream). */
function authorised(req: IncomingMessage, url: URL, token: string, queryAllowed: boolean): boolean {
  if (tokenMatches(bearer(req), token)) return true;
  return queryAllowed && tokenMatches(url.searchParams.get('token'), token);
}

/** No `Origin` header, or one naming one of the host's own addresses. */
function ownOrigin(req: IncomingMessage, allowedHosts: string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return allowedHosts.some((h) => origin.toLowerCase() === `http://${h}`);
}

export function writeSse(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export function createRequestHandler(ctx: ServerContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(ctx, req, res).catch(() => {
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'AWS', message: 'Internal error.' } });
      else res.end();
    });
  };
}

async function handle(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // A page on another site cannot reach us through a rebound DNS name: only our own host names.
  const host = (req.headers.host ?? '').toLowerCase();
  if (!ctx.allowedHosts().includes(host)) {
    sendError(res, 421, 'Unknown host.');
    return;
  }
  const url = new URL(req.url ?? '/', `http://${host}`);
  const path = url.pathname;
  const method = req.method ?? 'GET';

  if (path.startsWith('/api/') || path.startsWith('/_debug/') || path === '/_debug') {
    // Another site's page can send a POST without reading the answer: refuse it by its Origin.
    if (!ownOrigin(req, ctx.allowedHosts())) {
      sendError(res, 403, 'Requests from other origins are refused.');
      return;
    }
    const stream = path === '/api/events' && method === 'GET';
    if (!authorised(req, url, ctx.token, stream)) {
      sendError(res, 401, 'Missing or wrong token.');
      return;
    }
    if (path.startsWith('/api/invoke/')) {
      if (method !== 'POST') return sendError(res, 405, 'Use POST.');
      const channel = decodeURIComponent(path.slice('/api/invoke/'.length));
      let payload: unknown;
      try {
        payload = await readBody(req);
      } catch (e) {
        return sendError(res, e instanceof BodyError ? e.status : 400, (e as Error).message);
      }
      const envelope = await dispatchInvoke(
        ctx.core.handlers,
        channel,
        payload,
        ctx.core.dispatchOptions,
      );
      sendJson(res, envelope.ok ? 200 : envelopeStatus(envelope), envelope);
      return;
    }
    if (path === '/api/events') {
      if (method !== 'GET') return sendError(res, 405, 'Use GET.');
      openStream(ctx, req, res);
      return;
    }
    if (path.startsWith('/_debug')) return debug(ctx, req, res, path, method);
    sendError(res, 404, 'Not found.');
    return;
  }

  if (method !== 'GET' && method !== 'HEAD') return sendError(res, 405, 'Use GET.');
  if (path === '/favicon.ico') {
    res.writeHead(204, SECURITY_HEADERS);
    res.end();
    return;
  }
  await serveStatic(ctx, path, res, {
    withToken: tokenMatches(url.searchParams.get('token'), ctx.token),
    head: method === 'HEAD',
  });
}

function openStream(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write('retry: 1000\n\n');
  ctx.streams.add(res);
  const unsubscribe = ctx.core.subscribe((event, payload) => writeSse(res, event, payload));
  // The current state at once, so a reconnecting page is up to date.
  void ctx.core.ready.then(
    () => writeSse(res, 'state', ctx.core.state()),
    () => undefined,
  );
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  heartbeat.unref();
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
    ctx.streams.delete(res);
  };
  req.on('close', close);
  res.on('close', close);
}

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SSO Tray</title></head>
<body><p>The renderer has not been built (src/renderer/index.html is missing). The API works.</p></body></html>`;

/**
 * A built file; the page itself with the window's first answers in it (shared/boot-answers.ts)
 * when it is asked for with the host's token (the address the host prints), so that the window
 * need not ask for them. Without the token (a reload: the window took it out of the address) the
 * page comes as built and the window asks. A HEAD request gets the headers alone: no answers are
 * computed for a body that is not sent.
 */
async function serveStatic(
  ctx: ServerContext,
  path: string,
  res: ServerResponse,
  { withToken, head }: { withToken: boolean; head: boolean },
): Promise<void> {
  const dir = ctx.rendererDir();
  if (dir === null) {
    if (path === '/' || path === '/index.html') {
      return send(res, 200, PLACEHOLDER, 'text/html; charset=utf-8');
    }
    return sendError(res, 404, 'Not found.');
  }
  const asset = resolveAppAsset(dir, `app://sso-tray${path}`);
  if (asset === null) return sendError(res, 404, 'Not found.');
  let data: Buffer;
  try {
    data = await readFile(asset.filePath);
  } catch {
    return sendError(res, 404, 'Not found.');
  }
  if (withToken && asset.contentType.startsWith('text/html')) {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': asset.contentType,
      'Cache-Control': 'no-store',
    });
    if (head) {
      res.end();
      return;
    }
    await writePageWithAnswers(
      res,
      data.toString('utf8'),
      ctx.core.handlers,
      ctx.core.dispatchOptions,
    );
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': asset.contentType,
    'Content-Length': data.length,
    'Cache-Control': asset.contentType.startsWith('text/html') ? 'no-store' : 'max-age=3600',
  });
  res.end(data);
}
