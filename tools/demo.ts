// `npm run demo -- [emulator flags]`: the local AWS emulator with a demo organisation and the
// real Electron app pointed at it (AWS_ENDPOINT_URL_*), in a throw-away HOME so the developer's
// own ~/.aws is never touched. Needs the Electron binary; without it, use `npm run demo:web`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from './emulator/index';
import { parseArgs, UsageError } from './emulator/main';
import { findElectronBinary } from './electron-binary';
import { createSandboxHome } from './sandbox-home';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  let options;
  try {
    const parsed = parseArgs(process.argv.slice(2));
    if (parsed.help) {
      console.log('Usage: npm run demo -- [emulator flags such as --auto-approve --accounts 50]');
      return 0;
    }
    options = parsed.options;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const electron = findElectronBinary();
  if (electron.path === null) {
    console.error(`demo: no Electron binary (${electron.reason}). Try \`npm run demo:web\`.`);
    return 1;
  }
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
    const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) return built.status ?? 1;
  }

  const emulator = await startEmulator({ port: 0, ...options, quiet: true });
  const sandbox = await createSandboxHome({
    session: { name: 'demo', startUrl: emulator.startUrl, region: emulator.region },
    endpoint: emulator.url,
    prefix: 'sso-tray-demo-',
  });
  const home = sandbox.home;
  console.log(JSON.stringify({ url: emulator.url, startUrl: emulator.startUrl, home }));

  const child = spawn(electron.path, [root], {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...sandbox.env,
      // The emulator's approval pages are http on 127.0.0.1 (unpackaged builds only).
      SSO_TRAY_ALLOW_LOOPBACK_HTTP: '1',
      // A demo never looks for updates.
      SSO_TRAY_DEMO: '1',
    },
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 0)));
  await emulator.close();
  await sandbox.cleanup();
  return code;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
