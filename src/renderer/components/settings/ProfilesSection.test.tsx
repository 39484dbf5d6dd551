import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SettingsView } from '../SettingsView';
import { fakeApi, fakeProfilesPlan, snapshot } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { templateProblem } from '../../../shared/profile-template';
import type { ProfilesPlan } from '../../../shared/profile-settings';

function setup(overrides: Parameters<typeof fakeApi>[0] = {}, state = snapshot()) {
  const fake = fakeApi(overrides, state);
  const r = renderWithApi(
    fake.api,
    <SettingsView snapshot={state} onSignIn={() => undefined} notify={() => undefined} />,
  );
  const section = () => screen.getByRole('region', { name: 'Profiles' });
  return { ...fake, ...r, section };
}

const preview = () => screen.getByRole('status', { name: 'Preview' });
/** The preview follows a pause in typing: wait longer than waitFor's default second. */
const soon = (check: () => void) => waitFor(check, { timeout: 5000 });

describe('settings: a profile for every role', () => {
  it('previews the saved template, checks a new one as typed and previews it', async () => {
    const { user, retype, calls, section } = setup({
      'profiles.settings': async () => ({ template: '{account_id}-{role_name}' }),
    });
    const field = within(section()).getByRole('textbox', { name: 'Profile names' });
    await soon(() => expect(field).toHaveValue('{account_id}-{role_name}'));
    await soon(() => expect(preview()).toHaveTextContent('4 roles, one profile each: 4 to add.'));
    expect(within(preview()).getByRole('list', { name: 'To add' })).toHaveTextContent(
      '111111111111-AdministratorAccess',
    );
    expect(calls('profiles.preview')[0]).toEqual({
      session: 'work',
      template: '{account_id}-{role_name}',
      region: 'us-east-1',
    });

    await retype(field, '{{role}');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/unknown placeholder \{role\}/);
    expect(within(section()).getByRole('button', { name: 'Write all' })).toBeDisabled();

    await retype(field, '{{session}-{{role_name}');
    expect(field).toHaveAttribute('aria-invalid', 'false');
    await soon(() =>
      expect(within(preview()).getByRole('list', { name: 'To add' })).toHaveTextContent(
        'work-AdministratorAccess',
      ),
    );
    // what the rule refuses never goes to main; the last template does
    const sent = calls('profiles.preview').map((p) => (p as { template: string }).template);
    expect(sent.every((t) => templateProblem(t) === null)).toBe(true);
    expect(sent.at(-1)).toBe('{session}-{role_name}');
    // Enter in the field writes nothing
    await user.type(field, '{Enter}');
    expect(calls('profiles.write')).toEqual([]);
  }, 20_000);

  it('Write all writes with the template and region shown and says where', async () => {
    let written = false;
    const { user, calls, section } = setup({
      'profiles.preview': async (p) =>
        written
          ? { ...fakeProfilesPlan(p.session, p.template, p.region), add: { count: 0, first: [] } }
          : fakeProfilesPlan(p.session, p.template, p.region),
      'profiles.write': async (p) => {
        written = true;
        return { ...fakeProfilesPlan(p.session, p.template, p.region), cancelled: false };
      },
    });
    await soon(() => expect(preview()).toHaveTextContent('4 to add'));
    await user.type(within(section()).getByRole('textbox', { name: /Region/ }), 'eu-west-1');
    await user.click(within(section()).getByRole('button', { name: 'Write all' }));
    await soon(() =>
      expect(
        within(section()).getByText('Wrote 4 profiles to /home/user/.aws/config.'),
      ).toBeInTheDocument(),
    );
    expect(calls('profiles.write')).toEqual([
      {
        session: 'work',
        template: '{account_name}.{role_name}',
        region: 'eu-west-1',
        prune: false,
      },
    ]);
  });

  it('Prune asks main, which may be told no: nothing written, said so', async () => {
    const { user, calls, section } = setup({
      'profiles.preview': async (p) => ({
        ...fakeProfilesPlan(p.session, p.template, p.region),
        remove: { count: 2, first: ['old.one', 'old.two'] },
      }),
      'profiles.write': async (p) => ({
        ...fakeProfilesPlan(p.session, p.template, p.region),
        remove: { count: 2, first: ['old.one', 'old.two'] },
        cancelled: true,
      }),
    });
    await soon(() =>
      expect(within(preview()).getByRole('list', { name: 'Prune would remove' })).toHaveTextContent(
        'old.two',
      ),
    );
    await user.click(within(section()).getByRole('button', { name: /Prune/ }));
    await soon(() =>
      expect(within(section()).getByText(/removing the profiles was not confirmed/)).toBeVisible(),
    );
    expect(calls('profiles.write')).toEqual([
      {
        session: 'work',
        template: '{account_name}.{role_name}',
        region: 'us-east-1',
        prune: true,
      },
    ]);
  });

  it('shows how far the listing got while main lists, then the preview', async () => {
    let answer: ((p: ProfilesPlan) => void) | undefined;
    const { emit } = setup({
      'profiles.preview': (p) =>
        new Promise<ProfilesPlan>((resolve) => {
          answer = () => resolve(fakeProfilesPlan(p.session, p.template, p.region));
        }),
    });
    await soon(() => expect(answer).toBeDefined());
    act(() =>
      emit('accounts', {
        session: 'work',
        roles: {},
        progress: { rolesLoaded: 1, accounts: 3 },
        loading: true,
      }),
    );
    expect(preview()).toHaveTextContent('roles of 1 of 3 accounts');
    expect(preview()).toHaveAttribute('aria-busy', 'true');
    act(() =>
      emit('accounts', {
        session: 'work',
        roles: {},
        progress: { rolesLoaded: 3, accounts: 3 },
        loading: false,
      }),
    );
    act(() => answer?.(fakeProfilesPlan('work')));
    await soon(() => expect(preview()).toHaveTextContent('4 to add'));
    expect(preview()).not.toHaveTextContent('accounts…');
  });

  it('shows a failed write through the error alert', async () => {
    const { user, section } = setup({
      'profiles.write': async () => {
        throw Object.assign(new Error('refused'), {
          code: 'FILE',
          message: '/home/user/.aws/config could not be read.',
        });
      },
    });
    await soon(() => expect(preview()).toHaveTextContent('4 to add'));
    await user.click(within(section()).getByRole('button', { name: 'Write all' }));
    expect(await within(section()).findByRole('alert')).toHaveTextContent(
      '/home/user/.aws/config could not be read.',
    );
  });

  it('asks to sign in first, and offers only sso-session sessions', async () => {
    const base = snapshot();
    const state = snapshot({
      sessions: [
        { ...base.sessions[0]!, status: 'signed-out', expiresAt: null },
        {
          ...base.sessions[0]!,
          name: 'old-profiles',
          kind: 'legacy',
          profiles: ['legacy'],
        },
      ],
    });
    const { calls, section } = setup({}, state);
    const select = within(section()).getByRole('combobox', { name: 'Session' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['work']);
    await soon(() => expect(preview()).toHaveTextContent('Sign in to work'));
    expect(within(section()).getByRole('button', { name: 'Write all' })).toBeDisabled();
    expect(within(section()).getByRole('button', { name: /Prune/ })).toBeDisabled();
    expect(calls('profiles.preview')).toEqual([]);
  });
});
