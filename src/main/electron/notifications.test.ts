// Notifier against the electron mock: a notification per description, a newer one about the same
// item replaces the older, clicks and action buttons report the id, dispose closes them all.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotificationDescription } from '../core/expiry/notifications';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake } = await import('./testing/electron-mock');
const { Notifier } = await import('./notifications');

const description = (id: string, tag = 'acme/123456789012/Admin'): NotificationDescription => ({
  id,
  tag,
  title: 'Credentials expire in 5 minutes',
  body: 'Prod · Admin',
  actions: [
    { id: 'refresh', label: 'Refresh', action: { kind: 'refresh' } },
    { id: 'signIn', label: 'Sign in', action: { kind: 'signIn' } },
  ],
  onClick: { kind: 'open' },
});

describe('Notifier', () => {
  beforeEach(() => fake.reset());

  it('shows title, body and the action buttons; clicks report id and action', () => {
    const clicks: Array<[string, string | undefined]> = [];
    const notifier = new Notifier((id, action) => clicks.push([id, action]));
    notifier.show(description('n1'));
    const [shown] = fake.notifications;
    expect(shown?.options).toEqual({
      title: 'Credentials expire in 5 minutes',
      body: 'Prod · Admin',
      actions: [
        { type: 'button', text: 'Refresh' },
        { type: 'button', text: 'Sign in' },
      ],
    });
    expect(shown?.shown).toBe(true);
    shown?.click();
    shown?.action(1);
    shown?.action(7);
    expect(clicks).toEqual([
      ['n1', undefined],
      ['n1', 'signIn'],
    ]);
  });

  it('a newer notification about the same item replaces the older; dispose closes the rest', () => {
    const notifier = new Notifier(() => undefined);
    notifier.show(description('n1'));
    notifier.show(description('n2'));
    notifier.show(description('n3', 'other'));
    const [first, second, third] = fake.notifications;
    expect(first?.closed).toBe(true);
    expect(second?.closed).toBe(false);
    notifier.dispose();
    expect(second?.closed).toBe(true);
    expect(third?.closed).toBe(true);
  });

  it('shows nothing where the OS has no notifications', () => {
    fake.Notification.supported = false;
    new Notifier(() => undefined).show(description('n1'));
    expect(fake.notifications).toEqual([]);
  });
});
