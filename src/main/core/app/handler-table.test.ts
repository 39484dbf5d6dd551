import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../ipc/dispatch';
import { MemorySettingsStore } from '../settings/store';
import { ControllableClock } from '../../../../tools/web-host/clock';
import {
  RecordingBrowser,
  RecordingClipboard,
  RecordingNotifier,
} from '../../../../tools/web-host/recorders';
import { joinHandlers } from './handler-table';
import { createAppCore } from './index';

describe('the handler table', () => {
  const homes: string[] = [];
  afterEach(() => {
    for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
  });

  it('joins the services’ slices into one handler per channel of the contract', async () => {
    const home = mkdtempSync(join(tmpdir(), 'handler-table-'));
    homes.push(home);
    const clock = new ControllableClock();
    const core = createAppCore({
      env: { HOME: home, AWS_CONFIG_FILE: join(home, 'config') },
      dataDir: join(home, 'data'),
      settings: new MemorySettingsStore(),
      clipboard: new RecordingClipboard(),
      notifier: new RecordingNotifier(() => clock.now()),
      browser: new RecordingBrowser(),
      clock,
      platform: 'linux',
    });
    await core.ready;
    expect(Object.keys(core.handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
    for (const channel of INVOKE_CHANNELS) expect(typeof core.handlers[channel]).toBe('function');
    // A joined table answers through the slice that owns the channel.
    await expect(core.handlers['state.get']({})).resolves.toMatchObject({ sessions: [] });
    await core.dispose();
  });

  it('refuses two slices that implement the same channel', () => {
    const a = { 'window.hide': async () => undefined };
    const b = { 'window.hide': async () => undefined };
    expect(() => joinHandlers(a, b)).toThrow('Two services implement the channel window.hide.');
    const joined = joinHandlers(a, { 'logs.openFolder': async () => undefined });
    expect(Object.keys(joined).sort()).toEqual(['logs.openFolder', 'window.hide']);
  });
});
