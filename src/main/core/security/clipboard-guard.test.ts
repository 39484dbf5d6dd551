import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock';
import { ClipboardGuard } from './clipboard-guard';

function fakeClipboard(initial = '') {
  let text = initial;
  return {
    readText: () => text,
    writeText: (t: string) => {
      text = t;
    },
    get text() {
      return text;
    },
  };
}

describe('ClipboardGuard', () => {
  it('clears our value after the delay', async () => {
    const clock = new FakeClock();
    const clip = fakeClipboard();
    const guard = new ClipboardGuard(clip, clock);
    expect(await guard.write('export AWS_SECRET_ACCESS_KEY="x"', 60)).toEqual({
      clearsAt: clock.now() + 60_000,
    });
    clock.advance(59_999);
    expect(clip.text).toBe('export AWS_SECRET_ACCESS_KEY="x"');
    clock.advance(1);
    await guard.pending;
    expect(clip.text).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else', async () => {
    const clock = new FakeClock();
    const clip = fakeClipboard();
    const guard = new ClipboardGuard(clip, clock);
    await guard.write('secret', 60);
    clip.writeText('my own text');
    clock.advance(60_000);
    await guard.pending;
    expect(clip.text).toBe('my own text');
    await guard.dispose();
    expect(clip.text).toBe('my own text');
  });

  it('a second copy restarts the delay; quit clears what is ours and stops the timer', async () => {
    const clock = new FakeClock();
    const clip = fakeClipboard();
    const guard = new ClipboardGuard(clip, clock);
    await guard.write('one', 60);
    clock.advance(30_000);
    await guard.write('two', 60);
    clock.advance(30_000);
    expect(clip.text).toBe('two');
    await guard.dispose();
    expect(clip.text).toBe('');
    expect(clock.pending).toBe(0);
  });

  it('0 seconds keeps the value until quit', async () => {
    const clock = new FakeClock();
    const clip = fakeClipboard();
    const guard = new ClipboardGuard(clip, clock);
    expect(await guard.write('v', 0)).toEqual({});
    clock.advance(3_600_000);
    expect(clip.text).toBe('v');
    await guard.dispose();
    expect(clip.text).toBe('');
  });
});
