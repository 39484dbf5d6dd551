import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SettingsView } from '../SettingsView';
import { fakeApi, snapshot } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';

function setup(overrides: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi(overrides);
  const notify = vi.fn();
  const r = renderWithApi(
    fake.api,
    <SettingsView snapshot={snapshot()} onSignIn={() => undefined} notify={notify} />,
  );
  return { ...fake, ...r, notify };
}

describe('settings: a session\u2019s console settings', () => {
  it('switches the session to the direct sign-in in Firefox with a container', async () => {
    const { user, calls, notify } = setup();
    await user.click(screen.getByRole('button', { name: 'Console settings for work' }));
    const form = await screen.findByRole('form', { name: 'Console settings for work' });
    expect(calls('console.getSettings')).toEqual([{ session: 'work' }]);
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: /Access portal link/ })).toBeChecked(),
    );
    await user.click(screen.getByRole('radio', { name: /Direct sign-in/ }));
    await user.type(screen.getByRole('textbox', { name: /Console page/ }), '/ec2/home');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Browser' }), 'firefox');
    await user.type(screen.getByRole('textbox', { name: /Container/ }), 'Work');
    await user.click(
      within(screen.getByRole('form', { name: 'Console settings for work' })).getByRole('button', {
        name: 'Save',
      }),
    );
    expect(calls('console.setSettings')).toEqual([
      {
        session: 'work',
        settings: {
          way: 'direct',
          destination: '/ec2/home',
          browser: { browser: 'firefox', container: 'Work' },
        },
      },
    ]);
    expect(form).not.toBeInTheDocument();
    expect(notify).toHaveBeenCalledWith({
      level: 'success',
      message: 'Console settings saved for work.',
    });
  }, 20_000);

  it('says what is wrong before sending, and shows what main refuses', async () => {
    const { user, calls } = setup({
      'console.setSettings': async () => {
        throw Object.assign(new Error('x'), {
          code: 'INVALID_INPUT',
          message: 'The console page must be on console.aws.amazon.com for the region us-east-1.',
        });
      },
    });
    await user.click(screen.getByRole('button', { name: 'Console settings for work' }));
    await screen.findByRole('form', { name: 'Console settings for work' });
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: /Direct sign-in/ })).toBeEnabled(),
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Browser' }), 'chrome');
    await user.type(screen.getByRole('textbox', { name: /Profile folder/ }), '--incognito');
    await user.click(
      within(screen.getByRole('form', { name: 'Console settings for work' })).getByRole('button', {
        name: 'Save',
      }),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('cannot start with "-"');
    expect(calls('console.setSettings')).toEqual([]);

    await user.clear(screen.getByRole('textbox', { name: /Profile folder/ }));
    await user.click(screen.getByRole('radio', { name: /Direct sign-in/ }));
    await user.type(
      screen.getByRole('textbox', { name: /Console page/ }),
      'https://evil.example.com/',
    );
    await user.click(
      within(screen.getByRole('form', { name: 'Console settings for work' })).getByRole('button', {
        name: 'Save',
      }),
    );
    expect(calls('console.setSettings')).toHaveLength(1);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /must be on console\.aws\.amazon\.com/,
    );
  }, 20_000);
});
