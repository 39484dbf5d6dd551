// The Electron main process entry (electron-vite bundles it as out/main/index.js). All the work
// is in ./main, which takes what this file reads from the process so tests can drive it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppLog } from './log';
import { runMain } from './main';
import { loadElectronAutoUpdater } from './updater';

void runMain({
  env: process.env,
  platform: process.platform,
  mainDir: dirname(fileURLToPath(import.meta.url)),
  resourcesPath: process.resourcesPath,
  createLog: createAppLog,
  // Loaded only by a packaged build that looks for updates (runMain decides).
  loadAutoUpdater: loadElectronAutoUpdater,
  readAppUpdateYml: () => readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8'),
});
