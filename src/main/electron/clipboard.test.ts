// The clipboard adapter against the electron mock: writes go to Electron's clipboard, and on quit
// the value is cleared only if the clipboard still holds what the app put there.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake } = await import('./testing/electron-mock');
const { electronClipboard } = await import('./clipboard');

describe('electronClipboard', () => {
  beforeEach(() => fake.reset());

  it('writes and reads the system clipboard; dispose clears our value', async () => {
    const clipboard = electronClipboard();
    await clipboard.port.writeText('export AWS_SECRET_ACCESS_KEY=x');
    expect(fake.clipboard.text).toBe('export AWS_SECRET_ACCESS_KEY=x');
    expect(await clipboard.port.readText()).toBe('export AWS_SECRET_ACCESS_KEY=x');
    await clipboard.dispose();
    expect(fake.clipboard.text).toBe('');
  });

  it('dispose leaves what the user copied since alone', async () => {
    const clipboard = electronClipboard();
    await clipboard.port.writeText('export AWS_SECRET_ACCESS_KEY=x');
    fake.clipboard.writeText('something of the user');
    await clipboard.dispose();
    expect(fake.clipboard.text).toBe('something of the user');
  });
});
