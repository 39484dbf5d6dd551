import { describe, expect, it } from 'vitest';
import { invokeChannels, type InvokeChannel } from './ipc-contract';
import { wireAccountList } from './testing/fixtures';

const target = { session: 'work', accountId: '123456789012', roleName: 'AdministratorAccess' };

describe('payload schemas', () => {
  const bad: Array<[InvokeChannel, unknown]> = [
    ['credentials.get', { ...target, accountId: '12345' }],
    ['credentials.get', { ...target, accountId: '1234567890123' }],
    ['credentials.get', { ...target, roleName: 'has space' }],
    ['credentials.get', { ...target, roleName: 'x'.repeat(65) }],
    ['credentials.get', { ...target, session: 'a\u0000b' }],
    ['credentials.get', { ...target, session: 'a\u2028b' }],
    ['credentials.get', { ...target, session: '' }],
    [
      'sessions.add',
      { name: 'a b', startUrl: 'https://d-123.awsapps.com/start', region: 'us-east-1' },
    ],
    [
      'sessions.add',
      { name: 'x"&calc&"', startUrl: 'https://d-123.awsapps.com/start', region: 'us-east-1' },
    ],
    [
      'sessions.add',
      { name: '%PATH%', startUrl: 'https://d-123.awsapps.com/start', region: 'us-east-1' },
    ],
    ['credentials.get', { ...target, extra: 1 }],
    ['credentials.copy', { ...target, what: 'everything' }],
    ['credentials.writeProfile', { ...target, profileName: 'a[b]' }],
    ['credentials.writeProfile', { ...target, profileName: 'has space' }],
    ['credentials.writeProfile', { ...target, profileName: '' }],
    ['credentials.writeProfile', { ...target, profileName: 'DEFAULT' }],
    ['credentials.copy', { ...target, what: 'profile', profileName: 'a"b' }],
    ['sessions.add', { startUrl: 'http://d-123.awsapps.com/start', region: 'us-east-1' }],
    ['sessions.add', { startUrl: 'not a url', region: 'us-east-1' }],
    ['sessions.add', { startUrl: 'https://d-123.awsapps.com/start', region: 'Mars' }],
    ['auth.login', { session: 'work', flow: 'magic' }],
    ['settings.update', { patch: { clipboardClearSeconds: -1 } }],
    ['settings.update', { patch: { thresholdsMinutes: [0] } }],
    ['settings.update', { patch: { unknown: true } }],
    ['settings.update', { patch: { paletteShortcut: 'A' } }],
    ['settings.update', { patch: { paletteShortcut: 'Control+Nope' } }],
    ['palette.close', { sneaky: true }],
    ['state.get', { sneaky: true }],
    ['profiles.settings', { session: '' }],
    ['profiles.preview', { session: 'work', region: 'moon-1' }],
    ['profiles.preview', { session: 'work', template: 'x'.repeat(5000) }],
    ['profiles.preview', { session: 'work', prune: true }],
    ['profiles.write', { session: 'work', prune: 'yes' }],
    ['profiles.write', { session: 'work', template: 42 }],
    ['profiles.write', { session: 'work', extra: 1 }],
    ['updates.check', { force: true }],
    ['updates.postpone', { hours: 0 }],
    ['updates.postpone', { hours: 1.5 }],
    ['updates.postpone', { hours: 24 * 365 }],
    ['updates.setOptions', { options: { channel: 'nightly' } }],
    ['updates.setOptions', { options: { feedUrl: 'http://updates.example.com/' } }],
    ['updates.setOptions', { options: { feedUrl: 'https://u:p@updates.example.com/' } }],
    ['updates.setOptions', { options: { feedUrl: 'https://updates.example.com/?t=1' } }],
    ['updates.setOptions', { options: { feedUrl: 'https://updates.example.com/\nx' } }],
    ['updates.setOptions', { options: { unknown: true } }],
    ['updates.setOptions', { channel: 'beta' }],
  ];
  it.each(bad)('%s rejects %j', (channel, payload) => {
    expect(invokeChannels[channel].payload.safeParse(payload).success).toBe(false);
  });

  it('accepts well-formed payloads', () => {
    const good: Array<[InvokeChannel, unknown]> = [
      ['credentials.get', { ...target, forceRefresh: true }],
      // botocore reads `[sso-session "a b"]` as the session "a b": it is a session the app can use
      ['credentials.get', { ...target, session: 'a b' }],
      ['sessions.add', { startUrl: 'https://d-1.awsapps.com/start', region: 'eusc-de-east-1' }],
      ['credentials.copy', { ...target, what: 'env-powershell' }],
      ['credentials.writeProfile', { ...target, profileName: '123456789012_Admin' }],
      ['sessions.add', { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' }],
      [
        'sessions.add',
        { name: 'my-sso', startUrl: 'https://x.awsapps.com/start', region: 'us-gov-west-1' },
      ],
      ['settings.update', { patch: { thresholdsMinutes: [15, 5], launchAtLogin: true } }],
      ['settings.update', { patch: { paletteShortcut: 'CommandOrControl+Shift+K' } }],
      ['settings.update', { patch: { paletteShortcut: '' } }],
      ['palette.close', {}],
      ['state.get', {}],
      ['profiles.settings', { session: 'work' }],
      // a template the rule refuses still reaches main, whose preview says what is wrong with it
      ['profiles.preview', { session: 'work', template: '{account}' }],
      ['profiles.preview', { session: 'work', template: '{account_id}-{role_name}' }],
      ['profiles.write', { session: 'work', region: 'eu-west-1', prune: true }],
      ['updates.check', {}],
      ['updates.restart', {}],
      ['updates.postpone', {}],
      ['updates.postpone', { hours: 168 }],
      ['updates.setOptions', { options: {} }],
      [
        'updates.setOptions',
        { options: { channel: 'beta', feedUrl: 'https://updates.example.com/sso-tray/' } },
      ],
      ['updates.setOptions', { options: { feedUrl: '', installOnQuit: false } }],
    ];
    for (const [channel, payload] of good) {
      expect(invokeChannels[channel].payload.safeParse(payload).success, channel).toBe(true);
    }
  });
});

describe('bulk account data on the wire', () => {
  // On the wire a role is its name, by account id; the api decodes the names into Role objects.
  const list = wireAccountList();
  it('the wire schema takes role names by account id, not role objects', () => {
    const schema = invokeChannels['accounts.list'].result;
    expect(schema.safeParse(list).success).toBe(true);
    const objects = { '123456789012': [{ accountId: '123456789012', roleName: 'Admin' }] };
    expect(schema.safeParse({ ...list, roles: objects }).success).toBe(false);
    expect(schema.safeParse({ ...list, roles: { '123456789012': ['has space'] } }).success).toBe(
      false,
    );
    expect(schema.safeParse({ ...list, roles: { '12345': ['Admin'] } }).success).toBe(false);
  });
});

describe('schemas built on first use', () => {
  const built = (o: object, key: string) =>
    Object.getOwnPropertyDescriptor(o, key)?.get === undefined;

  it('builds no channel’s or event’s schemas when the module loads, only when first read', async () => {
    const { vi } = await import('vitest');
    vi.resetModules();
    const contract = await import('./ipc-contract');
    const channels = Object.keys(contract.invokeChannels);
    const events = Object.keys(contract.eventChannels);
    expect(channels.length).toBeGreaterThan(20);
    expect(channels.filter((c) => built(contract.invokeChannels, c))).toEqual([]);
    expect(events.filter((e) => built(contract.eventChannels, e))).toEqual([]);
    const first = contract.invokeChannels['credentials.verify'];
    expect(first.payload.safeParse(target).success).toBe(true);
    expect(built(contract.invokeChannels, 'credentials.verify')).toBe(true);
    expect(contract.invokeChannels['credentials.verify']).toBe(first);
    expect(channels.filter((c) => built(contract.invokeChannels, c))).toEqual([
      'credentials.verify',
    ]);
  });
});
