import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './main';

describe('emulator flags', () => {
  it('parses every flag', () => {
    const { help, options } = parseArgs([
      '--port',
      '0',
      '--accounts',
      '500',
      '--roles-per-account',
      '3',
      '--seed',
      '42',
      '--latency-ms',
      '25',
      '--rate-limit',
      '20',
      '--fail-rate',
      '0.1',
      '--auto-approve',
      '--token-seconds',
      '600',
      '--credential-seconds',
      '240',
      '--device-code-seconds',
      '30',
      '--poll-interval-seconds',
      '2',
      '--quiet',
    ]);
    expect(help).toBe(false);
    expect(options).toEqual({
      port: 0,
      accounts: 500,
      rolesPerAccount: 3,
      seed: 42,
      latencyMs: 25,
      rateLimit: 20,
      failRate: 0.1,
      autoApprove: true,
      tokenSeconds: 600,
      credentialSeconds: 240,
      deviceCodeSeconds: 30,
      pollIntervalSeconds: 2,
      quiet: true,
    });
  });

  it('accepts --flag=value and --help', () => {
    expect(parseArgs(['--port=8080', '--help'])).toEqual({ help: true, options: { port: 8080 } });
  });

  it.each([
    [['--nope']],
    [['--port']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--accounts', '1.5']],
    [['--fail-rate', '2']],
    [['--latency-ms', '-1']],
    [['--roles-per-account', '0']],
  ])('rejects %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
  });
});
