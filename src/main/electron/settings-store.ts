// Settings in the app: electron-store (atomic writes, mode 0600) holding the zod-checked shape.
// Whatever is on disk goes through migrateSettings first, so an old or hand-broken file never
// stops the app from starting.
import Store from 'electron-store';
import { BaseSettingsStore, migrateSettings, type Settings } from '../core/settings';

export class ElectronSettingsStore extends BaseSettingsStore {
  private readonly store: Store<Settings>;
  protected current: Settings;

  constructor(cwd?: string) {
    super();
    this.store = new Store<Settings>({
      name: 'settings',
      configFileMode: 0o600,
      clearInvalidConfig: true,
      accessPropertiesByDotNotation: false,
      ...(cwd !== undefined ? { cwd } : {}),
    });
    this.current = migrateSettings(this.store.store);
    this.store.store = this.current;
  }

  protected persist(settings: Settings): void {
    this.store.store = settings;
  }
}
