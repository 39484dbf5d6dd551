// Bundles the `sso-tray` command into one CommonJS file, out/cli/sso-tray.cjs, so
// `credential_process` starts fast: plain `node`, no TypeScript loader, and no ES module loader
// (Node builds an ES module view of each built-in an ES module imports, which costs a cached
// `credential-process` about a fifth of its run). Dependencies stay in node_modules; the SDK is
// loaded with import() only when a call needs it. out/cli/sso-tray.mjs stays as a one-line entry
// for `credential_process` lines written by earlier versions.
import { build } from 'esbuild';
import { existsSync, writeFileSync } from 'node:fs';
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
  outfile: join(root, 'out/cli/sso-tray.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  // Half the source to parse at every start (a credential_process runs before each `aws`
  // command); names are kept, so errors and classes read as in the source.
  minify: true,
  keepNames: true,
  sourcemap: false,
  logLevel: 'warning',
});
writeFileSync(
  join(root, 'out/cli/sso-tray.mjs'),
  "// Entry kept for credential_process lines written before out/cli/sso-tray.cjs.\nimport './sso-tray.cjs';\n",
);
