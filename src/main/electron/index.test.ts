// The entry file itself: importing it runs the main process at once (registering app:// before
// `ready`). With another instance holding the lock it quits without starting anything.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake } = await import('./testing/electron-mock');

describe('src/main/electron/index.ts', () => {
  it('runs the main process on import', async () => {
    fake.reset();
    fake.app.singleInstanceLock = false;
    await import('./index');
    expect(fake.log).toEqual([
      'protocol.registerSchemesAsPrivileged',
      'app.requestSingleInstanceLock',
      'app.quit',
    ]);
    expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
  });
});
