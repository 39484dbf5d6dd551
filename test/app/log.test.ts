// The app core's log: every refused request and every failure it handles is written there, with
// the channel and a description of the error, never a secret; an error the app does not
// recognise tells the user where that log is.
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../src/main/core/app';
import { createLogger, MemoryLogSink } from '../../src/main/core/log/logger';
import { MemorySettingsStore } from '../../src/main/core/settings/store';
import { dispatchInvoke } from '../../src/main/core/ipc/dispatch';
import { ControllableClock } from '../../tools/web-host/clock';
import { RecordingBrowser, RecordingNotifier } from '../../tools/web-host/recorders';
import { emulatorSandbox, type Sandbox } from '../support/emulator';
import { SESSION } from '../support/sandbox-home';

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe('the app core log', () => {
  it('records refusals and failures by channel; unknown errors say where the log is', async () => {
    box = await emulatorSandbox({ accounts: 1 });
    const sink = new MemoryLogSink();
    const clock = new ControllableClock();
    let opened = 0;
    const broken = new Error(`clipboard daemon died holding ${'x'.repeat(10)}AKIAIOSFODNN7EXAMPLE`);
    const core = createAppCore({
      env: box.env,
      dataDir: box.dataDir,
      settings: new MemorySettingsStore(),
      clipboard: {
        writeText: async () => {
          throw broken;
        },
        readText: async () => '',
      },
      notifier: new RecordingNotifier(() => clock.now()),
      browser: new RecordingBrowser(),
      clock,
      platform: 'linux',
      allowLoopbackHttp: true,
      logger: createLogger(sink, { level: 'debug' }),
      logsLocation: '/home/me/.config/SSO Tray/logs',
      openLogsFolder: async () => {
        opened += 1;
        return true;
      },
    });
    try {
      // signed in with the device flow, approving the code as a person would
      const signedIn = new Promise<void>((resolve) => {
        core.subscribe((name, payload) => {
          const e = payload as { type?: string; userCode?: string };
          if (name !== 'auth') return;
          if (e.type === 'prompt' && e.userCode !== undefined) box?.emulator.approve(e.userCode);
          if (e.type === 'success') resolve();
        });
      });
      await core.handlers['auth.login']({ session: SESSION, flow: 'device' });
      await signedIn;
      const account = box.emulator.organisation.accounts[0]!;
      const role = { session: SESSION, accountId: account.accountId, roleName: account.roles[0]! };
      const o = core.dispatchOptions;

      const refused = await dispatchInvoke(
        core.handlers,
        'credentials.copy',
        { ...role, what: 'x' },
        o,
      );
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      await dispatchInvoke(core.handlers, 'no.such.channel', {}, o);

      const unexpected = await dispatchInvoke(
        core.handlers,
        'credentials.copy',
        { ...role, what: 'env-macos' },
        o,
      );
      expect(unexpected).toEqual({
        ok: false,
        error: {
          code: 'AWS',
          message:
            'Something went wrong. The details are in the log: /home/me/.config/SSO Tray/logs',
        },
      });
      const denied = await dispatchInvoke(
        core.handlers,
        'credentials.get',
        { ...role, accountId: '000000000000' },
        o,
      );
      expect(denied).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
      expect(await dispatchInvoke(core.handlers, 'logs.openFolder', {}, o)).toEqual({
        ok: true,
        value: null,
      });
      expect(opened).toBe(1);
      expect(core.state().logsLocation).toBe('/home/me/.config/SSO Tray/logs');

      const lines = sink.entries.map(
        (e) => `${e.level} [${e.scope}] ${e.message} ${JSON.stringify(e.fields)}`,
      );
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^warn \[ipc\] request refused .*"channel":"credentials.copy"/),
          expect.stringMatching(/^warn \[ipc\] request refused .*"reason":"unknown channel"/),
          expect.stringMatching(
            /^error \[ipc\] request failed unexpectedly .*"channel":"credentials.copy".*clipboard daemon died/,
          ),
          expect.stringMatching(
            /^warn \[ipc\] request failed .*"channel":"credentials.get".*ACCESS_DENIED/,
          ),
          expect.stringMatching(/^warn \[sso\] a portal call failed /),
        ]),
      );
      expect(sink.text()).not.toContain('AKIAIOSFODNN7EXAMPLE');
    } finally {
      await core.dispose();
    }
  });
});
