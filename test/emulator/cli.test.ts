// `npm run emulator`: one JSON ready line on stdout, usage errors exit 2, SIGTERM closes cleanly.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const main = join(root, 'tools', 'emulator', 'main.ts');

function startCli(args: string[]) {
  const child = spawn(tsx, [main, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  ready.catch(() => undefined); // only awaited by tests that expect a start
  return { child, ready, exited, out: () => stdout, err: () => stderr };
}

describe('emulator CLI', () => {
  it('prints exactly one JSON ready line, serves, and stops on SIGTERM', async () => {
    const cli = startCli(['--port', '0', '--auto-approve', '--seed', '7']);
    const line = await cli.ready;
    const ready = JSON.parse(line) as Record<string, string>;
    expect(Object.keys(ready)).toEqual(['url', 'startUrl', 'region']);
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.startUrl).toMatch(/^https:\/\/d-[0-9a-f]{10}\.awsapps\.com\/start$/);
    expect(ready.region).toBe('us-east-1');
    const state = await fetch(`${ready.url}/_emulator/state`);
    expect(state.status).toBe(200);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.out()).toBe(`${line}\n`);
  });

  it('keeps stderr quiet with --quiet', async () => {
    const cli = startCli(['--quiet']);
    await cli.ready;
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(cli.err()).toBe('');
  });

  it('exits 2 with a message on stderr for a bad flag', async () => {
    const cli = startCli(['--fail-rate', 'lots']);
    expect(await cli.exited).toBe(2);
    expect(cli.out()).toBe('');
    expect(cli.err()).toMatch(/--fail-rate/);
  });
});
