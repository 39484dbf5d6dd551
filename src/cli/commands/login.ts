import type { LoginPrompt } from '../../main/core/sso';
import { nonEmpty, parseCommandArgs, UsageError } from '../args';
import { openInBrowser } from '../open-browser';
import type { CliCommand } from '../types';

const usage = `Usage: sso-tray login [--session NAME] [--start-url URL --region REGION] [--device-code] [--no-browser]

Signs in to AWS IAM Identity Center and stores the token where the AWS CLI and SDKs find it.
  --session NAME     the [sso-session] to use (default: the only one in the config file)
  --start-url URL    the AWS access portal URL; with --region, adds [sso-session] when missing
  --region REGION    the IAM Identity Center region, e.g. eu-west-1
  --device-code      use the device code flow instead of a browser redirect
  --no-browser       print the URL to open instead of opening a browser`;

function describe(p: LoginPrompt): string {
  if (p.flow === 'pkce') {
    return `Open this URL in a browser to sign in:\n\n  ${p.url}\n\nWaiting for the sign-in to finish (Ctrl+C to cancel)...\n`;
  }
  return (
    `To sign in, open this URL in a browser:\n\n  ${p.url}\n\n` +
    (p.userCode ? `and check that it shows the code: ${p.userCode}\n\n` : '') +
    `Waiting for the sign-in to be approved (Ctrl+C to cancel)...\n`
  );
}

export const login: CliCommand = {
  name: 'login',
  summary: 'sign in and store the token in the AWS CLI cache',
  usage,
  async run(args, ctx) {
    const v = parseCommandArgs(
      args,
      {
        session: { type: 'string' },
        'start-url': { type: 'string' },
        region: { type: 'string' },
        'device-code': { type: 'boolean' },
        'no-browser': { type: 'boolean' },
      },
      usage,
    );
    const startUrl = nonEmpty(v['start-url'], '--start-url', usage);
    const region = nonEmpty(v.region, '--region', usage);
    if ((startUrl === undefined) !== (region === undefined)) {
      throw new UsageError('--start-url and --region go together: give both or neither.', usage);
    }
    const noBrowser = v['no-browser'] === true;
    const flow = v['device-code'] ? 'device' : 'pkce';
    const abort = new AbortController();
    const onSigint = (): void => abort.abort();
    process.once('SIGINT', onSigint);
    try {
      const status = await ctx.core().login({
        ...(v.session !== undefined ? { session: nonEmpty(v.session, '--session', usage) } : {}),
        ...(startUrl !== undefined ? { startUrl } : {}),
        ...(region !== undefined ? { region } : {}),
        flow,
        // With --no-browser the PKCE URL is printed (onPrompt) and the user opens it themselves.
        ...(noBrowser
          ? flow === 'pkce'
            ? { openBrowser: async () => true }
            : {}
          : { openBrowser: (url: string) => openInBrowser(url) }),
        onPrompt: (p) => ctx.stderr.write(describe(p)),
        signal: abort.signal,
      });
      const until = status.expiresAt
        ? `; the token is valid until ${new Date(status.expiresAt).toISOString()}`
        : '';
      ctx.stdout.write(`Signed in to ${status.session} (${status.startUrl})${until}.\n`);
      return 0;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};
