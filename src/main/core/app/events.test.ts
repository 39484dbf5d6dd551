// The bus checks every event before any listener (the window's IPC, the web host's stream, the
// tray) sees it: one that breaks the contract goes to none of them and is reported.
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/ipc-contract';
import { EventBus, type EventPayload } from './events';

describe('EventBus', () => {
  it('delivers valid events, refuses malformed ones, and unsubscribes', () => {
    const refused: Array<[EventName, string]> = [];
    const bus = new EventBus((event, reason) => refused.push([event, reason]));
    const seen: unknown[] = [];
    const off = bus.subscribe((event, payload) => seen.push([event, payload]));
    const prompt = {
      type: 'prompt' as const,
      session: 'work',
      flow: 'device' as const,
      url: 'https://x.example.com/',
      userCode: 'ABCD-EFGH',
    };
    bus.emit('auth', prompt);
    bus.emit('auth', { ...prompt, url: 'javascript:alert(1)' });
    bus.emit('auth', { type: 'bogus' } as unknown as EventPayload<'auth'>);
    bus.emit('accounts', {
      session: 'work',
      roles: { '123456789012': [5] },
      progress: { rolesLoaded: 0, accounts: 0 },
      loading: true,
    } as unknown as EventPayload<'accounts'>);
    off();
    bus.emit('auth', { type: 'success', session: 'work', expiresAt: 5 });
    expect(seen).toEqual([['auth', prompt]]);
    expect(refused.map(([event]) => event)).toEqual(['auth', 'auth', 'accounts']);
    expect(refused[0]?.[1]).toBe('url: custom');
  });

  it('a listener that throws does not stop the others', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe(() => {
      throw new Error('closed stream');
    });
    bus.subscribe((event) => seen.push(event));
    bus.emit('navigate', { to: 'settings' });
    expect(seen).toEqual(['navigate']);
  });
});
