import { describe, expect, it } from 'vitest';
import type { NavigateEvent } from '../../../shared/ipc-contract';
import { SsoTrayError } from '../errors';
import { runTrayAction, type TrayActionHandlers, type TrayActionHost } from './run-action';
import { trayStateFromSnapshot } from './from-snapshot';

const role = { session: 'acme', accountId: '123456789012', roleName: 'Admin' };

function host(active: string | null = 'acme') {
  const calls: [string, unknown][] = [];
  const log: string[] = [];
  const navigations: NavigateEvent[] = [];
  const handler =
    (name: string) =>
    (payload: unknown): never => {
      calls.push([name, payload]);
      return null as never;
    };
  const handlers = {
    'credentials.copy': handler('credentials.copy'),
    'endpoint.copy': handler('endpoint.copy'),
    'credentials.writeProfile': handler('credentials.writeProfile'),
    'console.open': handler('console.open'),
    'favourites.toggle': handler('favourites.toggle'),
    'sessions.setActive': handler('sessions.setActive'),
    'accounts.refresh': handler('accounts.refresh'),
    'auth.login': handler('auth.login'),
    'updates.check': handler('updates.check'),
    'updates.restart': handler('updates.restart'),
    'auth.logout': () => {
      throw new SsoTrayError('NETWORK', 'The sign-in service could not be reached.');
    },
  } as TrayActionHandlers;
  const h: TrayActionHost = {
    handlers,
    activeSession: () => active,
    showWindow: () => log.push('show'),
    navigate: (e) => navigations.push(e),
    quit: () => log.push('quit'),
  };
  return { h, calls, log, navigations };
}

describe('runTrayAction', () => {
  it('copies through the credentials.copy handler', async () => {
    const { h, calls } = host();
    expect(await runTrayAction({ kind: 'copy', format: 'env-powershell', ...role }, h)).toEqual({
      ok: true,
      value: null,
    });
    expect(calls).toEqual([['credentials.copy', { ...role, what: 'env-powershell' }]]);
  });

  it('copies the endpoint lines through the endpoint.copy handler', async () => {
    const { h, calls } = host();
    await runTrayAction({ kind: 'copyEndpoint', shell: 'windows', ...role }, h);
    expect(calls).toEqual([['endpoint.copy', { ...role, shell: 'windows' }]]);
  });

  it('writes the profile under ACCOUNTID_ROLENAME unless named', async () => {
    const { h, calls } = host();
    await runTrayAction({ kind: 'writeProfile', ...role }, h);
    await runTrayAction({ kind: 'writeProfile', ...role, profileName: 'prod' }, h);
    expect(calls).toEqual([
      ['credentials.writeProfile', { ...role, profileName: '123456789012_Admin' }],
      ['credentials.writeProfile', { ...role, profileName: 'prod' }],
    ]);
  });

  it('opens the window on the access keys of a role, and on settings', async () => {
    const { h, log, navigations } = host();
    await runTrayAction({ kind: 'openAccessKeys', ...role }, h);
    await runTrayAction({ kind: 'settings' }, h);
    expect(log).toEqual(['show', 'show']);
    expect(navigations).toEqual([{ to: 'accessKeys', ...role }, { to: 'settings' }]);
  });

  it('refresh and sign in use the active session; sign in without one opens the window', async () => {
    const { h, calls, log } = host();
    await runTrayAction({ kind: 'refresh' }, h);
    await runTrayAction({ kind: 'signIn' }, h);
    expect(calls).toEqual([
      ['accounts.refresh', { session: 'acme' }],
      ['auth.login', { session: 'acme' }],
    ]);
    const none = host(null);
    await runTrayAction({ kind: 'signIn' }, none.h);
    await runTrayAction({ kind: 'refresh' }, none.h);
    expect(none.calls).toEqual([]);
    expect(none.log).toEqual(['show']);
    expect(log).toEqual(['show']);
  });

  it('checks for updates and restarts to update through the updates channels', async () => {
    const { h, calls, log } = host();
    await runTrayAction({ kind: 'checkUpdates' }, h);
    await runTrayAction({ kind: 'restartToUpdate' }, h);
    expect(calls).toEqual([
      ['updates.check', {}],
      ['updates.restart', {}],
    ]);
    expect(log).toEqual([]);
  });

  it('turns handler errors into envelopes and quits on quit', async () => {
    const { h, log } = host();
    expect(await runTrayAction({ kind: 'signOut', session: 'acme' }, h)).toEqual({
      ok: false,
      error: { code: 'NETWORK', message: 'The sign-in service could not be reached.' },
    });
    await runTrayAction({ kind: 'quit' }, h);
    expect(log).toEqual(['quit']);
  });
});

describe('trayStateFromSnapshot', () => {
  it('maps sessions, accounts with loaded roles, shortcuts and thresholds', () => {
    const state = trayStateFromSnapshot(
      {
        revision: 0,
        platform: 'linux',
        sessions: [
          {
            name: 'acme',
            startUrl: 'https://d-1.awsapps.com/start',
            region: 'us-east-1',
            status: 'signed-in',
            expiresAt: 5,
            kind: 'sso-session',
            profiles: [],
          },
          {
            name: 'beta',
            startUrl: 'https://d-2.awsapps.com/start',
            region: 'us-east-1',
            status: 'signed-out',
            expiresAt: null,
            kind: 'sso-session',
            profiles: [],
          },
        ],
        activeSession: 'acme',
        configFile: '/home/user/.aws/config',
        configIssues: [],
        logsLocation: null,
        settings: {
          thresholdsMinutes: [20],
          clipboardClearSeconds: 60,
          autoRefreshProfiles: false,
          credentialsEndpoint: false,
          launchAtLogin: false,
          theme: 'system',
          paletteShortcut: '',
        },
        favourites: [role],
        recents: [],
        credentials: [],
        paletteShortcut: { accelerator: '', state: 'off' },
        updates: {
          currentVersion: '1.2.0',
          channel: 'latest',
          feedUrl: '',
          installOnQuit: true,
          status: { state: 'ready', version: '1.3.0', postponedUntil: null },
          lastCheckedAt: 1,
        },
      },
      {
        accounts: [
          { accountId: '123456789012', accountName: 'Prod', emailAddress: 'a@b.c' },
          { accountId: '210987654321', accountName: 'Dev', emailAddress: 'a@b.c' },
        ],
        roles: { '123456789012': ['Admin'] },
        fromCache: false,
        loading: false,
        updatedAt: null,
        total: 2,
      },
      1,
    );
    expect(state.sessions).toEqual([
      { name: 'acme', status: 'signed-in', expiresAt: 5 },
      { name: 'beta', status: 'signed-out' },
    ]);
    expect(state.accounts).toEqual([
      { accountId: '123456789012', accountName: 'Prod', roles: ['Admin'] },
      { accountId: '210987654321', accountName: 'Dev' },
    ]);
    expect(state.thresholdsMinutes).toEqual([20]);
    expect(state.updates).toEqual({ state: 'ready', version: '1.3.0', postponedUntil: null });
  });
});
