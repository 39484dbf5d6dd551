// The SSO portal API: ListAccounts, ListAccountRoles, GetRoleCredentials, Logout
// (docs/aws-protocols.md). Every call carries the access token in `x-amz-sso_bearer_token`.
import type { Ctx } from './context';
import { firstHeader, json, portalError, type Reply, type Req } from './http';
import type { Session } from './store';

const DEFAULT_PAGE_SIZE = 20;

function unauthorized(): Reply {
  return portalError(401, 'UnauthorizedException', 'Session token not found or invalid');
}

function forbidden(): Reply {
  return portalError(403, 'ForbiddenException', 'No access');
}

function invalid(message: string): Reply {
  return portalError(400, 'InvalidRequestException', message);
}

function session(ctx: Ctx, req: Req): Session | undefined {
  return ctx.store.sessionOf(firstHeader(req.headers, 'x-amz-sso_bearer_token'));
}

interface PageToken {
  k: string; // what is being listed: 'accounts' or 'roles:<accountId>'
  o: number; // offset of the next page
}

function encodePageToken(t: PageToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodePageToken(token: string, kind: string): number | undefined {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<PageToken>;
    return t.k === kind && Number.isInteger(t.o) && (t.o ?? -1) >= 0 ? t.o : undefined;
  } catch {
    return undefined;
  }
}

/** Slices one page; returns the reply for bad `max_result` / `next_token`. */
function page<T>(
  req: Req,
  kind: string,
  items: readonly T[],
): { items: T[]; nextToken: string | null } | Reply {
  const rawMax = req.query.get('max_result');
  let size = DEFAULT_PAGE_SIZE;
  if (rawMax !== null) {
    if (!/^\d+$/.test(rawMax) || Number(rawMax) < 1 || Number(rawMax) > 100) {
      return invalid('max_result must be an integer between 1 and 100');
    }
    size = Number(rawMax);
  }
  let offset = 0;
  const rawToken = req.query.get('next_token');
  if (rawToken !== null && rawToken !== '') {
    const decoded = decodePageToken(rawToken, kind);
    if (decoded === undefined) return invalid('Invalid next token');
    offset = decoded;
  }
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    nextToken: end < items.length ? encodePageToken({ k: kind, o: end }) : null,
  };
}

function isReply(v: unknown): v is Reply {
  return typeof v === 'object' && v !== null && 'status' in v && 'headers' in v;
}

export function listAccounts(ctx: Ctx, req: Req): Reply {
  if (!session(ctx, req)) return unauthorized();
  const p = page(req, 'accounts', ctx.org.accounts);
  if (isReply(p)) return p;
  return json(200, {
    accountList: p.items.map((a) => ({
      accountId: a.accountId,
      accountName: a.accountName,
      emailAddress: a.emailAddress,
    })),
    nextToken: p.nextToken, // explicit null on the last page, as the real portal sends
  });
}

export function listAccountRoles(ctx: Ctx, req: Req): Reply {
  if (!session(ctx, req)) return unauthorized();
  const accountId = req.query.get('account_id');
  if (!accountId) return invalid('account_id is required');
  const account = ctx.accountsById.get(accountId);
  if (!account) return forbidden();
  const p = page(req, `roles:${accountId}`, account.roles);
  if (isReply(p)) return p;
  return json(200, {
    roleList: p.items.map((roleName) => ({ roleName, accountId })),
    nextToken: p.nextToken,
  });
}

export function getRoleCredentials(ctx: Ctx, req: Req): Reply {
  if (!session(ctx, req)) return unauthorized();
  const accountId = req.query.get('account_id');
  const roleName = req.query.get('role_name');
  if (!accountId || !roleName) return invalid('account_id and role_name are required');
  const account = ctx.accountsById.get(accountId);
  if (!account || !account.roles.includes(roleName)) return forbidden();
  const c = ctx.store.issueRoleCredentials(accountId, roleName, ctx.options.credentialSeconds);
  return json(200, {
    roleCredentials: {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiresAt, // epoch milliseconds
    },
  });
}

export function logout(ctx: Ctx, req: Req): Reply {
  const s = session(ctx, req);
  if (!s) return unauthorized();
  ctx.store.endSession(s);
  return json(200, undefined);
}
