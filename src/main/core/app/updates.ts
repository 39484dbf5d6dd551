// The app core's side of updates: the updates service (../updates/service.ts) fed from the
// settings (channel, feed URL, install when quitting), the user's "Later" kept in the data
// folder (update-state.json, so a restart does not forget it), the notification once an
// update is ready, and the channels of Settings → Updates and the tray.
import { join } from 'node:path';
import { z } from 'zod';
import type { NotificationDescription } from '../expiry/notifications';
import type { Handlers } from '../ipc/dispatch';
import type { Logger } from '../log/logger';
import type { SettingsStore } from '../settings/store';
import type { SettingsPatch } from '../settings/schema';
import type { TimerClock } from '../clock';
import { epochMsSchema } from '../../../shared/schemas';
import { POSTPONE_HOURS, type UpdatesView } from '../../../shared/updates';
import type { BuildKind } from '../updates/decide';
import type { UpdaterPort } from '../updates/port';
import { UpdatesService, type Postponed, type PostponedStore } from '../updates/service';
import { readJsonFile, writeJsonFile } from './json-file';

export type UpdateChannels =
  'updates.check' | 'updates.restart' | 'updates.postpone' | 'updates.setOptions';

const stateFileSchema = z.object({
  postponed: z.object({ version: z.string().min(1).max(100), until: epochMsSchema }).optional(),
});

/** update-state.json in the data folder; a missing or bad file is no postponement. */
function postponedFile(dataDir: string): PostponedStore {
  const path = join(dataDir, 'update-state.json');
  return {
    load: async () => {
      const parsed = stateFileSchema.safeParse(await readJsonFile(path));
      return parsed.success ? parsed.data.postponed : undefined;
    },
    save: (postponed: Postponed | undefined) =>
      writeJsonFile(path, postponed === undefined ? {} : { postponed }),
  };
}

function updateReadyNotification(version: string, count: number): NotificationDescription {
  return {
    id: `update:${version}:${count}`,
    tag: 'update',
    title: `SSO Tray ${version} is ready to install`,
    body: 'Restart SSO Tray when it suits you. Click to choose in Settings.',
    actions: [{ id: 'restart', label: 'Restart to update', action: { kind: 'restartToUpdate' } }],
    onClick: { kind: 'settings' },
  };
}

export interface AppUpdatesOptions {
  updater: UpdaterPort | undefined;
  /** What kind of build runs; without it the build counts as not packaged (updates off). */
  build: BuildKind | undefined;
  appVersion: string | undefined;
  dataDir: string;
  settings: SettingsStore;
  clock: TimerClock;
  notify(n: NotificationDescription): void;
  changed(): void;
  log: Logger;
}

export class AppUpdates {
  readonly service: UpdatesService;
  private readonly unsubscribe: () => void;
  private notified = 0;

  constructor(private readonly o: AppUpdatesOptions) {
    const { settings } = o;
    this.service = new UpdatesService({
      port: o.updater,
      build: o.build ?? { isPackaged: false, dev: false, demo: false },
      appVersion: o.appVersion ?? '',
      clock: o.clock,
      preferences: () => {
        const s = settings.get();
        return {
          channel: s.updateChannel,
          feedUrl: s.updateFeedUrl,
          installOnQuit: s.updateInstallOnQuit,
        };
      },
      postponed: postponedFile(o.dataDir),
      changed: () => o.changed(),
      ask: (version) => o.notify(updateReadyNotification(version, ++this.notified)),
      log: o.log,
    });
    this.unsubscribe = settings.onChange(() => this.service.preferencesChanged());
  }

  /** Checks now and daily from here on (nothing when updates are off). */
  start(): void {
    void this.service
      .start()
      .catch((error: unknown) => this.o.log.error('updates did not start', { error }));
  }

  view(): UpdatesView {
    return this.service.view();
  }

  handlers(): Pick<Handlers, UpdateChannels> {
    return {
      'updates.check': async () => {
        await this.service.check();
        return this.view();
      },
      'updates.restart': async () => {
        await this.service.restart();
      },
      'updates.postpone': async (p) => {
        await this.service.postpone(p.hours ?? POSTPONE_HOURS.default);
        return this.view();
      },
      'updates.setOptions': async (p) => {
        const patch: SettingsPatch = {};
        if (p.options.channel !== undefined) patch.updateChannel = p.options.channel;
        if (p.options.feedUrl !== undefined) patch.updateFeedUrl = p.options.feedUrl;
        if (p.options.installOnQuit !== undefined) {
          patch.updateInstallOnQuit = p.options.installOnQuit;
        }
        this.o.settings.update(patch);
        return this.view();
      },
    };
  }

  dispose(): void {
    this.unsubscribe();
    this.service.dispose();
  }
}
