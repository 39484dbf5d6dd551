// The app's credentials endpoint: off by default, started and stopped by the setting, one token
// per app run shown only in what is copied, credentials from the app's own cache, and what the
// window and the tray ask for through the IPC handlers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRunningEndpoint } from '../../src/main/core/endpoint';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import { emulatorSandbox, type Sandbox } from '../support/emulator';
import { SESSION } from '../support/sandbox-home';
import { findMenuItem } from '../../src/main/core/tray';
import { app, eventually, signIn, type TestApp } from './helpers';

describe('the app credentials endpoint', () => {
  let box: Sandbox;
  let t: TestApp;
  let role: { session: string; accountId: string; roleName: string };

  beforeAll(async () => {
    box = await emulatorSandbox({ accounts: 2, rolesPerAccount: 1 });
    t = app(box);
    await t.core.ready;
    await signIn(box, t);
    const account = box.emulator.organisation.accounts[0];
    role = {
      session: SESSION,
      accountId: account?.accountId ?? '',
      roleName: account?.roles[0] ?? '',
    };
  });
  afterAll(async () => {
    await t.core.dispose();
    await box.close();
  });

  it('is off by default: no lines, nothing to copy, nothing listening', async () => {
    expect(t.core.state().settings.credentialsEndpoint).toBe(false);
    expect(await t.core.handlers['endpoint.lines']({ ...role, shell: 'macos' })).toEqual({
      url: null,
      preview: null,
    });
    const copy = await dispatchInvoke(t.core.handlers, 'endpoint.copy', {
      ...role,
      shell: 'macos',
    });
    expect(copy).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await findRunningEndpoint(box.env)).toBeUndefined();
  });

  it('serves the role once turned on; the token is only in the copied lines', async () => {
    await t.core.handlers['settings.update']({ patch: { credentialsEndpoint: true } });
    expect(t.core.state().settings.credentialsEndpoint).toBe(true);
    const lines = await t.core.handlers['endpoint.lines']({ ...role, shell: 'powershell' });
    const running = await findRunningEndpoint(box.env);
    expect(running?.by).toBe('app');
    expect(lines.url).toBe(
      `http://127.0.0.1:${running?.port}/role/${SESSION}/${role.accountId}/${role.roleName}`,
    );
    expect(lines.preview).toContain(`$Env:AWS_CONTAINER_CREDENTIALS_FULL_URI="${lines.url}"`);
    expect(lines.preview).not.toContain(running?.token);

    await t.core.handlers['endpoint.copy']({ ...role, shell: 'powershell' });
    expect(t.clipboard.text).toBe(
      `$Env:AWS_CONTAINER_CREDENTIALS_FULL_URI="${lines.url}"\n` +
        `$Env:AWS_CONTAINER_AUTHORIZATION_TOKEN="${running?.token}"\n`,
    );

    const res = await fetch(lines.url ?? '', { headers: { Authorization: running?.token ?? '' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { AccessKeyId: string };
    // the app's own cache: the dialog's credentials are the ones served
    const shown = await t.core.handlers['credentials.get'](role);
    expect(body.AccessKeyId).toBe(shown.accessKeyId);
  });

  it('keeps its token when turned off and on in one run, and stops listening while off', async () => {
    const before = await findRunningEndpoint(box.env);
    await t.core.handlers['settings.update']({ patch: { credentialsEndpoint: false } });
    expect(await findRunningEndpoint(box.env)).toBeUndefined();
    await expect(fetch(`http://127.0.0.1:${before?.port}/`)).rejects.toThrow();
    await t.core.handlers['settings.update']({ patch: { credentialsEndpoint: true } });
    const after = await findRunningEndpoint(box.env);
    expect(after?.token).toBe(before?.token);
  });

  it('the tray offers the lines for the own shell and copies them', async () => {
    await t.core.handlers['accounts.list']({ session: SESSION });
    const id = `accounts/${SESSION}/${role.accountId}/${role.roleName}/copy-endpoint`;
    await eventually(
      () => findMenuItem(t.core.tray.model(), { id }),
      (item) => item !== undefined,
    );
    t.clipboard.text = '';
    expect(await t.core.tray.click(id)).toMatchObject({ ok: true });
    const running = await findRunningEndpoint(box.env);
    expect(t.clipboard.text).toContain(
      `export AWS_CONTAINER_AUTHORIZATION_TOKEN="${running?.token}"`,
    );
  });

  it('stops and removes its state file when the app quits', async () => {
    await t.core.dispose();
    expect(await findRunningEndpoint(box.env)).toBeUndefined();
  });
});
