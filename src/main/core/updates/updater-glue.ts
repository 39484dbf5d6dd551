// The updates service's side of the updater port (./port.ts): the user's choices handed to it
// once per change, and its progress events turned into the status. Pure but for the port.
import type { UpdateStatus } from '../../../shared/updates';
import type { UpdaterPort } from './port';
import type { UpdatePreferences } from './service-options';

/**
 * What applying the preferences did: `same` (the updater has them already), `source` (the
 * channel or the feed changed since an earlier apply, worth a look at once) or `applied`.
 */
export type Applied = 'same' | 'source' | 'applied';

/** Gives the updater the user's choices, only when they differ from the ones it has. */
export class UpdaterConfigSync {
  private applied: UpdatePreferences | null = null;

  constructor(private readonly port: UpdaterPort) {}

  apply(preferences: UpdatePreferences): Applied {
    const p = { ...preferences };
    const a = this.applied;
    if (
      a !== null &&
      a.channel === p.channel &&
      a.feedUrl === p.feedUrl &&
      a.installOnQuit === p.installOnQuit
    ) {
      return 'same';
    }
    this.applied = p;
    this.port.configure({
      channel: p.channel,
      feedUrl: p.feedUrl === '' ? null : p.feedUrl,
      installOnQuit: p.installOnQuit,
    });
    return a !== null && (a.channel !== p.channel || a.feedUrl !== p.feedUrl)
      ? 'source'
      : 'applied';
  }
}

/** The status after a progress event, or null when it changes nothing (or no download runs). */
export function withProgress(current: UpdateStatus, reported: number): UpdateStatus | null {
  if (current.state !== 'downloading') return null;
  const percent = Math.max(0, Math.min(100, Math.floor(reported)));
  if (!Number.isFinite(percent) || percent === current.percent) return null;
  return { ...current, percent };
}
