// Bundles the `sso-tray` command into one ESM file so `credential_process` starts fast
// (plain `node`, no TypeScript loader). Dependencies stay in node_modules.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src/cli/main.ts');
if (!existsSync(entry)) {
  console.log('build-cli: no src/cli/main.ts yet, nothing to build');
  process.exit(0);
}
await build({
  entryPoints: [entry],
  outfile: join(root, 'out/cli/sso-tray.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Half the source to parse at every start (a credential_process runs before each `aws`
  // command); names are kept, so errors and classes read as in the source.
  minify: true,
  keepNames: true,
  sourcemap: false,
  logLevel: 'warning',
});
