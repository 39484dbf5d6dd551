// Settings → Profiles: a profile for every role of a session, from the window. The same populate
// as `sso-tray populate` (../credentials/populate.ts) over the complete listing of the accounts
// service (its progress reaches the window as `accounts` events). The template and region used
// by the last write are kept per session in the settings; pruning removes profiles only after
// the user said yes in main's own dialog, and only the ones that dialog named.
import type { Env } from '../aws-paths';
import { SsoTrayError } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import { silentLogger, type Logger } from '../log/logger';
import {
  DEFAULT_TEMPLATE,
  checkTemplate,
  planPopulate,
  populateProfiles,
  populateRoles,
  templateProblem,
  type PopulateArgs,
  type PopulatePlan,
} from '../credentials/populate';
import type { SettingsStore } from '../settings/store';
import {
  PREVIEW_NAMES,
  type ProfileSettings,
  type ProfilesPlan,
  type ProfilesWriteResult,
} from '../../../shared/profile-settings';
import type { AccountsService } from './accounts';
import type { ConfirmPort, ConfirmRequest } from './ports';
import type { Sessions } from './sessions';

export type ProfileChannels = 'profiles.settings' | 'profiles.preview' | 'profiles.write';

export interface ProfilesOptions {
  env: Env;
  sessions: Pick<Sessions, 'config'>;
  accounts: Pick<AccountsService, 'complete'>;
  settings: SettingsStore;
  /** Asks before pruning; without it, pruning is refused (nothing is removed unasked). */
  confirm?: ConfirmPort | undefined;
  /** Where the record of written profiles lives (tests; default: beside the config file). */
  recordPath?: string;
  log?: Logger | undefined;
}

/** What a request asks for: the session and, when given, another template or region. */
export interface ProfilesRequest {
  session: string;
  template?: string | undefined;
  region?: string | undefined;
}

const first = (names: readonly string[]) => ({
  count: names.length,
  first: names.slice(0, PREVIEW_NAMES),
});

export class ProfilesService {
  private readonly log: Logger;
  constructor(private readonly o: ProfilesOptions) {
    this.log = o.log ?? silentLogger;
  }

  handlers(): Pick<Handlers, ProfileChannels> {
    return {
      'profiles.settings': async (p) => this.settingsFor(p.session),
      'profiles.preview': (p) => this.preview(p),
      'profiles.write': (p) => this.write(p, p.prune === true),
    };
  }

  /** The template and region the session's profiles were last written with (or the defaults). */
  settingsFor(session: string): ProfileSettings {
    this.session(session);
    return this.o.settings.get().profileSessions[session] ?? { template: DEFAULT_TEMPLATE };
  }

  /**
   * What Write all would add and change, and what Prune would remove, without writing. A template
   * the rule refuses comes back as `problem` (the window shows it), before any listing.
   */
  async preview(r: ProfilesRequest): Promise<ProfilesPlan> {
    const { args, template, region } = this.resolve(r);
    const problem = templateProblem(template);
    if (problem !== null) {
      return {
        session: r.session,
        file: '',
        template,
        region,
        roles: 0,
        names: first([]),
        add: first([]),
        change: first([]),
        unchanged: 0,
        remove: first([]),
        keptChanged: first([]),
        sessionAdded: false,
        problem,
      };
    }
    const full = await this.withRoles(args);
    return this.view(r.session, template, region, await planPopulate({ ...full, prune: true }));
  }

  /**
   * Writes every role's profile in one atomic edit; with `prune`, also removes the profiles an
   * earlier write of this session made that no role calls for, once the user confirmed them.
   */
  async write(r: ProfilesRequest, prune: boolean): Promise<ProfilesWriteResult> {
    const { args, template, region, config } = this.resolve(r);
    checkTemplate(template);
    const full = await this.withRoles(args);
    let pruneOnly: string[] | undefined;
    if (prune) {
      const planned = await planPopulate({ ...full, prune: true });
      if (planned.remove.length > 0) {
        const yes = (await this.o.confirm?.confirm(pruneQuestion(planned))) === true;
        if (!yes) {
          return { ...this.view(r.session, template, region, planned), cancelled: true };
        }
      }
      pruneOnly = planned.remove;
    }
    const plan = await populateProfiles({
      ...full,
      prune,
      ...(pruneOnly === undefined ? {} : { pruneOnly }),
    });
    this.remember(r.session, template, region, config.region);
    this.log.info('profiles written', {
      session: r.session,
      added: plan.add.length,
      changed: plan.change.length,
      removed: plan.remove.length,
    });
    return { ...this.view(r.session, template, region, plan), cancelled: false };
  }

  private saved(session: string): ProfileSettings | undefined {
    return this.o.settings.get().profileSessions[session];
  }

  private session(session: string) {
    const config = this.o.sessions.config(session);
    if (config.kind === 'legacy') {
      throw new SsoTrayError(
        'CONFIG',
        `${session} is the start URL of legacy SSO profiles, not an [sso-session]; profiles for every role need an [sso-session] section.`,
        { session },
      );
    }
    return config;
  }

  private resolve(r: ProfilesRequest) {
    const config = this.session(r.session);
    const saved = this.saved(r.session);
    const template = r.template ?? saved?.template ?? DEFAULT_TEMPLATE;
    const region = r.region ?? saved?.region ?? config.region;
    const args: PopulateArgs = {
      env: this.o.env,
      session: {
        name: config.name,
        startUrl: config.startUrl,
        region: config.region,
        scopes: config.scopes,
      },
      roles: [],
      template,
      region,
      ...(this.o.recordPath === undefined ? {} : { recordPath: this.o.recordPath }),
    };
    return { args, template, region, config };
  }

  private async withRoles(args: PopulateArgs): Promise<PopulateArgs> {
    const listing = await this.o.accounts.complete(args.session.name);
    return { ...args, roles: populateRoles(listing.accounts, listing.roles) };
  }

  /** Keeps what this write used; the defaults (template, the session's region) are not stored. */
  private remember(session: string, template: string, region: string, sessionRegion: string): void {
    const next: ProfileSettings = {
      template,
      ...(region === sessionRegion ? {} : { region }),
    };
    const all = { ...this.o.settings.get().profileSessions };
    const before = JSON.stringify(all[session] ?? null);
    if (template === DEFAULT_TEMPLATE && next.region === undefined) delete all[session];
    else all[session] = next;
    if (JSON.stringify(all[session] ?? null) === before) return;
    try {
      this.o.settings.update({ profileSessions: all });
    } catch (e) {
      // the profiles are written; only the window's next default is lost
      this.log.warn('the profile template could not be saved', { session, error: e });
    }
  }

  private view(
    session: string,
    template: string,
    region: string,
    plan: PopulatePlan,
  ): ProfilesPlan {
    const names = (items: ReadonlyArray<{ profileName: string }>) =>
      first(items.map((i) => i.profileName));
    return {
      session,
      file: plan.file,
      template,
      region,
      roles: plan.names.length,
      names: first(plan.names),
      add: names(plan.add),
      change: names(plan.change),
      unchanged: plan.unchanged,
      remove: first(plan.remove),
      keptChanged: first(plan.keptChanged),
      sessionAdded: plan.sessionAdded,
      problem: null,
    };
  }
}

/** The question before pruning: how many, which (the first ones), and what stays. */
function pruneQuestion(plan: Pick<PopulatePlan, 'remove' | 'file'>): ConfirmRequest {
  const n = plan.remove.length;
  const shown = plan.remove.slice(0, PREVIEW_NAMES).join(', ');
  const more = n > PREVIEW_NAMES ? ` and ${n - PREVIEW_NAMES} more` : '';
  return {
    title: 'Remove profiles',
    message: `Remove ${n} ${n === 1 ? 'profile' : 'profiles'} from ${plan.file}?`,
    detail:
      `SSO Tray wrote ${n === 1 ? 'it' : 'them'} for every role before, and no role calls for ` +
      `${n === 1 ? 'it' : 'them'} now: ${shown}${more}. Every other profile stays as it is.`,
    confirmLabel: 'Remove profiles',
  };
}
