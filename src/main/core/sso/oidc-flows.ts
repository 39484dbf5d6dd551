// The two sign-in flows over SSO OIDC (docs/aws-protocols.md): authorization code with PKCE on a
// loopback redirect, and the device code flow polled the way the AWS CLI polls it. Both stop
// when the AbortSignal fires.
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SsoTrayError } from '../errors';
import { errorName, toSsoTrayError } from './aws-errors';
import { codeChallengeS256, createCodeVerifier, createState } from './pkce';
import type { Clock } from './rate-limiter';

export type FlowKind = 'pkce' | 'device';

/** The OIDC commands, loaded with the first sign-in or refresh (see core.ts). */
let sdk: Promise<typeof import('@aws-sdk/client-sso-oidc')> | undefined;
const oidcSdk = (): Promise<typeof import('@aws-sdk/client-sso-oidc')> =>
  (sdk ??= import('@aws-sdk/client-sso-oidc'));

export const PKCE_GRANT_TYPES = ['authorization_code', 'refresh_token'];
export const PKCE_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const PKCE_TIMEOUT_MS = 10 * 60 * 1000;

export interface Registration {
  clientId: string;
  clientSecret: string;
  /** epoch ms */
  expiresAt: number;
  scopes: string[];
  grantTypes?: string[];
}

export interface TokenGrant {
  accessToken: string;
  /** epoch ms */
  expiresAt: number;
  refreshToken?: string;
}

export interface Prompt {
  flow: FlowKind;
  url: string;
  verificationUri?: string;
  userCode?: string;
}

export interface FlowContext {
  client: SSOOIDCClient;
  /** The resolved OIDC endpoint (for /authorize and NETWORK messages). */
  endpoint: string;
  clock: Clock;
  signal?: AbortSignal;
  onPrompt?: (p: Prompt) => void;
  openBrowser?: (url: string) => Promise<boolean>;
}

function cancelled(): SsoTrayError {
  return new SsoTrayError('CANCELLED', 'Sign-in cancelled.');
}

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelled();
}

/** The OIDC service no longer knows the (cached) client registration: register again. */
export class InvalidClientError extends SsoTrayError {
  constructor() {
    super('AWS', 'The sign-in client registration is no longer valid.');
  }
}

function mapOidcError(e: unknown, ctx: FlowContext, action: string): SsoTrayError {
  if (e instanceof SsoTrayError) return e;
  const name = errorName(e);
  if (name === 'InvalidClientException' || name === 'UnauthorizedClientException') {
    return new InvalidClientError();
  }
  return toSsoTrayError(e, { action, endpoint: ctx.endpoint });
}

async function send<T>(ctx: FlowContext, action: string, run: () => Promise<T>): Promise<T> {
  checkAborted(ctx.signal);
  try {
    return await run();
  } catch (e) {
    if (ctx.signal?.aborted) throw cancelled();
    throw mapOidcError(e, ctx, action);
  }
}

export async function registerClient(
  ctx: FlowContext,
  args: { sessionName: string; scopes: string[]; flow: FlowKind; startUrl: string },
): Promise<Registration> {
  const pkce = args.flow === 'pkce';
  const { RegisterClientCommand } = await oidcSdk();
  const out = await send(ctx, 'register the sign-in client', () =>
    ctx.client.send(
      new RegisterClientCommand({
        clientName: `sso-tray-${args.sessionName}`,
        clientType: 'public',
        scopes: args.scopes,
        ...(pkce
          ? {
              grantTypes: PKCE_GRANT_TYPES,
              redirectUris: [PKCE_REDIRECT_URI],
              issuerUrl: args.startUrl,
            }
          : {}),
      }),
      { abortSignal: ctx.signal },
    ),
  );
  if (!out.clientId || !out.clientSecret || !out.clientSecretExpiresAt) {
    throw new SsoTrayError('AWS', 'RegisterClient returned an incomplete client registration.');
  }
  return {
    clientId: out.clientId,
    clientSecret: out.clientSecret,
    expiresAt: out.clientSecretExpiresAt * 1000,
    scopes: args.scopes,
    ...(pkce ? { grantTypes: PKCE_GRANT_TYPES } : {}),
  };
}

function grantFrom(
  out: { accessToken?: string; expiresIn?: number; refreshToken?: string },
  now: number,
): TokenGrant {
  if (!out.accessToken || !out.expiresIn) {
    throw new SsoTrayError('AWS', 'CreateToken returned no access token.');
  }
  return {
    accessToken: out.accessToken,
    expiresAt: now + out.expiresIn * 1000,
    ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
  };
}

/** Device code flow, polled exactly like the AWS CLI (first CreateToken at once). */
export async function deviceFlow(
  ctx: FlowContext,
  reg: Registration,
  startUrl: string,
): Promise<TokenGrant> {
  const { CreateTokenCommand, StartDeviceAuthorizationCommand } = await oidcSdk();
  const auth = await send(ctx, 'start the device sign-in', () =>
    ctx.client.send(
      new StartDeviceAuthorizationCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        startUrl,
      }),
      { abortSignal: ctx.signal },
    ),
  );
  if (!auth.deviceCode || !auth.verificationUri) {
    throw new SsoTrayError('AWS', 'StartDeviceAuthorization returned no device code.');
  }
  let interval = (auth.interval ?? 5) * 1000;
  let prompted = false;
  for (;;) {
    const t = ctx.clock.now();
    try {
      const out = await ctx.client.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: DEVICE_GRANT,
          deviceCode: auth.deviceCode,
        }),
        { abortSignal: ctx.signal },
      );
      return grantFrom(out, t);
    } catch (e) {
      if (ctx.signal?.aborted) throw cancelled();
      const name = errorName(e);
      if (name === 'SlowDownException') interval += 5000;
      else if (name === 'ExpiredTokenException') {
        throw new SsoTrayError(
          'AUTH_EXPIRED',
          'The sign-in request expired before it was approved. Start the sign-in again.',
        );
      } else if (name === 'AccessDeniedException') {
        throw new SsoTrayError('AUTH_DENIED', 'The sign-in request was denied.');
      } else if (name !== 'AuthorizationPendingException') {
        throw mapOidcError(e, ctx, 'finish the sign-in');
      }
    }
    if (!prompted) {
      prompted = true;
      const url = auth.verificationUriComplete ?? auth.verificationUri;
      ctx.onPrompt?.({
        flow: 'device',
        url,
        verificationUri: auth.verificationUri,
        ...(auth.userCode ? { userCode: auth.userCode } : {}),
      });
      if (ctx.openBrowser) await ctx.openBrowser(url).catch(() => false);
    }
    try {
      await ctx.clock.sleep(interval, ctx.signal);
    } catch {
      throw cancelled();
    }
  }
}

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
    const { CreateTokenCommand } = await oidcSdk();
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

/** CreateToken with the refresh_token grant. */
export async function refreshGrant(
  ctx: Pick<FlowContext, 'client' | 'endpoint' | 'clock' | 'signal'>,
  args: { clientId: string; clientSecret: string; refreshToken: string },
): Promise<TokenGrant> {
  const { CreateTokenCommand } = await oidcSdk();
  const t = ctx.clock.now();
  const out = await send(ctx, 'refresh the sign-in', () =>
    ctx.client.send(
      new CreateTokenCommand({
        clientId: args.clientId,
        clientSecret: args.clientSecret,
        grantType: 'refresh_token',
        refreshToken: args.refreshToken,
      }),
      { abortSignal: ctx.signal },
    ),
  );
  return grantFrom(out, t);
}
