// Authorization code with PKCE: a one-shot HTTP listener on a loopback port receives the
// browser's redirect, then CreateToken trades the code (and the verifier) for the token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SsoTrayError } from '../errors';
import {
  cancelled,
  checkAborted,
  grantFrom,
  send,
  type FlowContext,
  type Registration,
  type TokenGrant,
} from './oidc-client';
import { codeChallengeS256, createCodeVerifier, createState } from './pkce';
import { loadOidcSdk } from './sdk-clients';

const PKCE_TIMEOUT_MS = 10 * 60 * 1000;

function page(title: string, text: string): string {
  const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:system-ui,sans-serif;margin:3rem"><h1>${esc(title)}</h1><p>${esc(text)}</p></body></html>`;
}

interface Callback {
  code?: string;
  error?: string;
  errorDescription?: string;
}

/**
 * Authorization code + PKCE. Returns undefined when no browser could be opened, so the caller
 * can fall back to the device flow.
 */
export async function pkceFlow(
  ctx: FlowContext,
  reg: Registration,
  opts: { timeoutMs?: number } = {},
): Promise<TokenGrant | undefined> {
  checkAborted(ctx.signal);
  if (!ctx.openBrowser) return undefined;
  const verifier = createCodeVerifier();
  const state = createState();
  let settle: ((cb: Callback) => void) | undefined;
  const received = new Promise<Callback>((resolve) => (settle = resolve));

  // Loaded here: only this flow serves HTTP, and the CLI's other commands start without it.
  const { createServer } = await import('node:http');
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/oauth/callback') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const q = url.searchParams;
    const reply = (status: number, title: string, text: string): void => {
      res
        .writeHead(status, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'close',
        })
        .end(page(title, text));
    };
    if (q.get('state') !== state) {
      reply(400, 'Sign-in failed', 'This sign-in response does not belong to the current sign-in.');
      return;
    }
    const error = q.get('error');
    if (error) {
      reply(
        400,
        'Sign-in failed',
        error === 'access_denied'
          ? 'The sign-in request was denied. You can close this tab.'
          : `The sign-in did not complete (${error}). You can close this tab.`,
      );
      settle?.({ error, errorDescription: q.get('error_description') ?? undefined });
      return;
    }
    const code = q.get('code');
    if (!code) {
      reply(400, 'Sign-in failed', 'The sign-in response carried no authorization code.');
      return;
    }
    reply(200, 'Signed in', 'SSO Tray is signed in, you can close this tab.');
    settle?.({ code });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const close = (): void => {
    server.close();
    server.closeAllConnections();
  };
  try {
    const port = (server.address() as AddressInfo).port;
    const redirectUri = `http://127.0.0.1:${port}/oauth/callback`;
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: reg.clientId,
      redirect_uri: redirectUri,
      state,
      code_challenge_method: 'S256',
      scopes: reg.scopes.join(' '),
      code_challenge: codeChallengeS256(verifier),
    });
    const authorizeUrl = `${ctx.endpoint}/authorize?${params.toString().replace(/\+/g, '%20')}`;
    // A launcher that hangs must not keep the listener up: cancelling ends the wait at once
    // (and the finally below closes the server).
    const open = ctx.openBrowser;
    const opened = await untilAborted(
      // a launcher that throws, even before returning its promise, means no browser
      new Promise<boolean>((resolve) => resolve(open(authorizeUrl))).catch(() => false),
      ctx.signal,
    );
    if (!opened) return undefined;
    ctx.onPrompt?.({ flow: 'pkce', url: authorizeUrl });

    const cb = await waitFor(received, ctx, opts.timeoutMs ?? PKCE_TIMEOUT_MS);
    if (cb.error) {
      if (cb.error === 'access_denied') {
        throw new SsoTrayError('AUTH_DENIED', 'The sign-in request was denied.');
      }
      throw new SsoTrayError('AWS', `The sign-in did not complete (${cb.error.slice(0, 60)}).`);
    }
    const { CreateTokenCommand } = await loadOidcSdk();
    const t = ctx.clock.now();
    const out = await send(ctx, 'finish the sign-in', () =>
      ctx.client.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: 'authorization_code',
          code: cb.code,
          redirectUri,
          codeVerifier: verifier,
        }),
        { abortSignal: ctx.signal },
      ),
    );
    return grantFrom(out, t);
  } finally {
    close();
  }
}

/** `p`, or CANCELLED as soon as `signal` fires (what `p` does later is ignored). */
function untilAborted<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function waitFor(
  received: Promise<Callback>,
  ctx: FlowContext,
  timeoutMs: number,
): Promise<Callback> {
  const timer = new AbortController();
  const onAbort = (): void => timer.abort();
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const timeout = ctx.clock.sleep(timeoutMs, timer.signal).then(
      () => 'timeout' as const,
      () => 'cancelled' as const,
    );
    const r = await Promise.race([received, timeout]);
    if (r === 'timeout') {
      throw new SsoTrayError('AUTH_EXPIRED', 'The sign-in was not completed in time. Try again.');
    }
    if (r === 'cancelled') throw cancelled();
    return r;
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
    timer.abort();
  }
}
