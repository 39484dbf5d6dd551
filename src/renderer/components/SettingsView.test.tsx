import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SettingsView, parseThresholds } from './SettingsView';
import { START_URL, fakeApi, snapshot } from '../test/fake-api';
import { renderWithApi } from '../test/render';

function setup() {
  const fake = fakeApi();
  const state = snapshot({
    sessions: [
      { ...snapshot().sessions[0]! },
      {
        name: 'old',
        startUrl: START_URL,
        region: 'eu-west-1',
        status: 'expired',
        expiresAt: null,
        kind: 'sso-session',
        profiles: [],
      },
    ],
  });
  const r = renderWithApi(
    fake.api,
    <SettingsView snapshot={state} onSignIn={() => undefined} notify={() => undefined} />,
  );
  return { ...fake, ...r };
}

describe('settings: sessions from the config file', () => {
  it('offers an [sso-session] for a legacy session and lists the config file problems', async () => {
    const fake = fakeApi();
    const state = snapshot({
      sessions: [
        {
          name: 'd-1234567890',
          startUrl: START_URL,
          region: 'us-east-1',
          status: 'signed-out',
          expiresAt: null,
          kind: 'legacy',
          profiles: ['dev', 'prod'],
        },
      ],
      activeSession: 'd-1234567890',
      configIssues: [
        {
          section: null,
          line: 3,
          reason: 'neither a [section] header nor a key = value line',
          fix: 'Fix or remove line 3.',
        },
      ],
    });
    const notices: string[] = [];
    const { user } = renderWithApi(
      fake.api,
      <SettingsView
        snapshot={state}
        onSignIn={() => undefined}
        notify={(n) => notices.push(n.message)}
      />,
    );
    expect(screen.getByText(/legacy profiles: dev, prod/)).toBeInTheDocument();
    expect(screen.getByText(/1 problem in/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add an sso-session for d-1234567890' }));
    expect(fake.calls('sessions.adoptLegacy')).toEqual([{ session: 'd-1234567890' }]);
    await vi.waitFor(() =>
      expect(notices).toEqual([expect.stringMatching(/legacy profiles are unchanged/)]),
    );
  });
});

describe('settings: the log', () => {
  it('says where the log is and opens its folder', async () => {
    const fake = fakeApi();
    const state = snapshot({ logsLocation: '/home/me/.config/SSO Tray/logs' });
    const { user } = renderWithApi(
      fake.api,
      <SettingsView snapshot={state} onSignIn={() => undefined} notify={() => undefined} />,
    );
    expect(screen.getByText('/home/me/.config/SSO Tray/logs')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open logs folder' }));
    expect(fake.calls('logs.openFolder')).toEqual([{}]);
  });

  it('has no log section where the host keeps no log', () => {
    renderWithApi(
      fakeApi().api,
      <SettingsView snapshot={snapshot()} onSignIn={() => undefined} notify={() => undefined} />,
    );
    expect(screen.queryByRole('button', { name: 'Open logs folder' })).not.toBeInTheDocument();
  });
});

describe('settings', () => {
  it('parses thresholds', () => {
    expect(parseThresholds('5, 15')).toEqual({ ok: true, value: [15, 5] });
    expect(parseThresholds('')).toEqual({ ok: true, value: [] });
    expect(parseThresholds('10, x').ok).toBe(false);
    expect(parseThresholds('0').ok).toBe(false);
    expect(parseThresholds('1 2 3 4 5 6').ok).toBe(false);
  });

  it('shows the current values, validates inline and saves a patch', async () => {
    const { user, retype, calls } = setup();
    const thresholds = screen.getByLabelText('Warn before credentials expire (minutes)');
    const clipboard = screen.getByLabelText(/Clear copied credentials/);
    expect(thresholds).toHaveValue('15, 5');
    expect(clipboard).toHaveValue('60');
    await retype(thresholds, '30, abc');
    expect(thresholds).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/“abc” is not a number of minutes/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    await retype(thresholds, '5, 30');
    await retype(clipboard, '0');
    await user.click(screen.getByRole('checkbox', { name: /Keep written profiles refreshed/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Launch at login' }));
    const endpoint = screen.getByRole('checkbox', { name: 'Serve credentials to local processes' });
    expect(endpoint).not.toBeChecked();
    await user.click(endpoint);
    await user.selectOptions(screen.getByLabelText('Appearance'), 'dark');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(calls('settings.update')).toEqual([
      {
        patch: {
          thresholdsMinutes: [30, 5],
          clipboardClearSeconds: 0,
          autoRefreshProfiles: true,
          launchAtLogin: true,
          credentialsEndpoint: true,
          theme: 'dark',
        },
      },
    ]);
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(thresholds).toHaveValue('30, 5');
  });

  it('lists sessions with sign out, sign in and remove', async () => {
    const { user, calls } = setup();
    const sessions = screen.getByRole('region', { name: 'Sessions' });
    const rows = within(sessions).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('sign-in expired');
    await user.click(within(rows[0]!).getByRole('button', { name: 'Sign out' }));
    expect(calls('auth.logout')).toEqual([{ session: 'work' }]);
    await user.click(within(rows[1]!).getByRole('button', { name: 'Sign in' }));
    expect(calls('auth.login')).toEqual([{ session: 'old' }]);
    await user.click(within(rows[1]!).getByRole('button', { name: 'Remove old' }));
    expect(calls('sessions.remove')).toEqual([{ session: 'old' }]);
  });

  it('adds a session after validating it', async () => {
    const { user, calls } = setup();
    await user.click(screen.getByRole('button', { name: 'Add a session…' }));
    const form = screen.getByRole('form', { name: 'Add a session' });
    await user.click(within(form).getByRole('button', { name: 'Add session' }));
    expect(
      within(form).getByText('Enter the start URL of your AWS access portal.'),
    ).toBeInTheDocument();
    expect(calls('sessions.add')).toEqual([]);
    await user.type(within(form).getByLabelText('Start URL'), 'https://corp.awsapps.com/start');
    await user.type(within(form).getByLabelText('Name (optional)'), 'corp');
    await user.click(within(form).getByRole('button', { name: 'Add session' }));
    expect(calls('sessions.add')).toEqual([
      { startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', name: 'corp' },
    ]);
  });
});

// Typing into fields of the whole Settings screen is slow in jsdom on a loaded machine.
describe('settings: the quick pick shortcut', { timeout: 20_000 }, () => {
  function render(state = snapshot()) {
    const fake = fakeApi();
    const r = renderWithApi(
      fake.api,
      <SettingsView snapshot={state} onSignIn={() => undefined} notify={() => undefined} />,
    );
    return { ...fake, ...r };
  }
  const field = () => screen.getByLabelText('Shortcut that opens the quick pick');

  it('shows the shortcut and that it works; a bad one is explained and cannot be saved', async () => {
    const { user, retype, calls } = render();
    expect(field()).toHaveValue('CommandOrControl+Alt+Shift+Space');
    expect(field()).toHaveAccessibleDescription(
      /CommandOrControl\+Alt\+Shift\+Space opens the quick pick from anywhere/,
    );
    await retype(field(), 'Shift+A');
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    expect(field()).toHaveAccessibleDescription(/Add Control, Alt, Command or Super/);
    expect(screen.getByRole('button', { name: 'Save shortcut' })).toBeDisabled();
    await retype(field(), 'ctrl+alt+k');
    await user.click(screen.getByRole('button', { name: 'Save shortcut' }));
    expect(calls('settings.update')).toEqual([{ patch: { paletteShortcut: 'Control+Alt+K' } }]);
    await vi.waitFor(() => expect(field()).toHaveValue('Control+Alt+K'));
  });

  it('an empty field turns it off', async () => {
    const { user, calls } = render();
    await user.clear(field());
    await user.click(screen.getByRole('button', { name: 'Save shortcut' }));
    expect(calls('settings.update')).toEqual([{ patch: { paletteShortcut: '' } }]);
  });

  it('says why a refused shortcut is off, and offers the default back', async () => {
    const { user, calls } = render(
      snapshot({
        settings: { ...snapshot().settings, paletteShortcut: 'Control+Alt+K' },
        paletteShortcut: {
          accelerator: 'Control+Alt+K',
          state: 'failed',
          message:
            'The quick pick shortcut Control+Alt+K could not be registered: another app or the system may be using it. Choose another one in Settings.',
        },
      }),
    );
    const status = screen.getAllByRole('status').find((s) => s.dataset.state === 'failed');
    expect(status).toHaveTextContent(/Control\+Alt\+K could not be registered/);
    await user.click(screen.getByRole('button', { name: 'Use the default' }));
    expect(calls('settings.update')).toEqual([
      { patch: { paletteShortcut: 'CommandOrControl+Alt+Shift+Space' } },
    ]);
  });
});
