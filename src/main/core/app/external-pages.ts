// Opening pages in the user's browser: only addresses on the allow-list (the AWS portal, console
// and sign-in hosts, and the start URL hosts of the configured sessions), and a start URL host
// outside AWS only after the user confirmed it in main's own dialog (remembered in settings).
import type { BrowserChoice } from '../../../shared/console-settings';
import type { Env } from '../aws-paths';
import type { Logger } from '../log/logger';
import {
  allowListFor,
  isAllowedExternalUrl,
  isAwsPortalHost,
  startUrlHost,
} from '../security/external-url';
import type { SettingsStore } from '../settings/store';
import type { BrowserPort, ConfirmPort, SsoSessionConfig } from './ports';

export interface ExternalPagesOptions {
  env: Env;
  settings: SettingsStore;
  browser: BrowserPort;
  /** Without one, a host outside AWS is never trusted. */
  confirm?: ConfirmPort | undefined;
  /** Development only (the emulator): allow opening `http://127.0.0.1` pages. */
  allowLoopbackHttp: boolean;
  /** The sessions of the config file, whose start URL hosts may be opened. */
  configs(): readonly SsoSessionConfig[];
  log: Logger;
}

export class ExternalPages {
  /** Open questions about a start URL host, so one host gets one dialog at a time. */
  private asking = new Map<string, Promise<boolean>>();

  constructor(private readonly o: ExternalPagesOptions) {}

  /**
   * Opens an external page when it is on the allow-list; false otherwise. A page on the start
   * URL host of a configured session outside AWS (already in the user's config file) is opened
   * only once the user confirmed that host in main's dialog.
   */
  async open(url: string, via?: BrowserChoice): Promise<boolean> {
    if (!isAllowedExternalUrl(url, this.allowList())) {
      const host = startUrlHost(url);
      const configured =
        host !== null &&
        this.o.configs().some((c) => startUrlHost(c.startUrl) === host) &&
        isAllowedExternalUrl(url, this.allowList([host]));
      if (!configured || !(await this.trustStartUrl(url, 'open'))) {
        // the host only: a URL may carry a code or a token in its query
        this.o.log.warn('refused to open a page off the allow-list', {
          host: host ?? 'unparsable',
        });
        return false;
      }
    }
    try {
      if (via !== undefined && via.browser !== 'default') {
        if (this.o.browser.launch === undefined) return false;
        return await this.o.browser.launch(url, via);
      }
      return await this.o.browser.openExternal(url);
    } catch (e) {
      this.o.log.warn('the browser could not be opened', { error: e });
      return false;
    }
  }

  /**
   * True when the start URL's host may be used: an AWS portal host, a host confirmed before, or
   * one the user confirms now (remembered in settings). Questions for the same host at the same
   * time share one dialog.
   */
  async trustStartUrl(url: string, why: 'add' | 'open'): Promise<boolean> {
    const host = startUrlHost(url);
    if (host === null) return false;
    if (isAwsPortalHost(host) || this.trustedHosts().includes(host)) return true;
    const confirmer = this.o.confirm;
    if (confirmer === undefined) return false;
    let asking = this.asking.get(host);
    if (asking === undefined) {
      asking = confirmer
        .confirm(customHostQuestion(host, why))
        .catch((e: unknown) => {
          this.o.log.warn('the question about a start URL host could not be asked', {
            host,
            error: e,
          });
          return false;
        })
        .finally(() => this.asking.delete(host));
      this.asking.set(host, asking);
    }
    const yes = await asking;
    if (yes && !this.trustedHosts().includes(host)) {
      try {
        this.o.settings.update({ trustedStartUrlHosts: [...this.trustedHosts(), host] });
      } catch (e) {
        // Not remembered (settings full or unwritable): the user is asked again next time.
        this.o.log.warn('a confirmed start URL host could not be remembered', { host, error: e });
      }
    }
    return yes;
  }

  private trustedHosts(): string[] {
    return this.o.settings.get().trustedStartUrlHosts;
  }

  private allowList(alsoHosts: readonly string[] = []) {
    return allowListFor(this.o.configs(), this.o.env, {
      allowLoopbackHttp: this.o.allowLoopbackHttp,
      trustedStartUrlHosts: [...this.trustedHosts(), ...alsoHosts],
    });
  }
}

/** The question main asks before a start URL host outside AWS is used. */
function customHostQuestion(host: string, why: 'add' | 'open') {
  return {
    title: 'Sign-in portal outside AWS',
    message:
      why === 'add'
        ? `Add a session whose start URL is on ${host}?`
        : `Open a page on ${host} in your browser?`,
    detail:
      `${host} is not an address of the AWS access portal (such as awsapps.com or app.aws). ` +
      'Some companies put the portal behind their own domain; continue only if your ' +
      `administrator gave you this address. SSO Tray will then open pages on ${host} in your ` +
      'browser without asking again.',
    confirmLabel: why === 'add' ? 'Add session' : 'Open page',
  };
}
