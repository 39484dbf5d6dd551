import { describe, expect, it } from 'vitest';
import { channelOf, compareVersions, decideOffer, parseVersion, shouldCheck } from './decide';

const v = (s: string) => {
  const parsed = parseVersion(s);
  if (parsed === null) throw new Error(`not a version: ${s}`);
  return parsed;
};
const NOW = 1_000_000;

describe('shouldCheck', () => {
  it('checks only in a packaged build that is neither development nor demo', () => {
    for (const isPackaged of [true, false]) {
      for (const dev of [true, false]) {
        for (const demo of [true, false]) {
          const d = shouldCheck({ isPackaged, dev, demo });
          expect(d.check).toBe(isPackaged && !dev && !demo);
          if (!d.check) {
            expect(d.reason).toBe(dev ? 'development' : demo ? 'demo' : 'not-packaged');
          }
        }
      }
    }
  });
});

describe('versions', () => {
  it('parses semver (with v and build metadata) and refuses anything else', () => {
    expect(v('v1.2.3+build.5')).toEqual({ core: [1, 2, 3], prerelease: [] });
    expect(v('1.2.3-beta.10')).toEqual({ core: [1, 2, 3], prerelease: ['beta', '10'] });
    for (const bad of ['1.2', '01.2.3', '1.2.3-', 'latest', '', '1.2.3.4']) {
      expect(parseVersion(bad)).toBeNull();
    }
  });

  it('orders by semver precedence', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '2.0.0',
    ];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(Math.sign(compareVersions(v(ordered[i]!), v(ordered[j]!)))).toBe(Math.sign(i - j));
      }
    }
    expect(compareVersions(v('1.0.0+a'), v('1.0.0+b'))).toBe(0);
  });

  it('a release is on latest, a prerelease on beta', () => {
    expect(channelOf(v('1.2.0'))).toBe('latest');
    expect(channelOf(v('1.2.0-beta.1'))).toBe('beta');
    expect(channelOf(v('1.2.0-rc.1'))).toBe('beta');
  });
});

describe('decideOffer', () => {
  const base = { current: '1.2.0', channel: 'latest' as const, now: NOW };

  it('ignores invalid, older, equal and other-channel versions', () => {
    expect(decideOffer({ ...base, offered: 'nonsense' })).toEqual({
      action: 'ignore',
      reason: 'invalid-version',
    });
    expect(decideOffer({ ...base, current: 'dev', offered: '1.3.0' }).action).toBe('ignore');
    expect(decideOffer({ ...base, offered: '1.1.9' })).toEqual({
      action: 'ignore',
      reason: 'not-newer',
    });
    expect(decideOffer({ ...base, offered: '1.2.0' })).toEqual({
      action: 'ignore',
      reason: 'not-newer',
    });
    expect(decideOffer({ ...base, offered: '1.3.0-beta.1' })).toEqual({
      action: 'ignore',
      reason: 'other-channel',
    });
  });

  it('asks about a newer version on the channel; beta takes releases and prereleases', () => {
    expect(decideOffer({ ...base, offered: 'v1.3.0' })).toEqual({
      action: 'ask',
      version: '1.3.0',
    });
    expect(decideOffer({ ...base, channel: 'beta', offered: '1.3.0-beta.1' })).toEqual({
      action: 'ask',
      version: '1.3.0-beta.1',
    });
    expect(decideOffer({ ...base, channel: 'beta', offered: '1.3.0' }).action).toBe('ask');
    // From a prerelease to its release.
    expect(decideOffer({ ...base, current: '1.3.0-beta.2', offered: '1.3.0' }).action).toBe('ask');
  });

  it('waits while the version is postponed, asks again after, and for a newer one at once', () => {
    const postponed = { version: '1.3.0', until: NOW + 3_600_000 };
    expect(decideOffer({ ...base, offered: '1.3.0', postponed })).toEqual({
      action: 'wait',
      until: NOW + 3_600_000,
    });
    expect(decideOffer({ ...base, offered: '1.3.0', postponed, now: NOW + 3_600_000 }).action).toBe(
      'ask',
    );
    expect(decideOffer({ ...base, offered: '1.3.1', postponed }).action).toBe('ask');
  });

  it('installs once the user accepted, postponed or not', () => {
    expect(
      decideOffer({
        ...base,
        offered: '1.3.0',
        accepted: true,
        postponed: { version: '1.3.0', until: NOW + 1 },
      }),
    ).toEqual({ action: 'install', version: '1.3.0' });
    // Never an older or off-channel version, even accepted.
    expect(decideOffer({ ...base, offered: '1.1.0', accepted: true }).action).toBe('ignore');
  });
});
