import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// Integration tests spawn the bundled CLI (what users and credential_process run), so build it once.
export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'tools', 'build-cli.mjs')], {
    stdio: 'inherit',
  });
}
