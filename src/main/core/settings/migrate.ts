// Versioned migrations of stored settings. `migrateSettings` accepts anything (a corrupt file,
// a future version, null) and always returns valid settings; it never throws.
import { SETTINGS_VERSION, settingsSchema, type Settings } from './schema';

type Raw = Record<string, unknown>;

const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * v0 (the pre-release shape): no `version`, US spelling `favorites` holding
 * `"ACCOUNT/ROLE"` strings of one `session`, and a single `warnMinutes` number.
 */
function v0ToV1(raw: Raw): Raw {
  const { favorites, warnMinutes, session, ...rest } = raw;
  const sessionName = typeof session === 'string' && session !== '' ? session : null;
  const favourites = Array.isArray(favorites)
    ? favorites.flatMap((f) => {
        if (typeof f !== 'string' || sessionName === null) return [];
        const [accountId, roleName] = f.split('/');
        return accountId && roleName ? [{ session: sessionName, accountId, roleName }] : [];
      })
    : undefined;
  return {
    ...rest,
    version: 1,
    ...(sessionName !== null ? { sessions: [sessionName], activeSession: sessionName } : {}),
    ...(favourites !== undefined ? { favourites } : {}),
    ...(typeof warnMinutes === 'number' ? { thresholdsMinutes: [warnMinutes] } : {}),
  };
}

/** migrations[n] turns version n into version n + 1. */
const migrations: Record<number, (raw: Raw) => Raw> = { 0: v0ToV1 };

export function migrateSettings(raw: unknown): Settings {
  try {
    let data: Raw = isRecord(raw) ? { ...raw } : {};
    let version = typeof data.version === 'number' ? data.version : 0;
    if (!Number.isInteger(version) || version < 0 || version > SETTINGS_VERSION) {
      // Unknown (future or nonsense) version: keep what still validates field by field.
      version = SETTINGS_VERSION;
      data = { ...data, version: SETTINGS_VERSION };
    }
    while (version < SETTINGS_VERSION) {
      const step = migrations[version];
      if (step === undefined) break;
      data = step(data);
      version += 1;
    }
    return settingsSchema.parse(data);
  } catch {
    return settingsSchema.parse({});
  }
}
