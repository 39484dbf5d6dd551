// Values the contract accepts, for tests and the bench's fake host, so that each is written once:
// a state snapshot (a Linux desktop with default settings, updates off as in a development
// build, no session unless the caller adds one) and a small account list as it travels (role
// names by account id). Nothing in the app imports this.
import type { UpdatesView } from '../updates';
import type { StateSnapshot } from '../ipc-views';

/** Updates as a development build shows them: off, with the reason. */
export const UPDATES_OFF: UpdatesView = {
  currentVersion: '0.1.0',
  channel: 'latest',
  feedUrl: '',
  installOnQuit: true,
  status: { state: 'off', reason: 'Updates are off in development builds.' },
  lastCheckedAt: null,
};

/** A whole state snapshot; `overrides` replace top-level parts. */
export function stateFixture(overrides: Partial<StateSnapshot> = {}): StateSnapshot {
  return {
    revision: 0,
    platform: 'linux',
    sessions: [],
    activeSession: null,
    configFile: '/home/user/.aws/config',
    configIssues: [],
    logsLocation: null,
    settings: {
      thresholdsMinutes: [15, 5],
      clipboardClearSeconds: 60,
      autoRefreshProfiles: false,
      launchAtLogin: false,
      credentialsEndpoint: false,
      theme: 'system',
      paletteShortcut: 'CommandOrControl+Alt+Shift+Space',
    },
    favourites: [],
    recents: [],
    credentials: [],
    paletteShortcut: { accelerator: 'CommandOrControl+Alt+Shift+Space', state: 'registered' },
    updates: UPDATES_OFF,
    ...overrides,
  };
}

/** Two accounts (one without roles) as `accounts.list` sends them: role names by account id. */
export function wireAccountList() {
  return {
    accounts: [
      { accountId: '123456789012', accountName: 'Prod', emailAddress: 'p@example.com' },
      { accountId: '210987654321', accountName: 'Dev', emailAddress: 'd@example.com' },
    ],
    roles: { '123456789012': ['Admin', 'ReadOnly'], '210987654321': [] as string[] },
    fromCache: true,
    loading: false,
    updatedAt: null,
    total: 2,
  };
}
