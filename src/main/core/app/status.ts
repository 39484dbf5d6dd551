// The status service: every shown session's status for the window's session panel
// (`status.get`), from the token cache and the accounts list only (never the network, never a
// token). The status itself is worded by ../status/session-status.ts, the rule the CLI's
// `sso-tray status` follows too.
import type { Handlers } from '../ipc/dispatch';
import type { Logger } from '../log/logger';
import type { SessionTokenInfo } from '../sso/core';
import { sessionStatus, type ListingSummary } from '../status/session-status';
import type { SessionStatusView } from '../../../shared/status-rules';
import type { SsoPort } from './ports';
import type { Sessions } from './sessions';

export type StatusChannels = 'status.get';

export interface StatusOptions {
  /** The sessions shown and the sign-in state the app follows. */
  sessions: Pick<Sessions, 'views'>;
  /** The token cache's facts; a fake SSO port may leave `tokenInfo` out. */
  sso: Pick<SsoPort, 'tokenInfo'>;
  /** When each session's accounts were last listed, and how many (memory, else the cache). */
  accounts: { summary(session: string): Promise<ListingSummary> };
  now(): number;
  log: Logger;
}

export class StatusService {
  constructor(private readonly o: StatusOptions) {}

  handlers(): Pick<Handlers, StatusChannels> {
    return {
      'status.get': async () => ({ sessions: await this.statuses() }),
    };
  }

  /** Every shown session's status: files and memory only. */
  async statuses(): Promise<SessionStatusView[]> {
    const { sessions, sso, accounts, log } = this.o;
    const now = this.o.now();
    return Promise.all(
      sessions.views().map(async (v) => {
        let token: SessionTokenInfo | undefined;
        try {
          token = await sso.tokenInfo?.(v.name);
        } catch (e) {
          log.warn('the token cache could not be read for the status', {
            session: v.name,
            error: e,
          });
        }
        if (sso.tokenInfo === undefined && v.expiresAt !== null) {
          token = { expiresAt: v.expiresAt, hasRefreshToken: false, registrationExpiresAt: null };
        }
        const listing = await accounts.summary(v.name).catch((e: unknown) => {
          log.warn('the last listing could not be read for the status', {
            session: v.name,
            error: e,
          });
          return undefined;
        });
        return sessionStatus({ session: v.name, state: v.status, token, listing }, now);
      }),
    );
  }
}
