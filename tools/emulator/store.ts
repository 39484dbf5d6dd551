// What the emulator remembers: registered clients, pending sign-ins, sessions with their access and
// refresh tokens, and issued role credentials. Secrets live only here, in memory, and never leave
// except in the response that issues them.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { IssuedSecret } from './sigv4';

export interface Client {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  grantTypes: string[];
  redirectUris: string[];
  issuedAt: number; // epoch s
  secretExpiresAt: number; // epoch s
}

export type PendingStatus = 'pending' | 'approved' | 'denied';

export interface DeviceCode {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  status: PendingStatus;
  expiresAt: number; // ms
  interval: number; // s
  lastPollAt?: number; // ms
  redeemed: boolean;
}

export interface AuthorizeRequest {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  codeChallenge: string;
  scopes: string[];
  expiresAt: number; // ms
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number; // ms
  used: boolean;
}

/** One sign-in: logout or revoke ends it and every token issued in it. */
export interface Session {
  id: number;
  clientId: string;
  active: boolean;
  expiresAt: number; // ms, the refresh-token (session) lifetime
}

interface AccessToken {
  session: Session;
  expiresAt: number; // ms
}

export interface IssuedRoleCredentials extends IssuedSecret {
  accessKeyId: string;
  accountId: string;
  roleName: string;
}

/** A console sign-in token from the federation endpoint (`getSigninToken`). */
export interface SigninToken {
  accountId: string;
  roleName: string;
  accessKeyId: string;
  expiresAt: number; // ms: 15 minutes after it was issued
}

/** A console session the federation endpoint's `login` started (what the console page shows). */
export interface ConsoleSession {
  accountId: string;
  roleName: string;
  destination: string;
  issuer: string | undefined;
}

export interface TokenLifetimes {
  tokenSeconds: number;
  refreshTokenSeconds: number;
}

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ'; // no vowels: no accidental words, no 0/O, 1/I
const AKID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** base64url(SHA-256(verifier)) without padding, the PKCE S256 transform. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export class Store {
  readonly clients = new Map<string, Client>();
  readonly deviceCodes = new Map<string, DeviceCode>();
  readonly userCodes = new Map<string, DeviceCode>();
  readonly authorizeRequests = new Map<string, AuthorizeRequest>();
  readonly authCodes = new Map<string, AuthCode>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, Session>();
  private readonly roleCredentials = new Map<string, IssuedRoleCredentials>();
  readonly issuedAccessKeyIds: string[] = [];
  /** Every secret ever handed out (client secrets, tokens, secret keys, session tokens). */
  readonly issuedSecrets: string[] = [];
  private nextSessionId = 1;
  private readonly signinTokens = new Map<string, SigninToken>();
  private readonly consoleSessions = new Map<string, ConsoleSession>();
  /**
   * The user's sign-in to the access portal, as the browser keeps it: a sign-in while it is
   * active joins it and so ends when it ends; Logout (or revoke) ends it, and the next sign-in
   * starts a new one with a fresh end.
   */
  private portal: { expiresAt: number; active: boolean } | undefined;

  constructor(private readonly now: () => number) {}

  registerClient(
    input: Omit<Client, 'clientId' | 'clientSecret' | 'issuedAt' | 'secretExpiresAt'>,
  ): Client {
    const issuedAt = Math.floor(this.now() / 1000);
    const client: Client = {
      ...input,
      clientId: randomToken(16),
      clientSecret: randomToken(48),
      issuedAt,
      secretExpiresAt: issuedAt + 90 * 24 * 3600,
    };
    this.issuedSecrets.push(client.clientSecret);
    this.clients.set(client.clientId, client);
    return client;
  }

  /** The client if the id and secret match and the registration has not expired. */
  authenticateClient(clientId: string, clientSecret: string): Client | undefined {
    const client = this.clients.get(clientId);
    if (!client || client.clientSecret !== clientSecret) return undefined;
    if (client.secretExpiresAt * 1000 <= this.now()) return undefined;
    return client;
  }

  startDeviceAuthorization(
    clientId: string,
    startUrl: string,
    seconds: number,
    interval: number,
    approved: boolean,
  ): DeviceCode {
    let userCode: string;
    do {
      userCode = `${randomFrom(USER_CODE_ALPHABET, 4)}-${randomFrom(USER_CODE_ALPHABET, 4)}`;
    } while (this.userCodes.has(userCode));
    const code: DeviceCode = {
      deviceCode: randomToken(48),
      userCode,
      clientId,
      startUrl,
      status: approved ? 'approved' : 'pending',
      expiresAt: this.now() + seconds * 1000,
      interval,
      redeemed: false,
    };
    this.deviceCodes.set(code.deviceCode, code);
    this.userCodes.set(userCode, code);
    return code;
  }

  /** Approves or denies an unexpired, unredeemed device code; false if there is none. */
  decideDeviceCode(userCode: string, status: 'approved' | 'denied'): boolean {
    const code = this.userCodes.get(userCode.trim().toUpperCase());
    if (!code || code.redeemed || code.expiresAt <= this.now()) return false;
    // Deciding the same way twice (e.g. approve after auto-approve) is fine; changing it is not.
    if (code.status !== 'pending') return code.status === status;
    code.status = status;
    return true;
  }

  pendingDeviceCode(userCode: string): DeviceCode | undefined {
    const code = this.userCodes.get(userCode.trim().toUpperCase());
    if (!code || code.redeemed || code.expiresAt <= this.now()) return undefined;
    return code;
  }

  addAuthorizeRequest(req: Omit<AuthorizeRequest, 'id' | 'expiresAt'>): AuthorizeRequest {
    const full: AuthorizeRequest = {
      ...req,
      id: randomToken(24),
      expiresAt: this.now() + 10 * 60 * 1000,
    };
    this.authorizeRequests.set(full.id, full);
    return full;
  }

  takeAuthorizeRequest(id: string): AuthorizeRequest | undefined {
    const req = this.authorizeRequests.get(id);
    this.authorizeRequests.delete(id);
    if (!req || req.expiresAt <= this.now()) return undefined;
    return req;
  }

  issueAuthCode(clientId: string, redirectUri: string, codeChallenge: string): string {
    const code = randomToken(32);
    this.authCodes.set(code, {
      clientId,
      redirectUri,
      codeChallenge,
      expiresAt: this.now() + 5 * 60 * 1000,
      used: false,
    });
    return code;
  }

  /** Starts a session and returns its first tokens. */
  signIn(
    clientId: string,
    lifetimes: TokenLifetimes,
  ): { accessToken: string; refreshToken: string; expiresIn: number } {
    const now = this.now();
    if (this.portal === undefined || !this.portal.active || this.portal.expiresAt <= now) {
      this.portal = { expiresAt: now + lifetimes.refreshTokenSeconds * 1000, active: true };
    }
    const session: Session = {
      id: this.nextSessionId++,
      clientId,
      active: true,
      expiresAt: this.portal.expiresAt,
    };
    return this.issueTokens(session, lifetimes);
  }

  /**
   * The refresh grant: new access and refresh tokens in the same session. The old refresh token
   * stays valid until the session ends (two processes sharing one token cache may both refresh).
   */
  refresh(
    clientId: string,
    refreshToken: string,
    lifetimes: TokenLifetimes,
  ): ReturnType<Store['signIn']> | undefined {
    const session = this.refreshTokens.get(refreshToken);
    if (
      !session ||
      !session.active ||
      session.clientId !== clientId ||
      session.expiresAt <= this.now()
    )
      return undefined;
    return this.issueTokens(session, lifetimes);
  }

  private issueTokens(session: Session, lifetimes: TokenLifetimes): ReturnType<Store['signIn']> {
    const accessToken = `aoa${randomToken(48)}`;
    const refreshToken = `aor${randomToken(48)}`;
    this.issuedSecrets.push(accessToken, refreshToken);
    // An access token never outlives the portal session it was issued in.
    const now = this.now();
    const expiresAt = Math.min(now + lifetimes.tokenSeconds * 1000, session.expiresAt);
    this.accessTokens.set(accessToken, { session, expiresAt });
    this.refreshTokens.set(refreshToken, session);
    return {
      accessToken,
      refreshToken,
      expiresIn: Math.max(1, Math.floor((expiresAt - now) / 1000)),
    };
  }

  /** The session of a valid access token (known, unexpired, not logged out or revoked). */
  sessionOf(accessToken: string | undefined): Session | undefined {
    if (!accessToken) return undefined;
    const entry = this.accessTokens.get(accessToken);
    if (!entry || !entry.session.active || entry.expiresAt <= this.now()) return undefined;
    return entry.session;
  }

  /** Logout: ends this sign-in and the portal session, so the next sign-in starts afresh. */
  endSession(session: Session): void {
    session.active = false;
    if (this.portal !== undefined) this.portal.active = false;
  }

  revokeAll(): void {
    if (this.portal !== undefined) this.portal.active = false;
    for (const { session } of this.accessTokens.values()) session.active = false;
    for (const session of this.refreshTokens.values()) session.active = false;
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  activeTokens(): number {
    const now = this.now();
    let n = 0;
    for (const t of this.accessTokens.values()) if (t.session.active && t.expiresAt > now) n++;
    return n;
  }

  issueRoleCredentials(
    accountId: string,
    roleName: string,
    seconds: number,
  ): IssuedRoleCredentials {
    let accessKeyId: string;
    do accessKeyId = `ASIA${randomFrom(AKID_ALPHABET, 16)}`;
    while (this.roleCredentials.has(accessKeyId));
    const creds: IssuedRoleCredentials = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(300).toString('base64')}`,
      expiresAt: this.now() + seconds * 1000,
      accountId,
      roleName,
    };
    this.roleCredentials.set(accessKeyId, creds);
    this.issuedAccessKeyIds.push(accessKeyId);
    this.issuedSecrets.push(creds.secretAccessKey, creds.sessionToken);
    return creds;
  }

  roleCredentialsFor(accessKeyId: string): IssuedRoleCredentials | undefined {
    return this.roleCredentials.get(accessKeyId);
  }

  /** Every role credential issued so far ends now (the admin hook for expiry tests). */
  expireRoleCredentials(): void {
    const past = this.now() - 1;
    for (const c of this.roleCredentials.values()) c.expiresAt = Math.min(c.expiresAt, past);
  }

  /** A console sign-in token for these role credentials, valid 15 minutes. */
  issueSigninToken(creds: IssuedRoleCredentials): string {
    const token = randomToken(48);
    this.signinTokens.set(token, {
      accountId: creds.accountId,
      roleName: creds.roleName,
      accessKeyId: creds.accessKeyId,
      expiresAt: this.now() + 15 * 60 * 1000,
    });
    this.issuedSecrets.push(token);
    return token;
  }

  /** The sign-in token's grant, while it is valid. */
  signinToken(token: string): SigninToken | undefined {
    const t = this.signinTokens.get(token);
    return t !== undefined && t.expiresAt > this.now() ? t : undefined;
  }

  /** Starts a console session (after `login`); its id is what the console page is opened with. */
  startConsoleSession(session: ConsoleSession): string {
    const id = randomToken(16);
    this.consoleSessions.set(id, session);
    return id;
  }

  consoleSession(id: string): ConsoleSession | undefined {
    return this.consoleSessions.get(id);
  }
}
