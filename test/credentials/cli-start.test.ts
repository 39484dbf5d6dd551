// What a cached `credential-process` does before it answers: `aws` starts one before every
// command, so it must not do the work of other commands at start (sorting, servers, children).
// A preloaded hook writes down, at exit, the built-in modules the process loaded and whether it
// built a collator (which loads ICU data).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { login } from './helpers';
import { SESSION, type SandboxHome } from '../support/sandbox-home';
import { useSandboxPerTest } from '../support/signed-in';
import { cli } from '../support/cli';

interface StartTrace {
  builtins: string[];
  collators: number;
}

const HOOK = `const { writeFileSync } = require('node:fs');
let collators = 0;
const Collator = Intl.Collator;
Intl.Collator = new Proxy(Collator, {
  construct(target, args) { collators++; return Reflect.construct(target, args); },
  apply(target, self, args) { collators++; return Reflect.apply(target, self, args); },
});
process.on('exit', () => {
  const builtins = process.moduleLoadList
    .filter((m) => m.startsWith('NativeModule '))
    .map((m) => m.slice('NativeModule '.length));
  writeFileSync(process.env.START_TRACE, JSON.stringify({ builtins, collators }));
});
`;

describe('sso-tray credential-process at start', () => {
  let h: SandboxHome;
  let account: string;
  let role: string;
  useSandboxPerTest(
    { accounts: 2, rolesPerAccount: 1 },
    (s) => ({ h, accountId: account, roleName: role } = s),
  );

  async function traced(args: string[]): Promise<{ stdout: string; trace: StartTrace }> {
    const hook = join(h.home, 'start-hook.cjs');
    const out = join(h.home, 'start-trace.json');
    writeFileSync(hook, HOOK);
    writeFileSync(out, '');
    const r = await cli(args, { ...h.env, START_TRACE: out }, ['--require', hook]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return { stdout: r.stdout, trace: JSON.parse(readFileSync(out, 'utf8')) as StartTrace };
  }

  it('answers from the cache before the other commands load: no server, child, socket, crypto or fs/promises module', async () => {
    await login(h.env);
    const args = ['credential-process', '--account', account, '--role', role, '--session', SESSION];
    const first = await traced(args);
    const cached = await traced(args);
    expect(cached.stdout).toBe(first.stdout);
    for (const m of ['http', 'child_process', 'net', 'dgram', 'crypto', 'fs/promises']) {
      expect(cached.trace.builtins).not.toContain(m);
    }
    // Without --session the whole command line runs (it reads the session from the config
    // file), and it prints the same from the same cache.
    const full = await traced(args.slice(0, -2));
    expect(full.stdout).toBe(first.stdout);
    // The hook sees those modules when something loads them.
    const out = join(h.home, 'probe-trace.json');
    const probe = spawnSync(
      process.execPath,
      ['--require', join(h.home, 'start-hook.cjs'), '-e', "require('node:http')"],
      { env: { START_TRACE: out }, encoding: 'utf8' },
    );
    expect(probe.status).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as StartTrace).builtins).toContain('http');
  });

  it('answers from the cache without building a collator', async () => {
    await login(h.env);
    const args = ['credential-process', '--account', account, '--role', role];
    const first = await traced(args);
    const cached = await traced(args);
    expect(cached.stdout).toBe(first.stdout);
    expect(JSON.parse(cached.stdout)).toMatchObject({ Version: 1 });
    expect(cached.trace.collators).toBe(0);
    // The hook sees a collator when one is built: `accounts` sorts with one.
    const listed = await traced(['accounts']);
    expect(listed.stdout).toContain(account);
    expect(listed.trace.collators).toBeGreaterThan(0);
  });
});
