// `sso-tray console`: the AWS console as a role, signed in directly through the federation
// endpoint (or through the access portal's shortcut link with --shortcut), in the default
// browser or a named one with a profile or a Firefox container. --print-url prints the URL
// instead: a direct sign-in URL signs a browser in for 15 minutes, so it is printed only then.
import { SsoTrayError } from '../../main/core/errors';
import {
  consoleDestination,
  federationEndpoint,
  getSigninToken,
  loginUrl,
} from '../../main/core/console/federation';
import { consoleUrl } from '../../main/core/security/web-security';
import { BROWSERS, browserChoiceProblem, type BrowserName } from '../../shared/console-rules';
import type { BrowserChoice } from '../../shared/console-settings';
import { regionProblem } from '../../shared/rules';
import { nonEmpty, parseCommandArgs, UsageError } from '../args';
import { openUrlWith } from '../open-browser';
import type { CliCommand } from '../types';
import { ROLE_OPTIONS, ROLE_USAGE, roleTarget } from './role-target';

const usage = `Usage: sso-tray console --account ID --role NAME [--session NAME] [--destination PAGE]
                        [--region R] [--shortcut] [--browser NAME [--profile P] [--container C]]
                        [--print-url]

Opens the AWS console as the role. By default it signs in directly: the role's credentials are
exchanged at the AWS federation endpoint for a sign-in token, and the browser opens the
endpoint's login URL. --shortcut opens the access portal's own console link instead, which needs
the portal's session in that browser.
${ROLE_USAGE}
  --destination PAGE the console page to land on: a path such as /ec2/home or an https URL on
                     the console host (default: the console home)
  --region R         the console's region (default: the session's region)
  --shortcut         use the access portal's console link instead of the direct sign-in
  --browser NAME     ${BROWSERS.join(', ')} (default: the default browser)
  --profile P        Chrome, Edge, Brave: the profile folder (--profile-directory, e.g. "Profile 1");
                     Firefox: the profile name (-P)
  --container C      Firefox: open in this container (needs the "Open external links in a
                     container" add-on)
  --print-url        print the URL instead of opening it. A direct sign-in URL signs anyone
                     who opens it in as the role for 15 minutes: treat it as a secret.

The federation endpoint follows the region's partition (aws, aws-us-gov, aws-cn, the European
Sovereign Cloud) and honours AWS_ENDPOINT_URL_SIGNIN and AWS_ENDPOINT_URL.`;

function browserChoice(v: {
  browser?: string;
  profile?: string;
  container?: string;
}): BrowserChoice {
  const name = nonEmpty(v.browser, '--browser', usage) ?? 'default';
  if (!(BROWSERS as readonly string[]).includes(name)) {
    throw new UsageError(`--browser must be one of ${BROWSERS.join(', ')}, not "${name}".`, usage);
  }
  const choice: BrowserChoice = {
    browser: name as BrowserName,
    ...(v.profile === undefined ? {} : { profile: v.profile }),
    ...(v.container === undefined ? {} : { container: v.container }),
  };
  const problem = browserChoiceProblem(choice);
  if (problem !== null) throw new UsageError(problem, usage);
  return choice;
}

export const consoleCommand: CliCommand = {
  name: 'console',
  summary: 'open the AWS console as a role (direct sign-in or the portal link)',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(
      args,
      {
        ...ROLE_OPTIONS,
        destination: { type: 'string' },
        region: { type: 'string' },
        shortcut: { type: 'boolean' },
        browser: { type: 'string' },
        profile: { type: 'string' },
        container: { type: 'string' },
        'print-url': { type: 'boolean' },
      },
      usage,
    );
    const browser = browserChoice(v);
    const regionFlag = nonEmpty(v.region, '--region', usage);
    if (regionFlag !== undefined && regionProblem(regionFlag) !== null) {
      throw new UsageError(`--region: ${regionProblem(regionFlag) ?? ''}`, usage);
    }
    const destinationFlag = nonEmpty(v.destination, '--destination', usage);
    if (v.shortcut === true && (destinationFlag !== undefined || regionFlag !== undefined)) {
      throw new UsageError(
        '--destination and --region apply to the direct sign-in, not to --shortcut.',
        usage,
      );
    }
    const t = await roleTarget(v, usage, ctx);
    const core = ctx.core();
    const session = await core.resolveSession(t.session);
    let url: string;
    if (v.shortcut === true) {
      url = consoleUrl(session.startUrl, t.accountId, t.roleName);
    } else {
      const region = regionFlag ?? session.region;
      let destination: string;
      try {
        destination = consoleDestination(region, destinationFlag);
      } catch (e) {
        if (e instanceof SsoTrayError) throw new UsageError(`--destination: ${e.message}`, usage);
        throw e;
      }
      const endpoint = federationEndpoint(region, ctx.env);
      const credentials = await core.getRoleCredentials(t.session, t.accountId, t.roleName);
      const token = await getSigninToken(endpoint, credentials);
      url = loginUrl(endpoint, token, destination, session.startUrl);
      // The URL is never logged: only what it leads to.
      ctx.log.info('console sign-in URL made', { accountId: t.accountId, roleName: t.roleName });
    }
    if (v['print-url'] === true) {
      ctx.stdout.write(`${url}\n`);
      return 0;
    }
    if (!(await openUrlWith(url, browser, ctx.env))) {
      throw new SsoTrayError(
        'INVALID_INPUT',
        browser.browser === 'default'
          ? 'No browser could be opened. Use --print-url to get the URL instead.'
          : `${browser.browser} could not be started: is it installed? Use --print-url to get the URL instead.`,
      );
    }
    ctx.stderr.write(`Opened the AWS console as ${t.roleName} in ${t.accountId}.\n`);
    return 0;
  },
};
