// The Electron main process entry (electron-vite bundles it as out/main/index.js). All the work
// is in ./main, which takes what this file reads from the process so tests can drive it.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppLog } from './log';
import { runMain } from './main';

void runMain({
  env: process.env,
  platform: process.platform,
  mainDir: dirname(fileURLToPath(import.meta.url)),
  resourcesPath: process.resourcesPath,
  createLog: createAppLog,
});
