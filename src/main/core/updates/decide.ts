// Whether the app looks for an update, and what it does with one it is offered: a pure rule the
// Electron side (electron-updater) follows. Only a packaged build checks (never development or
// demo builds); an offered version is taken only when it is newer by semver and on the user's
// channel; a postponed version is not asked about again before its time; the user decides
// when to restart, so the answer is "ask" until they accepted, then "install".

export const UPDATE_CHANNELS = ['latest', 'beta'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];

export interface BuildKind {
  isPackaged: boolean;
  /** `npm run dev` / `npm start` from a checkout. */
  dev: boolean;
  /** `npm run demo`: the app against the emulator. */
  demo: boolean;
}

export type CheckDecision =
  { check: true } | { check: false; reason: 'not-packaged' | 'development' | 'demo' };

/** Updates are looked for only by a packaged build that is neither development nor demo. */
export function shouldCheck(build: BuildKind): CheckDecision {
  if (build.dev) return { check: false, reason: 'development' };
  if (build.demo) return { check: false, reason: 'demo' };
  if (!build.isPackaged) return { check: false, reason: 'not-packaged' };
  return { check: true };
}

interface Version {
  core: [number, number, number];
  prerelease: string[];
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function parseVersion(text: string): Version | null {
  const m = SEMVER.exec(text.trim());
  if (m === null) return null;
  return {
    core: [Number(m[1]), Number(m[2]), Number(m[3])],
    prerelease: m[4] === undefined ? [] : m[4].split('.'),
  };
}

/** semver precedence: negative when a < b, 0 when equal (build metadata ignored). */
export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.core[i] ?? 0) - (b.core[i] ?? 0);
    if (d !== 0) return d;
  }
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return b.prerelease.length - a.prerelease.length; // a release ranks above its prereleases
  }
  const n = Math.max(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < n; i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (xn !== yn) {
      return xn ? -1 : 1; // numeric identifiers rank below alphanumeric ones
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/** A release is on `latest`; any prerelease (1.2.0-beta.1, -rc.1) only on `beta`. */
export function channelOf(v: Version): UpdateChannel {
  return v.prerelease.length === 0 ? 'latest' : 'beta';
}

export interface OfferInput {
  current: string;
  offered: string;
  /** The user's channel: `beta` takes releases and prereleases, `latest` releases only. */
  channel: UpdateChannel;
  /** The version the user postponed and until when (epoch ms), if they did. */
  postponed?: { version: string; until: number };
  /** The user chose "Restart to update" for this version. */
  accepted?: boolean;
  now: number;
}

export type OfferDecision =
  | { action: 'ignore'; reason: 'invalid-version' | 'not-newer' | 'other-channel' }
  | { action: 'wait'; until: number }
  | { action: 'ask'; version: string }
  | { action: 'install'; version: string };

export function decideOffer(input: OfferInput): OfferDecision {
  const current = parseVersion(input.current);
  const offered = parseVersion(input.offered);
  if (current === null || offered === null) return { action: 'ignore', reason: 'invalid-version' };
  if (compareVersions(offered, current) <= 0) return { action: 'ignore', reason: 'not-newer' };
  if (input.channel === 'latest' && channelOf(offered) === 'beta') {
    return { action: 'ignore', reason: 'other-channel' };
  }
  const version = input.offered.trim().replace(/^v/, '');
  if (input.accepted === true) return { action: 'install', version };
  const p = input.postponed;
  if (p !== undefined && p.until > input.now) {
    const same = parseVersion(p.version);
    // Postponing one version does not silence a newer one.
    if (same !== null && compareVersions(offered, same) <= 0)
      return { action: 'wait', until: p.until };
  }
  return { action: 'ask', version };
}
