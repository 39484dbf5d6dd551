// Role credentials cached until shortly before they expire, in memory (the app) or in the AWS
// CLI's own cache folder (~/.aws/cli/cache) so separate `credential-process` runs share them.
import { promises as fs, readFile } from 'node:fs';
import { join } from 'node:path';
import type { RoleCredentials } from '../../../shared/schemas';
import { awsHome, type Env } from '../aws-paths';
import { removeFile, sha1Hex, writePrivateFile } from './cache-files';
import { formatCliTime, parseAwsTime } from './time';

/** Fetch new role credentials when fewer than this many ms are left. */
export const ROLE_CREDENTIALS_MARGIN_MS = 5 * 60 * 1000;

/**
 * Whether cached credentials can still be handed out: more than the margin left, or more than
 * `minValidityMs` when a caller needs them for longer (never less than the margin).
 */
export function cachedCredentialsUsable(
  c: RoleCredentials,
  now: number,
  minValidityMs = 0,
): boolean {
  return c.expiration - Math.max(minValidityMs, ROLE_CREDENTIALS_MARGIN_MS) > now;
}

export interface RoleCredentialsCache {
  get(key: string): Promise<RoleCredentials | undefined>;
  set(key: string, credentials: RoleCredentials): Promise<void>;
  /** Forgets the credentials of one session (all SSO credentials for a file cache). */
  clearSession(session: string): Promise<void>;
}

/**
 * The AWS CLI's cache key: compact JSON with sorted keys `{"accountId","roleName","sessionName"}`.
 * Use it as the key for every RoleCredentialsCache.
 */
export function roleCredentialsCacheKey(
  session: string,
  accountId: string,
  roleName: string,
): string {
  return JSON.stringify({ accountId, roleName, sessionName: session });
}

function sessionOfKey(key: string): string | undefined {
  try {
    const v = (JSON.parse(key) as { sessionName?: unknown }).sessionName;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

export function memoryRoleCredentialsCache(): RoleCredentialsCache {
  const map = new Map<string, RoleCredentials>();
  return {
    get: async (key) => map.get(key),
    set: async (key, c) => {
      map.set(key, c);
    },
    clearSession: async (session) => {
      for (const key of [...map.keys()]) if (sessionOfKey(key) === session) map.delete(key);
    },
  };
}

/**
 * A file's text through the callback API: node:fs/promises (and the readline modules it loads)
 * would be loaded for this one read in every cached `credential-process`.
 */
function readText(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    readFile(path, 'utf8', (e, text) => (e ? reject(e) : resolve(text)));
  });
}

export function roleCredentialsCacheDir(env: Env): string {
  return join(awsHome(env), '.aws', 'cli', 'cache');
}

/** The AWS CLI's role-credential cache format (docs/aws-protocols.md), files 0600. */
export function fileRoleCredentialsCache(env: Env): RoleCredentialsCache {
  const dir = roleCredentialsCacheDir(env);
  const path = (key: string): string => join(dir, `${sha1Hex(key)}.json`);
  return {
    async get(key) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readText(path(key)));
      } catch {
        return undefined;
      }
      const c = (parsed as { Credentials?: Record<string, unknown> } | null)?.Credentials;
      if (!c) return undefined;
      const expiration = parseAwsTime(c.Expiration);
      const { AccessKeyId: a, SecretAccessKey: s, SessionToken: t } = c;
      if (typeof a !== 'string' || typeof s !== 'string' || typeof t !== 'string') return undefined;
      if (expiration === undefined) return undefined;
      return { accessKeyId: a, secretAccessKey: s, sessionToken: t, expiration };
    },
    async set(key, c) {
      await writePrivateFile(
        path(key),
        JSON.stringify({
          ProviderType: 'sso',
          Credentials: {
            AccessKeyId: c.accessKeyId,
            SecretAccessKey: c.secretAccessKey,
            SessionToken: c.sessionToken,
            Expiration: formatCliTime(c.expiration),
          },
        }),
      );
    },
    async clearSession() {
      // The files do not record their session (the key is hashed), so, like `aws sso logout`,
      // remove every SSO credential file.
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch {
        return;
      }
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        try {
          const o = JSON.parse(await fs.readFile(join(dir, name), 'utf8')) as {
            ProviderType?: unknown;
          };
          if (o.ProviderType === 'sso') await removeFile(join(dir, name));
        } catch {
          // not ours to judge: leave unreadable files alone
        }
      }
    },
  };
}
