// Start URLs outside AWS (a company's own domain): the window can ask to add one, but only main's
// confirmation (ConfirmPort) lets it into the config file or lets its pages open in the browser;
// asked once per host, remembered in settings. AWS portal hosts of every partition never ask.
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import { MemorySettingsStore } from '../../src/main/core/settings/store';
import { ScriptedConfirm, app, type TestApp } from './helpers';
import { emulatorSandbox, type Sandbox } from '../support/emulator';
import { SESSION } from '../support/sandbox-home';

describe('start URLs outside AWS', () => {
  let box: Sandbox;
  let t: TestApp | undefined;
  beforeEach(async () => {
    box = await emulatorSandbox({ accounts: 2 });
  });
  afterEach(async () => {
    await t?.core.dispose();
    t = undefined;
    await box.close();
  });
  const config = () => readFile(box.env.AWS_CONFIG_FILE!, 'utf8');
  const add = (core: TestApp['core'], name: string, startUrl: string) =>
    dispatchInvoke(core.handlers, 'sessions.add', { name, startUrl, region: 'eu-west-1' });

  it('asks main before adding one; a no leaves the file and settings untouched', async () => {
    const confirm = new ScriptedConfirm([false]);
    t = app(box, new MemorySettingsStore(), confirm);
    const before = await config();
    const refused = await add(t.core, 'corp', 'https://sso.example.com/start');
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED', message: expect.stringContaining('sso.example.com') },
    });
    expect(confirm.asked).toHaveLength(1);
    expect(confirm.asked[0]).toMatchObject({
      title: 'Sign-in portal outside AWS',
      message: 'Add a session whose start URL is on sso.example.com?',
      confirmLabel: 'Add session',
    });
    expect(confirm.asked[0]?.detail).toContain('sso.example.com is not an address of the AWS');
    expect(await config()).toBe(before);
    expect(t.settings.get().trustedStartUrlHosts).toEqual([]);
    expect((await t.core.handlers['state.get']({})).sessions.map((s) => s.name)).toEqual([SESSION]);
  });

  it('adds it after a yes, remembers the host and never asks for it again', async () => {
    const confirm = new ScriptedConfirm([true]);
    t = app(box, new MemorySettingsStore(), confirm);
    expect(await add(t.core, 'corp', 'https://SSO.example.com./start')).toMatchObject({
      ok: true,
      value: { name: 'corp' },
    });
    expect(await config()).toContain(
      '[sso-session corp]\nsso_start_url = https://SSO.example.com./start\n',
    );
    expect(t.settings.get().trustedStartUrlHosts).toEqual(['sso.example.com']);
    // same host, another session: no second question (the script has no answer left: a no)
    expect(await add(t.core, 'corp2', 'https://sso.example.com/other')).toMatchObject({ ok: true });
    expect(confirm.asked).toHaveLength(1);
    // and its console link opens without a question
    await t.core.handlers['console.open']({
      session: 'corp',
      accountId: '123456789012',
      roleName: 'Admin',
    });
    expect(t.browser.opened).toEqual([
      'https://SSO.example.com./start/#/console?account_id=123456789012&role_name=Admin',
    ]);
    expect(confirm.asked).toHaveLength(1);
  });

  it('never asks for AWS portal hosts of any partition', async () => {
    const confirm = new ScriptedConfirm();
    t = app(box, new MemorySettingsStore(), confirm);
    const urls = [
      'https://d-2222222222.awsapps.com/start',
      'https://ssoins-7223753b6943f944.portal.us-east-1.app.aws/start',
      'https://start.cn-north-1.home.awsapps.cn/directory/d-2222222222',
      'https://start.us-gov-home.awsapps.com/directory/d-2222222222',
      'https://ssoins-7223753b6943f944.eusc-de-east-1.portal.amazonaws.eu',
    ];
    for (const [i, url] of urls.entries()) {
      expect(await add(t.core, `aws${i}`, url), url).toMatchObject({ ok: true });
    }
    expect(confirm.asked).toEqual([]);
    expect(t.settings.get().trustedStartUrlHosts).toEqual([]);
  });

  it('without a way to ask, refuses the outside host', async () => {
    t = app(box);
    const before = await config();
    expect(await add(t.core, 'corp', 'https://sso.example.com/start')).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    });
    expect(await config()).toBe(before);
  });

  it('reports a name clash before asking anything', async () => {
    const confirm = new ScriptedConfirm([true]);
    t = app(box, new MemorySettingsStore(), confirm);
    expect(await add(t.core, SESSION, 'https://sso.example.com/start')).toMatchObject({
      ok: false,
      error: { code: 'CONFIG' },
    });
    expect(confirm.asked).toEqual([]);
  });

  it('an outside host already in the config file opens only after main asked once', async () => {
    await writeFile(
      box.env.AWS_CONFIG_FILE!,
      `${await config()}\n[sso-session corp]\nsso_start_url = https://portal.example.org/start\n` +
        'sso_region = us-east-1\n',
    );
    const target = { session: 'corp', accountId: '123456789012', roleName: 'Admin' };
    const confirm = new ScriptedConfirm([false, true]);
    const settings = new MemorySettingsStore();
    settings.update({ sessions: [SESSION, 'corp'] });
    t = app(box, settings, confirm);
    await t.core.ready;
    // no: nothing reaches the browser
    const no = await dispatchInvoke(t.core.handlers, 'console.open', target);
    expect(no).toMatchObject({ ok: false });
    expect(t.browser.opened).toEqual([]);
    expect(confirm.asked.map((q) => q.message)).toEqual([
      'Open a page on portal.example.org in your browser?',
    ]);
    expect(confirm.asked[0]?.confirmLabel).toBe('Open page');
    // yes: opened, remembered
    expect(await dispatchInvoke(t.core.handlers, 'console.open', target)).toMatchObject({
      ok: true,
    });
    expect(t.browser.opened).toEqual([
      'https://portal.example.org/start/#/console?account_id=123456789012&role_name=Admin',
    ]);
    expect(t.settings.get().trustedStartUrlHosts).toEqual(['portal.example.org']);
    // from now on without a question
    expect(await dispatchInvoke(t.core.handlers, 'console.open', target)).toMatchObject({
      ok: true,
    });
    expect(t.browser.opened).toHaveLength(2);
    expect(confirm.asked).toHaveLength(2);
  });
});
