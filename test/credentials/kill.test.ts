// A writer killed with SIGKILL at random moments leaves the old file or the new one, never a mix;
// the next writer takes over its stale lock and cleans up its temp file.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeProfile } from '../../src/main/core/credentials/credentials-file';
import { bundleWriter } from './fixtures/bundle';
import { checkFile } from './fixtures/check';

let dir: string;
let writer: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kill-'));
  writer = await bundleWriter(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a looping writer, lets it write for `afterWrites` writes plus a random delay, kills it. */
function killMidway(args: string[], afterWrites: number, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const writes = out.split('\n').filter((l) => /^\d+$/.test(l)).length;
      if (!armed && (writes >= afterWrites || (afterWrites === 0 && out.includes('ready')))) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('close', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`writer ended on its own (${code})`)),
    );
  });
}

it('SIGKILL at random points never leaves a mixed or partial file (40 runs)', async () => {
  const home = join(dir, 'home');
  const file = join(dir, 'credentials');
  // a big file makes each write take longer, so kills land inside writes more often
  let handWritten = '# hand-written\n';
  for (let i = 0; i < 1500; i++) {
    handWritten += `[p${i}]\naws_access_key_id = AKIA${i}\naws_secret_access_key = s${i}\n\n`;
  }
  writeFileSync(file, handWritten);
  const env = { HOME: home, AWS_SHARED_CREDENTIALS_FILE: file };
  let last: number | undefined;
  for (let run = 0; run < 40; run++) {
    await killMidway([home, file, 'victim_V', '0'], run % 3, Math.floor(Math.random() * 40));
    const found = checkFile(readFileSync(file, 'utf8'), handWritten, ['victim_V']).victim_V;
    if (last !== undefined) expect(found).toBeDefined();
    last = found;
  }
  // a normal writer still gets through: stale lock taken over, orphan temp files removed
  await writeProfile({
    env,
    profileName: 'after_X',
    credentials: {
      accessKeyId: 'ASIAafterXI0',
      secretAccessKey: 'secretafterXI0',
      sessionToken: 'tokenafterXI0',
      expiration: Date.now() + 1000,
    },
    accountId: '123456789012',
    roleName: 'Admin',
    session: 'emu',
  });
  expect(checkFile(readFileSync(file, 'utf8'), handWritten, ['after_X']).after_X).toBe(0);
  expect(readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
});
