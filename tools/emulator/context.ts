// What every handler can see: the live options, the organisation and the store.
import type { Organisation, OrgAccount } from './org';
import type { Store } from './store';

export interface LiveOptions {
  latencyMs: number;
  rateLimit: number | undefined;
  failRate: number;
  autoApprove: boolean;
  tokenSeconds: number;
  refreshTokenSeconds: number;
  credentialSeconds: number;
  deviceCodeSeconds: number;
  pollIntervalSeconds: number;
}

export interface Ctx {
  url: string;
  org: Organisation;
  accountsById: Map<string, OrgAccount>;
  store: Store;
  options: LiveOptions;
  now(): number;
}
