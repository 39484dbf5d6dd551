import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SignIn } from './SignIn';
import { START_URL, fakeApi } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import type { ReactElement } from 'react';
import type { Api } from '../../shared/ipc-renderer';
import type { AuthEvent } from '../../shared/ipc-contract';
import type { ConfigIssueView, SessionView } from '../../shared/ipc-views';
import { ApiContext } from './api-context';

// rerender needs the provider again.
const wrap = (api: Api, ui: ReactElement) => (
  <ApiContext.Provider value={api}>{ui}</ApiContext.Provider>
);

const signedOut: SessionView = {
  name: 'work',
  startUrl: START_URL,
  region: 'us-east-1',
  status: 'signed-out',
  expiresAt: null,
  kind: 'sso-session',
  profiles: [],
};

function setup(
  sessions: SessionView[] = [],
  overrides: Parameters<typeof fakeApi>[0] = {},
  configIssues: ConfigIssueView[] = [],
) {
  const fake = fakeApi(overrides);
  const view = (auth: AuthEvent | null) => (
    <SignIn
      sessions={sessions}
      activeSession={sessions[0]?.name ?? null}
      auth={auth}
      expiredSession={null}
      configFile="/home/user/.aws/config"
      configIssues={configIssues}
    />
  );
  const r = renderWithApi(fake.api, view(null));
  const push = (auth: AuthEvent) => act(() => r.rerender(wrap(fake.api, view(auth))));
  return { ...fake, ...r, push };
}

describe('sign-in form', () => {
  it('validates the start URL and the region as typed', async () => {
    const { user, retype, calls } = setup();
    const url = screen.getByLabelText('Start URL');
    const region = screen.getByLabelText('Region');
    await user.type(url, 'http://example.com');
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/The start URL is an https address/)).toBeInTheDocument();
    await retype(url, START_URL);
    expect(url).toHaveAttribute('aria-invalid', 'false');
    await retype(region, 'moon-east-1');
    expect(region).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/“moon-east-1” is not an AWS region/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(calls('sessions.add')).toEqual([]);
    await retype(region, 'eu-west-1');
    expect(region).toHaveAttribute('aria-invalid', 'false');
  });

  it('asks for a start URL when submitted empty', async () => {
    const { user, calls } = setup();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter the start URL of your AWS access portal.')).toBeInTheDocument();
    expect(calls('sessions.add')).toEqual([]);
  });

  it('adds a session, signs in with the device flow and shows the code while waiting', async () => {
    const { user, calls, push } = setup();
    await user.type(screen.getByLabelText('Start URL'), START_URL);
    await user.click(screen.getByRole('checkbox', { name: /Sign in with a code/ }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(calls('sessions.add')).toEqual([{ startUrl: START_URL, region: 'us-east-1' }]);
    expect(calls('auth.login')).toEqual([{ session: 'new-session', flow: 'device' }]);
    expect(await screen.findByText('Finish signing in in your browser')).toBeInTheDocument();
    push({
      type: 'prompt',
      session: 'new-session',
      flow: 'device',
      url: 'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH',
      userCode: 'ABCD-EFGH',
    });
    expect(screen.getByLabelText('Code')).toHaveTextContent('ABCD-EFGH');
    await user.click(screen.getByRole('button', { name: 'Open the sign-in page again' }));
    expect(calls('auth.openVerification')).toEqual([{ session: 'new-session' }]);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls('auth.cancel')).toEqual([{ session: 'new-session' }]);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it.each([
    ['AUTH_DENIED', 'The sign-in request was denied in the browser.'],
    ['AUTH_EXPIRED', 'The sign-in request expired before it was approved. Try again.'],
    ['NETWORK', 'AWS could not be reached. Check your network connection and try again.'],
  ] as const)('explains a %s failure in plain words', async (code, text) => {
    const { user, calls, push } = setup([signedOut]);
    expect(screen.getByLabelText('Session')).toHaveValue('work');
    expect(screen.queryByLabelText('Start URL')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(calls('auth.login')).toEqual([{ session: 'work' }]);
    push({ type: 'failure', session: 'work', error: { code, message: 'raw' } });
    expect(screen.getByRole('alert')).toHaveTextContent(text);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('lists what in the config file cannot be used, with reasons and fixes, and still signs in', async () => {
    const issues: ConfigIssueView[] = [
      {
        section: 'sso-session has space',
        line: 4,
        reason: 'has a space in its name, so botocore skips it',
        fix: 'Rename it to [sso-session has-space] (and every line that refers to it).',
      },
      {
        section: 'sso-session x',
        session: 'x',
        line: 9,
        reason: 'no sso_region',
        fix: 'Add sso_region = the region of your IAM Identity Center.',
      },
    ];
    const { user, calls } = setup([signedOut], {}, issues);
    await user.click(screen.getByText(/2 problems in/));
    const list = screen.getByRole('list', { name: 'Problems in /home/user/.aws/config' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getByText('[sso-session has space] · line 4')).toBeInTheDocument();
    expect(within(list).getByText('no sso_region')).toBeInTheDocument();
    expect(within(list).getByText(/Add sso_region/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(calls('auth.login')).toEqual([{ session: 'work' }]);
  });

  it('marks a session made of legacy SSO profiles', () => {
    setup([{ ...signedOut, name: 'd-1', kind: 'legacy', profiles: ['dev', 'prod'] }]);
    expect(
      screen.getByRole('option', { name: /d-1 — .* \(legacy profiles\)/ }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/problems in/)).not.toBeInTheDocument();
  });

  it('offers another start URL next to the configured sessions', async () => {
    const { user } = setup([signedOut]);
    await user.selectOptions(screen.getByLabelText('Session'), 'Another start URL…');
    expect(screen.getByLabelText('Start URL')).toBeInTheDocument();
  });
});
