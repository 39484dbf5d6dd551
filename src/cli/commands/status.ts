import { sessionStatus, summarizeListing } from '../../main/core/status/session-status';
import { statusHeadline, type SessionStatusView } from '../../shared/status-rules';
import { nonEmpty, parseCommandArgs } from '../args';
import { loadAccountsCache } from '../local-cache';
import type { CliCommand } from '../types';

const usage = `Usage: sso-tray status [--session NAME] [--json]

The status of each session of the config file, from the token cache and the command's last
listing only (no network call; no token is ever printed): signed in or not, when the access
token expires, whether a refresh token is held (the sign-in renews itself), when the client
registration expires, and when \`sso-tray accounts\` (or \`populate\`) last listed the accounts, with
how many accounts and roles it found.
  --session NAME     only this session
  --json             print {"sessions":[{"session","state","expiresAt","refreshToken",
                     "registrationExpiresAt","accountsListedAt","accounts","roles"}]}
                     (times as ISO 8601, null when unknown)`;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function describe(s: SessionStatusView, now: number): string[] {
  const lines = [`${s.session}  ${statusHeadline(s, now)}`];
  if (s.expiresAt !== null) lines.push(`  access token expires      ${iso(s.expiresAt)}`);
  lines.push(`  refresh token             ${s.refreshToken ? 'held' : 'none'}`);
  if (s.registrationExpiresAt !== null) {
    lines.push(`  client registration until ${iso(s.registrationExpiresAt)}`);
  }
  lines.push(
    s.accountsListedAt === null
      ? '  accounts last listed      never (run `sso-tray accounts`)'
      : `  accounts last listed      ${iso(s.accountsListedAt)}: ${s.accounts} accounts, ${s.roles} roles`,
  );
  return lines;
}

export const status: CliCommand = {
  name: 'status',
  summary: 'each session: signed in, expiries, refresh token, last listing (no network call)',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(
      args,
      { session: { type: 'string' }, json: { type: 'boolean' } },
      usage,
    );
    const only = nonEmpty(v.session, '--session', usage);
    const core = ctx.core();
    const sessions =
      only === undefined ? (await core.readConfig()).sessions : [await core.resolveSession(only)];
    const now = Date.now();
    const rows = await Promise.all(
      sessions.map(async (s) => {
        const token = await core.tokenInfo(s.name);
        const cached = await loadAccountsCache(ctx.env, s);
        const listing =
          cached === undefined
            ? undefined
            : summarizeListing(cached.updatedAt, cached.accounts, cached.roles);
        return sessionStatus({ session: s.name, token, listing }, now);
      }),
    );
    if (v.json) {
      const out = rows.map((r) => ({
        ...r,
        expiresAt: iso(r.expiresAt),
        registrationExpiresAt: iso(r.registrationExpiresAt),
        accountsListedAt: iso(r.accountsListedAt),
      }));
      ctx.stdout.write(`${JSON.stringify({ sessions: out }, null, 2)}\n`);
      return 0;
    }
    const text =
      rows.length === 0
        ? ['No usable session in the config file (see `sso-tray sessions`).']
        : rows.flatMap((r) => describe(r, now));
    ctx.stdout.write(`${text.join('\n')}\n`);
    return 0;
  },
};
