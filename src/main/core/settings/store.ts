// Where settings live outside Electron (CLI, web host, tests): in memory or in a JSON file
// replaced atomically with mode 0600 (files/replace-file.ts; synchronously, as the store's
// interface is synchronous). The Electron host implements the same interface over electron-store.
import { readFileSync } from 'node:fs';
import { SsoTrayError } from '../errors';
import { replaceFileSync } from '../files/replace-file';
import { migrateSettings } from './migrate';
export type { SettingsPatch } from './schema';
import { settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch } from './schema';

export type SettingsListener = (settings: Settings) => void;

export interface SettingsStore {
  get(): Settings;
  /** Applies `patch`, validates, persists, notifies; throws INVALID_INPUT for a bad patch. */
  update(patch: SettingsPatch): Settings;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: SettingsListener): () => void;
}

/** Validates `patch` strictly, then normalises the merged result (sorting, caps). */
function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const checked = settingsPatchSchema.safeParse(patch);
  if (!checked.success) {
    throw new SsoTrayError('INVALID_INPUT', 'These settings are not valid.');
  }
  return settingsSchema.parse({ ...current, ...checked.data });
}

/** Base class: change notification and patch logic; subclasses decide where bytes go. */
export abstract class BaseSettingsStore implements SettingsStore {
  private readonly listeners = new Set<SettingsListener>();
  protected abstract current: Settings;
  protected abstract persist(settings: Settings): void;

  get(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Settings {
    const next = applySettingsPatch(this.current, patch);
    this.persist(next);
    this.current = next;
    for (const listener of this.listeners) {
      try {
        listener(next);
      } catch {
        // One broken listener must not stop the others or the update.
      }
    }
    return next;
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export class MemorySettingsStore extends BaseSettingsStore {
  protected current: Settings;
  constructor(initial: unknown = {}) {
    super();
    this.current = migrateSettings(initial);
  }
  protected persist(): void {}
}

export class FileSettingsStore extends BaseSettingsStore {
  protected current: Settings;
  constructor(private readonly path: string) {
    super();
    this.current = migrateSettings(readJson(path));
  }
  protected persist(settings: Settings): void {
    try {
      replaceFileSync(this.path, `${JSON.stringify(settings, null, 2)}\n`, {
        mode: 0o600,
        dirMode: 0o700,
      });
    } catch (e) {
      throw new SsoTrayError('FILE', `Could not save settings to ${this.path}.`, { cause: e });
    }
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
