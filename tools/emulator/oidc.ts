// SSO OIDC: RegisterClient, StartDeviceAuthorization, CreateToken (device code, refresh token,
// authorization code + PKCE) and the browser-facing `/authorize`; see docs/aws-protocols.md.
import type { Ctx } from './context';
import {
  isLoopbackRedirect,
  json,
  oidcError,
  parseJsonObject,
  redirect,
  str,
  strList,
  type Reply,
  type Req,
} from './http';
import { authorizeApprovalPage, resultPage } from './pages';
import { s256, type Client } from './store';

export const GRANT_DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const SUPPORTED_GRANTS = [GRANT_DEVICE_CODE, 'refresh_token', 'authorization_code'];
/** Polls closer together than `interval` minus this tolerance are answered with slow_down. */
const POLL_TOLERANCE_MS = 200;

function body(req: Req): Record<string, unknown> | Reply {
  return (
    parseJsonObject(req.body) ??
    oidcError('InvalidRequestException', 'The request body is not a JSON object.')
  );
}

function isReply(v: unknown): v is Reply {
  return typeof v === 'object' && v !== null && 'status' in v && 'body' in v && 'headers' in v;
}

/** The client named by clientId/clientSecret, or the InvalidClientException reply. */
function client(ctx: Ctx, input: Record<string, unknown>): Client | Reply {
  const clientId = str(input.clientId);
  const clientSecret = str(input.clientSecret);
  if (!clientId || !clientSecret)
    return oidcError('InvalidRequestException', 'clientId and clientSecret are required.');
  return (
    ctx.store.authenticateClient(clientId, clientSecret) ??
    oidcError('InvalidClientException', 'Invalid client provided.')
  );
}

function allows(c: Client, grant: string): boolean {
  return c.grantTypes.length === 0 || c.grantTypes.includes(grant);
}

export function registerClient(ctx: Ctx, req: Req): Reply {
  const input = body(req);
  if (isReply(input)) return input;
  const clientName = str(input.clientName);
  const clientType = str(input.clientType);
  if (!clientName || !clientType)
    return oidcError('InvalidRequestException', 'clientName and clientType are required.');
  if (clientType !== 'public')
    return oidcError('InvalidClientMetadataException', 'Only public clients are supported.');
  const scopes = strList(input.scopes);
  const grantTypes = strList(input.grantTypes);
  const redirectUris = strList(input.redirectUris);
  if (scopes === null || grantTypes === null || redirectUris === null) {
    return oidcError(
      'InvalidRequestException',
      'scopes, grantTypes and redirectUris must be lists of strings.',
    );
  }
  if (grantTypes?.some((g) => !SUPPORTED_GRANTS.includes(g))) {
    return oidcError('InvalidClientMetadataException', 'Unsupported grant type in grantTypes.');
  }
  if (redirectUris?.some((u) => !isLoopbackRedirect(u))) {
    return oidcError('InvalidRedirectUriException', 'Redirect URIs must be loopback http URIs.');
  }
  const c = ctx.store.registerClient({
    clientName,
    scopes: scopes ?? [],
    grantTypes: grantTypes ?? [],
    redirectUris: redirectUris ?? [],
  });
  return json(200, {
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    clientIdIssuedAt: c.issuedAt,
    clientSecretExpiresAt: c.secretExpiresAt,
  });
}

export function startDeviceAuthorization(ctx: Ctx, req: Req): Reply {
  const input = body(req);
  if (isReply(input)) return input;
  const c = client(ctx, input);
  if (isReply(c)) return c;
  const startUrl = str(input.startUrl);
  if (!startUrl) return oidcError('InvalidRequestException', 'startUrl is required.');
  if (!allows(c, GRANT_DEVICE_CODE))
    return oidcError(
      'UnauthorizedClientException',
      'The client is not registered for the device code grant.',
    );
  const o = ctx.options;
  const code = ctx.store.startDeviceAuthorization(
    c.clientId,
    startUrl,
    o.deviceCodeSeconds,
    o.pollIntervalSeconds,
    o.autoApprove,
  );
  return json(200, {
    deviceCode: code.deviceCode,
    userCode: code.userCode,
    verificationUri: `${ctx.url}/device`,
    verificationUriComplete: `${ctx.url}/device?user_code=${code.userCode}`,
    expiresIn: o.deviceCodeSeconds,
    interval: o.pollIntervalSeconds,
  });
}

function tokenReply(tokens: {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}): Reply {
  return json(200, {
    accessToken: tokens.accessToken,
    tokenType: 'Bearer',
    expiresIn: tokens.expiresIn,
    refreshToken: tokens.refreshToken,
  });
}

export function createToken(ctx: Ctx, req: Req): Reply {
  if (req.query.has('aws_iam'))
    return oidcError(
      'InvalidRequestException',
      'CreateTokenWithIAM is not supported by the emulator.',
    );
  const input = body(req);
  if (isReply(input)) return input;
  const c = client(ctx, input);
  if (isReply(c)) return c;
  const grantType = str(input.grantType);
  if (!grantType) return oidcError('InvalidRequestException', 'grantType is required.');
  if (!SUPPORTED_GRANTS.includes(grantType))
    return oidcError('UnsupportedGrantTypeException', 'Unsupported grant type.');
  if (!allows(c, grantType))
    return oidcError(
      'UnauthorizedClientException',
      'The client is not registered for this grant type.',
    );
  const lifetimes = {
    tokenSeconds: ctx.options.tokenSeconds,
    refreshTokenSeconds: ctx.options.refreshTokenSeconds,
  };
  const now = ctx.now();

  if (grantType === GRANT_DEVICE_CODE) {
    const deviceCode = str(input.deviceCode);
    if (!deviceCode) return oidcError('InvalidRequestException', 'deviceCode is required.');
    const code = ctx.store.deviceCodes.get(deviceCode);
    if (!code || code.clientId !== c.clientId || code.redeemed)
      return oidcError('InvalidGrantException', 'Invalid device code provided.');
    if (code.expiresAt <= now)
      return oidcError('ExpiredTokenException', 'Device code has expired.');
    if (code.status === 'denied')
      return oidcError('AccessDeniedException', 'The user denied the authorization request.');
    if (code.status === 'pending') {
      const tooSoon =
        code.lastPollAt !== undefined &&
        now - code.lastPollAt < code.interval * 1000 - POLL_TOLERANCE_MS;
      code.lastPollAt = now;
      return tooSoon
        ? oidcError('SlowDownException', 'Client is polling too quickly.')
        : oidcError('AuthorizationPendingException', 'Authorization is still pending');
    }
    code.redeemed = true;
    return tokenReply(ctx.store.signIn(c.clientId, lifetimes));
  }

  if (grantType === 'refresh_token') {
    const refreshToken = str(input.refreshToken);
    if (!refreshToken) return oidcError('InvalidRequestException', 'refreshToken is required.');
    const tokens = ctx.store.refresh(c.clientId, refreshToken, lifetimes);
    return tokens
      ? tokenReply(tokens)
      : oidcError('InvalidGrantException', 'Invalid refresh token provided.');
  }

  // authorization_code
  const code = str(input.code);
  const redirectUri = str(input.redirectUri);
  const codeVerifier = str(input.codeVerifier);
  if (!code || !redirectUri || !codeVerifier)
    return oidcError('InvalidRequestException', 'code, redirectUri and codeVerifier are required.');
  const grant = ctx.store.authCodes.get(code);
  if (!grant || grant.clientId !== c.clientId || grant.used || grant.expiresAt <= now) {
    return oidcError('InvalidGrantException', 'Invalid authorization code provided.');
  }
  grant.used = true; // single use, even when the rest of the request is wrong
  if (grant.redirectUri !== redirectUri)
    return oidcError(
      'InvalidGrantException',
      'redirectUri does not match the authorization request.',
    );
  if (
    !/^[A-Za-z0-9\-._~]{43,128}$/.test(codeVerifier) ||
    s256(codeVerifier) !== grant.codeChallenge
  ) {
    return oidcError('InvalidGrantException', 'Code verifier does not match the code challenge.');
  }
  return tokenReply(ctx.store.signIn(c.clientId, lifetimes));
}

function withParams(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

/** Registered `http://127.0.0.1/oauth/callback` matches `http://127.0.0.1:PORT/oauth/callback`. */
function redirectAllowed(c: Client, redirectUri: string): boolean {
  if (!isLoopbackRedirect(redirectUri)) return false;
  if (c.redirectUris.length === 0) return true;
  const asked = new URL(redirectUri);
  return c.redirectUris.some((r) => {
    const reg = new URL(r);
    return reg.hostname === asked.hostname && reg.pathname === asked.pathname;
  });
}

export function authorize(ctx: Ctx, req: Req): Reply {
  const q = req.query;
  const clientId = q.get('client_id') ?? '';
  const redirectUri = q.get('redirect_uri') ?? '';
  const state = q.get('state') ?? undefined;
  const c = ctx.store.clients.get(clientId);
  // Without a known client and an allowed redirect URI there is nowhere safe to send an error.
  if (!c || c.secretExpiresAt * 1000 <= ctx.now())
    return resultPage(
      'Invalid request',
      'The application that sent you here is not registered.',
      400,
    );
  if (!redirectAllowed(c, redirectUri))
    return resultPage(
      'Invalid request',
      'The redirect URI is not an allowed loopback address.',
      400,
    );
  if (q.get('response_type') !== 'code') {
    return redirect(withParams(redirectUri, { error: 'unsupported_response_type', state }));
  }
  const codeChallenge = q.get('code_challenge') ?? '';
  if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
    return redirect(
      withParams(redirectUri, {
        error: 'invalid_request',
        error_description: 'PKCE with S256 is required',
        state,
      }),
    );
  }
  if (!allows(c, 'authorization_code')) {
    return redirect(withParams(redirectUri, { error: 'unauthorized_client', state }));
  }
  if (ctx.options.autoApprove) {
    const code = ctx.store.issueAuthCode(c.clientId, redirectUri, codeChallenge);
    return redirect(withParams(redirectUri, { code, state }));
  }
  const scopes = (q.get('scopes') ?? '').split(' ').filter(Boolean);
  const pending = ctx.store.addAuthorizeRequest({
    clientId: c.clientId,
    redirectUri,
    state,
    codeChallenge,
    scopes,
  });
  return authorizeApprovalPage(pending.id, c.clientName, scopes);
}

/** POST /authorize/approve and /authorize/deny from the consent page. */
export function decideAuthorize(ctx: Ctx, req: Req, approve: boolean): Reply {
  const id = new URLSearchParams(req.body.toString('utf8')).get('request') ?? '';
  const pending = ctx.store.takeAuthorizeRequest(id);
  if (!pending)
    return resultPage(
      'Request expired',
      'This sign-in request is no longer valid. Start the sign-in again from the application.',
      400,
    );
  if (!approve)
    return redirect(
      withParams(pending.redirectUri, { error: 'access_denied', state: pending.state }),
    );
  const code = ctx.store.issueAuthCode(
    pending.clientId,
    pending.redirectUri,
    pending.codeChallenge,
  );
  return redirect(withParams(pending.redirectUri, { code, state: pending.state }));
}
