import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { UpdatesView } from '../../../shared/updates';
import { fakeApi, snapshot } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { UpdatesSection } from './UpdatesSection';

function setup(updates: Partial<UpdatesView> = {}) {
  const state = snapshot();
  const s = snapshot({ updates: { ...state.updates, ...updates } });
  const fake = fakeApi({}, s);
  const r = renderWithApi(fake.api, <UpdatesSection snapshot={s} />);
  const section = screen.getByRole('region', { name: 'Updates' });
  return { ...fake, ...r, section };
}

describe('Settings → Updates', () => {
  it('off: says why, and "Check for updates" cannot be pressed', () => {
    const { section } = setup();
    expect(within(section).getAllByRole('status')[0]).toHaveTextContent(
      'Updates are off in development builds.',
    );
    const check = within(section).getByRole('button', { name: 'Check for updates' });
    expect(check).toHaveAccessibleDescription('Updates are off in development builds.');
    expect(within(section).getByRole('button', { name: 'Check for updates' })).toBeDisabled();
  });

  it('on: "Check for updates" asks main, and the status is announced', async () => {
    const { section, user, calls } = setup({ status: { state: 'up-to-date' } });
    const status = within(section).getAllByRole('status')[0]!;
    expect(status).toHaveTextContent('SSO Tray is up to date.');
    await user.click(within(section).getByRole('button', { name: 'Check for updates' }));
    expect(calls('updates.check')).toEqual([{}]);
  });

  it('ready: "Restart to update" and "Later" by keyboard, each its own channel', async () => {
    const { section, user, calls } = setup({
      status: { state: 'ready', version: '1.3.0', postponedUntil: null },
    });
    expect(within(section).getAllByRole('status')[0]).toHaveTextContent(
      'Version 1.3.0 is ready: restart SSO Tray to update.',
    );
    expect(within(section).queryByRole('button', { name: 'Check for updates' })).toBeNull();
    const later = within(section).getByRole('button', { name: 'Later' });
    expect(later).toHaveAccessibleDescription('Later: you are not asked again until tomorrow.');
    later.focus();
    await user.keyboard('{Enter}');
    expect(calls('updates.postpone')).toEqual([{ hours: 24 }]);
    expect(calls('updates.restart')).toEqual([]);
    within(section).getByRole('button', { name: 'Restart to update 1.3.0' }).focus();
    await user.keyboard(' ');
    expect(calls('updates.restart')).toEqual([{}]);
  });

  it('postponed: says until when, offers only the restart', () => {
    const { section } = setup({
      status: { state: 'ready', version: '1.3.0', postponedUntil: Date.UTC(2030, 0, 2, 9) },
    });
    expect(within(section).getAllByRole('status')[0]).toHaveTextContent('You chose later');
    expect(within(section).queryByRole('button', { name: 'Later' })).toBeNull();
    expect(within(section).getByRole('button', { name: 'Restart to update 1.3.0' })).toBeEnabled();
  });

  it('the feed URL is checked as typed: plain http cannot be saved; https and beta are', async () => {
    const { section, user, retype, calls } = setup({ status: { state: 'up-to-date' } });
    const feed = within(section).getByLabelText('Update server (optional)');
    const save = within(section).getByRole('button', { name: 'Save update settings' });
    await user.type(feed, 'http://updates.example.com/');
    expect(feed).toHaveAttribute('aria-invalid', 'true');
    expect(feed).toHaveAccessibleDescription(/does not start with https:\/\//);
    expect(save).toBeDisabled();
    await retype(feed, 'https://updates.example.com/sso-tray/');
    expect(feed).toHaveAttribute('aria-invalid', 'false');
    await user.selectOptions(
      within(section).getByLabelText('Updates to take'),
      'Beta (releases and prereleases)',
    );
    await user.click(
      within(section).getByRole('checkbox', {
        name: 'Install a downloaded update when SSO Tray quits',
      }),
    );
    await user.click(save);
    expect(calls('updates.setOptions')).toEqual([
      {
        options: {
          channel: 'beta',
          feedUrl: 'https://updates.example.com/sso-tray/',
          installOnQuit: false,
        },
      },
    ]);
    expect(await within(section).findByText('Saved')).toBeInTheDocument();
  });

  it('a refusal from main is shown as an alert', async () => {
    const s = snapshot();
    const ready = {
      ...s.updates,
      status: { state: 'ready' as const, version: '1.3.0', postponedUntil: null },
    };
    const state = snapshot({ updates: ready });
    const fake = fakeApi(
      {
        'updates.restart': async () => {
          throw Object.assign(new Error('No update is ready to install yet.'), {
            code: 'INVALID_INPUT',
          });
        },
      },
      state,
    );
    const { user } = renderWithApi(fake.api, <UpdatesSection snapshot={state} />);
    await user.click(screen.getByRole('button', { name: 'Restart to update 1.3.0' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No update is ready to install yet.',
    );
  });
});
