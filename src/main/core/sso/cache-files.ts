// The AWS CLI's SSO cache (~/.aws/sso/cache): token files and client registrations, in exactly the
// shape the AWS CLI and the SDKs read and write (docs/aws-protocols.md).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { SsoTrayError } from '../errors';
import { replaceFile } from '../files/replace-file';
import { sha1HexOf } from './sha1';
import { formatCliTime, parseAwsTime } from './time';

/** The SHA-1 the AWS CLI names its cache files after (sha1.ts: no node:crypto at start). */
export function sha1Hex(text: string): string {
  return sha1HexOf(text);
}

/** `<dir>/<sha1(session name)>.json` (or sha1 of the start URL for legacy profiles). */
export function tokenFilePath(cacheDir: string, sessionNameOrStartUrl: string): string {
  return join(cacheDir, `${sha1Hex(sessionNameOrStartUrl)}.json`);
}

/** Python's `json.dumps(value, sort_keys=True)`: `", "` and `": "` separators, ASCII escapes. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${pyString(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
  }
  if (typeof value === 'string') return pyString(value);
  return JSON.stringify(value);
}

function pyString(s: string): string {
  return JSON.stringify(s).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The AWS CLI's client-registration cache key: the SHA-1 of the Python JSON of region, scopes,
 * session name (absent for a legacy profile's start URL), start URL and `"tool": "botocore"`.
 */
export function registrationCacheKey(args: {
  startUrl: string;
  region: string;
  scopes: string[];
  sessionName?: string;
}): string {
  return sha1Hex(
    pythonJsonDumps({
      region: args.region,
      scopes: args.scopes,
      session_name: args.sessionName,
      startUrl: args.startUrl,
      tool: 'botocore',
    }),
  );
}

export interface CachedToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  /** epoch ms */
  expiresAt: number;
  clientId?: string;
  clientSecret?: string;
  /** epoch ms */
  registrationExpiresAt?: number;
  refreshToken?: string;
}

export interface CachedRegistration {
  clientId: string;
  clientSecret: string;
  /** epoch ms */
  expiresAt: number;
  scopes?: string[];
  grantTypes?: string[];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

async function readJsonObject(path: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SsoTrayError('FILE', `Cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined; // a damaged cache file is the same as no file: sign in again
  }
}

/** Reads a token file; undefined when missing or unusable (no accessToken / expiresAt). */
export async function readTokenFile(path: string): Promise<CachedToken | undefined> {
  const o = await readJsonObject(path);
  if (!o) return undefined;
  const accessToken = str(o.accessToken);
  const expiresAt = parseAwsTime(o.expiresAt);
  if (!accessToken || expiresAt === undefined) return undefined;
  return {
    startUrl: str(o.startUrl),
    region: str(o.region),
    accessToken,
    expiresAt,
    clientId: str(o.clientId),
    clientSecret: str(o.clientSecret),
    registrationExpiresAt: parseAwsTime(o.registrationExpiresAt),
    refreshToken: str(o.refreshToken),
  };
}

/** Writes a token file in the AWS CLI's field order and time form (0600, atomic). */
export async function writeTokenFile(path: string, t: CachedToken): Promise<void> {
  const out: Record<string, string> = {};
  if (t.startUrl) out.startUrl = t.startUrl;
  if (t.region) out.region = t.region;
  out.accessToken = t.accessToken;
  out.expiresAt = formatCliTime(t.expiresAt);
  if (t.clientId) out.clientId = t.clientId;
  if (t.clientSecret) out.clientSecret = t.clientSecret;
  if (t.registrationExpiresAt !== undefined) {
    out.registrationExpiresAt = formatCliTime(t.registrationExpiresAt);
  }
  if (t.refreshToken) out.refreshToken = t.refreshToken;
  await writePrivateFile(path, JSON.stringify(out));
}

export async function readRegistrationFile(path: string): Promise<CachedRegistration | undefined> {
  const o = await readJsonObject(path);
  if (!o) return undefined;
  const clientId = str(o.clientId);
  const clientSecret = str(o.clientSecret);
  const expiresAt = parseAwsTime(o.expiresAt);
  if (!clientId || !clientSecret || expiresAt === undefined) return undefined;
  const list = (v: unknown): string[] | undefined =>
    Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  return {
    clientId,
    clientSecret,
    expiresAt,
    scopes: list(o.scopes),
    grantTypes: list(o.grantTypes),
  };
}

export async function writeRegistrationFile(path: string, r: CachedRegistration): Promise<void> {
  const out: Record<string, unknown> = {
    clientId: r.clientId,
    clientSecret: r.clientSecret,
    expiresAt: formatCliTime(r.expiresAt),
  };
  if (r.scopes) out.scopes = r.scopes;
  if (r.grantTypes) out.grantTypes = r.grantTypes;
  await writePrivateFile(path, JSON.stringify(out));
}

/** Replaces `path` atomically with mode 0600 (files/replace-file.ts); the folder is created 0700. */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  try {
    await replaceFile(path, text, { mode: 0o600, dirMode: 0o700 });
  } catch (e) {
    throw new SsoTrayError('FILE', `Cannot write ${path}: ${(e as Error).message}`);
  }
}

export async function removeFile(path: string): Promise<void> {
  try {
    await fs.unlink(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new SsoTrayError('FILE', `Cannot remove ${path}: ${(e as Error).message}`);
    }
  }
}
