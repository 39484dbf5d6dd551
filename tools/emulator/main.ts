// `npm run emulator -- [flags]`: starts the local AWS emulator and prints one JSON line with its
// URL, start URL and region on stdout once it is ready. Human-readable lines go to stderr.
import { startEmulator, type EmulatorOptions } from './index';
import { closeOnSignals, isEntryPoint, runMain } from '../process-entry';

const HELP = `Usage: npm run emulator -- [flags]

Serves SSO OIDC, the SSO portal API and STS on one loopback port. When ready it prints one JSON
line on stdout: {"url":"http://127.0.0.1:PORT","startUrl":"https://d-….awsapps.com/start","region":"us-east-1"}

Flags:
  --port N                  port to bind on 127.0.0.1 (0 = any free port; default 0)
  --accounts N              number of accounts (default 12)
  --roles-per-account N     roles in every account (default: a deterministic mix of 1..6)
  --seed N                  seed for names, ids and the start URL (default 1)
  --latency-ms N            delay added to every AWS request (default 0)
  --rate-limit RPS          token bucket per operation; beyond it 429 TooManyRequestsException
  --fail-rate F             share (0..1) of AWS requests answered with a 500
  --auto-approve            approve device codes and /authorize requests at once
  --token-seconds N         access token lifetime (default 28800)
  --credential-seconds N    role credential lifetime (default 3600)
  --device-code-seconds N   device code lifetime (default 600)
  --poll-interval-seconds N polling interval returned to device-code clients (default 1)
  --quiet                   no human-readable lines on stderr
  --help                    show this help

Admin API: POST /_emulator/approve {"userCode"}, POST /_emulator/deny {"userCode"},
POST /_emulator/revoke, GET /_emulator/state, GET /_emulator/organisation,
POST /_emulator/configure {…}.
`;

export class UsageError extends Error {}

type NumberKey =
  | 'port'
  | 'accounts'
  | 'rolesPerAccount'
  | 'seed'
  | 'latencyMs'
  | 'rateLimit'
  | 'failRate'
  | 'tokenSeconds'
  | 'credentialSeconds'
  | 'deviceCodeSeconds'
  | 'pollIntervalSeconds';

const NUMBER_FLAGS: Record<
  string,
  { key: NumberKey; integer: boolean; min: number; max?: number }
> = {
  '--port': { key: 'port', integer: true, min: 0, max: 65535 },
  '--accounts': { key: 'accounts', integer: true, min: 0 },
  '--roles-per-account': { key: 'rolesPerAccount', integer: true, min: 1 },
  '--seed': { key: 'seed', integer: true, min: 0, max: 2 ** 32 - 1 },
  '--latency-ms': { key: 'latencyMs', integer: false, min: 0 },
  '--rate-limit': { key: 'rateLimit', integer: false, min: 0 },
  '--fail-rate': { key: 'failRate', integer: false, min: 0, max: 1 },
  '--token-seconds': { key: 'tokenSeconds', integer: true, min: 1 },
  '--credential-seconds': { key: 'credentialSeconds', integer: true, min: 1 },
  '--device-code-seconds': { key: 'deviceCodeSeconds', integer: true, min: 1 },
  '--poll-interval-seconds': { key: 'pollIntervalSeconds', integer: true, min: 1 },
};

/** Parses the flags; `help: true` when --help was given. Throws UsageError on bad input. */
export function parseArgs(argv: readonly string[]): { help: boolean; options: EmulatorOptions } {
  const options: EmulatorOptions = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--auto-approve') options.autoApprove = true;
    else if (flag === '--quiet') options.quiet = true;
    else {
      const spec = NUMBER_FLAGS[flag];
      if (!spec) throw new UsageError(`unknown flag: ${arg}`);
      const raw = inline ?? argv[++i];
      if (raw === undefined || raw === '') throw new UsageError(`${flag} needs a value`);
      const n = Number(raw);
      if (
        !Number.isFinite(n) ||
        (spec.integer && !Number.isInteger(n)) ||
        n < spec.min ||
        (spec.max !== undefined && n > spec.max)
      ) {
        const range = spec.max !== undefined ? `${spec.min}..${spec.max}` : `>= ${spec.min}`;
        throw new UsageError(
          `${flag} must be ${spec.integer ? 'an integer' : 'a number'} ${range}, got "${raw}"`,
        );
      }
      options[spec.key] = n;
    }
  }
  return { help, options };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`emulator: ${e.message}\nRun with --help for the list of flags.\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(HELP);
    return;
  }
  const { options } = parsed;
  const emulator = await startEmulator(options);
  // Before the ready line: whoever reads it may stop the emulator at once.
  closeOnSignals(() => emulator.close());
  process.stdout.write(
    `${JSON.stringify({ url: emulator.url, startUrl: emulator.startUrl, region: emulator.region })}\n`,
  );
  if (!options.quiet) {
    process.stderr.write(
      `emulator: ${emulator.organisation.accounts.length} accounts, signed-in user ${emulator.userName}\n` +
        `emulator: approve sign-ins at ${emulator.url}/device` +
        (options.autoApprove ? ' (auto-approve is on)' : '') +
        `\nemulator: Ctrl+C to stop\n`,
    );
  }
}

// Run only as the entry point, so tests can import parseArgs.
if (isEntryPoint(import.meta.url)) runMain('emulator', main);
