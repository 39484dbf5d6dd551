// `npm run demo:web -- [flags]`: the emulator with a demo organisation, the app core, and the
// real renderer in any browser. Prints the emulator's ready JSON line, then the page's URL with
// its token, and runs until Ctrl+C (SIGINT) or SIGTERM.
import { parseArgs as parseEmulatorArgs, UsageError } from '../emulator/main';
import type { Platform } from '../../src/main/core/tray/actions';
import { startWebHost, type WebHostOptions } from './index';
import { closeOnSignals, isEntryPoint, runMain } from '../process-entry';

const HELP = `Usage: npm run demo:web -- [flags]

Starts the local AWS emulator (a demo organisation), the SSO Tray app core in a sandbox HOME
pointed at it, and serves the real window on http://127.0.0.1:PORT/?token=… for any browser.
What the OS would do is recorded and readable with the token in an "Authorization: Bearer
TOKEN" header (requests from another Origin are refused): /_debug/tray (POST
/_debug/tray/click {"id"} or {"path":[…labels]}), /_debug/notifications (POST
/_debug/notifications/click {"id","action"?}), /_debug/clipboard, /_debug/opened, /_debug/paths,
/_debug/state, /_debug/clock (POST {"advanceMs"}), /_debug/confirmations (the questions main
would ask in a dialog; POST /_debug/confirmations/answer {"id","confirm":true|false}),
POST /_debug/palette (presses the quick pick's global shortcut; GET: what is registered).

Web host flags:
  --port N             port on 127.0.0.1 (default: any free port)
  --home DIR           keep the sandbox HOME in DIR (default: a temp folder removed on exit)
  --clock-speed N      run expiry schedules N times faster than real time (default 1)
  --platform P         darwin | win32 | linux (default: this machine's)
  --emulator-port N    port of the emulator (default: any free port)
  --help               show this help

Every other flag goes to the emulator, e.g. --auto-approve, --accounts N, --credential-seconds
240, --latency-ms N, --rate-limit RPS, --fail-rate F, --token-seconds N, --seed N.
`;

export function parseWebHostArgs(argv: readonly string[]): {
  help: boolean;
  options: WebHostOptions;
} {
  const rest: string[] = [];
  const options: WebHostOptions = {};
  let help = false;
  const value = (flag: string, i: number, inline: string | undefined): string => {
    const v = inline ?? argv[i];
    if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const number = (flag: string, raw: string, min: number, max: number): number => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) {
      throw new UsageError(`${flag} must be a number ${min}..${max}, got "${raw}"`);
    }
    return n;
  };
  let emulatorPort: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const take = () => value(flag, inline === undefined ? ++i : i, inline);
    switch (flag) {
      case '--help':
      case '-h':
        help = true;
        break;
      case '--port':
        options.port = number(flag, take(), 0, 65535);
        break;
      case '--home':
        options.home = take();
        break;
      case '--clock-speed':
        options.clockSpeed = number(flag, take(), 0.001, 100_000);
        break;
      case '--platform': {
        const p = take();
        if (p !== 'darwin' && p !== 'win32' && p !== 'linux') {
          throw new UsageError(`--platform is darwin, win32 or linux, got "${p}"`);
        }
        options.platform = p satisfies Platform;
        break;
      }
      case '--emulator-port':
        emulatorPort = number(flag, take(), 0, 65535);
        break;
      default:
        rest.push(arg);
    }
  }
  const emulator = parseEmulatorArgs(rest);
  if (emulator.help) help = true;
  options.emulator = {
    ...emulator.options,
    ...(emulatorPort === undefined ? {} : { port: emulatorPort }),
  };
  return { help, options };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseWebHostArgs>;
  try {
    parsed = parseWebHostArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`demo:web: ${e.message}\nRun with --help for the list of flags.\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(HELP);
    return;
  }
  // The app core's log goes to this terminal too (and to the file named below).
  const host = await startWebHost({ ...parsed.options, logTo: process.stderr });
  const { emulator } = host;
  // Before the ready line: whoever reads it may stop the host at once.
  closeOnSignals(() => host.close());
  process.stdout.write(
    `${JSON.stringify({ url: emulator.url, startUrl: emulator.startUrl, region: emulator.region })}\n`,
  );
  process.stdout.write(`SSO Tray web host: ${host.appUrl}\n`);
  process.stderr.write(
    `demo:web: ${emulator.organisation.accounts.length} accounts; sign in as ${emulator.userName}` +
      (parsed.options.emulator?.autoApprove
        ? ' (auto-approve is on)'
        : ' (approve in the page that opens)') +
      `\ndemo:web: sandbox HOME ${host.paths.home}\ndemo:web: log ${host.paths.logFile}` +
      `\ndemo:web: Ctrl+C to stop\n`,
  );
}

// Run only as the entry point, so tests can import parseArgs.
if (isEntryPoint(import.meta.url)) runMain('demo:web', main);
