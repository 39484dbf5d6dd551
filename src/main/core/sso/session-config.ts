// Which `[sso-session]` a request is about: the sessions the config file offers, a name resolved
// to one of them (or a typed error saying why none fits), and the session a sign-in with a start
// URL and region adds to the file.
import { awsPaths, type Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import {
  DEFAULT_SCOPES,
  readConfigText,
  readSsoConfig,
  type ConfigReading,
  type SsoSessionConfig,
} from './config';
import { writeSsoSession } from './sso-session-writer';
import {
  sessionNameFromStartUrl,
  validateRegion,
  validateSessionName,
  validateStartUrl,
} from './validate';

/** What a sign-in names: an existing session, or a start URL and region for a new one. */
export interface SessionChoice {
  session?: string;
  startUrl?: string;
  region?: string;
}

export class SessionConfigs {
  constructor(private readonly env: Env) {}

  get configFile(): string {
    return awsPaths(this.env).configFile;
  }

  /** The sessions the config file offers and what in it cannot be used (readSsoConfig). */
  async read(): Promise<ConfigReading> {
    const text = await readConfigText(this.configFile);
    return text === null ? { sessions: [], issues: [] } : readSsoConfig(text);
  }

  async list(): Promise<SsoSessionConfig[]> {
    return (await this.read()).sessions;
  }

  /** The session as the config file has it now; undefined when it is not (or no longer) there. */
  async find(name: string): Promise<SsoSessionConfig | undefined> {
    return (await this.list()).find((x) => x.name === name);
  }

  /**
   * The named session, or the only one when no name is given. Throws CONFIG (with the section
   * and reason when the file has it but it cannot be used, `missing-session` when it is absent)
   * or INVALID_INPUT (`choose-session`) when several exist and none is named.
   */
  async resolve(name?: string): Promise<SsoSessionConfig> {
    const { sessions, issues } = await this.read();
    const file = this.configFile;
    if (name !== undefined) {
      const s = sessions.find((x) => x.name === name);
      if (s) return s;
      const issue = issues.find(
        (i) =>
          i.session === name ||
          (i.section !== null && i.section.replace(/\s+/g, ' ').trim() === `sso-session ${name}`),
      );
      if (issue) {
        throw new SsoTrayError(
          'CONFIG',
          `[${issue.section ?? ''}] on line ${issue.line} of ${file} cannot be used: ${issue.reason}. ${issue.fix}`,
          { session: name },
        );
      }
      throw new SsoTrayError('CONFIG', `There is no [sso-session ${name}] in ${file}.`, {
        session: name,
        detail: { kind: 'missing-session' },
      });
    }
    const [only, ...others] = sessions;
    if (only !== undefined && others.length === 0) return only;
    if (only === undefined) {
      const unusable = issues.filter((i) => i.session !== undefined);
      const why =
        unusable.length === 0
          ? ''
          : ` ${unusable.map((i) => `[${i.section ?? ''}] (line ${i.line}): ${i.reason}.`).join(' ')}`;
      throw new SsoTrayError(
        'CONFIG',
        `There is no [sso-session] SSO Tray can use in ${file}.${why}`,
        {
          detail: { kind: 'missing-session' },
        },
      );
    }
    // The caller left out a choice it has to make: a usage error (the CLI exits 2).
    const names = sessions.map((x) => x.name);
    throw new SsoTrayError('INVALID_INPUT', `${file} has several sessions (${names.join(', ')}).`, {
      detail: { kind: 'choose-session', sessions: names },
    });
  }

  /** The session to sign in to; writes `[sso-session]` when a start URL and region are given. */
  async forSignIn(choice: SessionChoice): Promise<SsoSessionConfig> {
    if (choice.startUrl === undefined && choice.region === undefined) {
      return this.resolve(choice.session);
    }
    if (choice.startUrl === undefined || choice.region === undefined) {
      throw new SsoTrayError('INVALID_INPUT', 'Give both a start URL and a region, or neither.');
    }
    const startUrl = validateStartUrl(choice.startUrl);
    const region = validateRegion(choice.region);
    const name = validateSessionName(choice.session ?? sessionNameFromStartUrl(startUrl));
    const session: SsoSessionConfig = {
      name,
      startUrl,
      region,
      scopes: [...DEFAULT_SCOPES],
      kind: 'sso-session',
      cacheKey: name,
      profiles: [],
    };
    await writeSsoSession(this.configFile, session);
    return this.resolve(name);
  }
}
