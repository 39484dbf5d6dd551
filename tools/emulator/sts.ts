// STS GetCallerIdentity over the awsQuery protocol, with real SigV4 verification against the
// role credentials the portal issued; see docs/aws-protocols.md.
import { createHash } from 'node:crypto';
import type { Ctx } from './context';
import { escapeXml, stsError, xml, type Reply, type Req } from './http';
import { verifySigV4 } from './sigv4';

/** The form-encoded Action of an STS request (body for POST, query for GET). */
export function stsAction(req: Req): string | undefined {
  const form = req.method === 'POST' ? new URLSearchParams(req.body.toString('utf8')) : req.query;
  return form.get('Action') ?? undefined;
}

/** A stable, role-specific unique id like the `AROA…` ids of real roles. */
function roleUniqueId(accountId: string, roleName: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = createHash('sha256').update(`${accountId}/${roleName}`).digest();
  let id = 'AROA';
  for (let i = 0; i < 17; i++) id += alphabet[(digest[i] ?? 0) % 32];
  return id;
}

export function sts(ctx: Ctx, req: Req): Reply {
  const verdict = verifySigV4(
    {
      method: req.method,
      path: req.path,
      query: req.rawQuery,
      headers: req.headers,
      body: req.body,
    },
    'sts',
    (akid) => ctx.store.roleCredentialsFor(akid),
    ctx.now(),
  );
  if (!verdict.ok) return stsError(verdict.status, verdict.code, verdict.message, req.requestId);
  const action = stsAction(req);
  if (action !== 'GetCallerIdentity') {
    return stsError(
      400,
      'InvalidAction',
      `Could not find operation ${action ?? ''} for version 2011-06-15`,
      req.requestId,
    );
  }
  const creds = ctx.store.roleCredentialsFor(verdict.accessKeyId);
  if (!creds)
    return stsError(
      403,
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      req.requestId,
    );
  const user = ctx.org.userName;
  const arn = `arn:aws:sts::${creds.accountId}:assumed-role/${creds.roleName}/${user}`;
  return xml(
    `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
      `  <GetCallerIdentityResult>\n` +
      `    <Arn>${escapeXml(arn)}</Arn>\n` +
      `    <UserId>${roleUniqueId(creds.accountId, creds.roleName)}:${escapeXml(user)}</UserId>\n` +
      `    <Account>${creds.accountId}</Account>\n` +
      `  </GetCallerIdentityResult>\n` +
      `  <ResponseMetadata>\n    <RequestId>${req.requestId}</RequestId>\n  </ResponseMetadata>\n` +
      `</GetCallerIdentityResponse>\n`,
  );
}
