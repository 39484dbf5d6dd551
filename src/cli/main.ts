#!/usr/bin/env node
// Entry point of the `sso-tray` command (tsx in a checkout, bundled to out/cli/sso-tray.cjs).
import { version } from '../../package.json';
import { cachedCredentialProcess } from './cached-answer';
import { fdOutput } from './output';
import { setForSelf } from './user-env';

// The SDK's "newer versions will need Node 22" notice is for developers, not for people reading
// this command's stderr (or for credential_process callers, which show stderr as an error).
// It is read from process.env when a client is created, so setting it here is early enough. The
// commands get userEnv, the environment as the user started sso-tray: what they read, and all
// that `exec` passes on to its command (and `console` to a named browser), so no child sees the
// notice's setting unless the user set it.
const userEnv = setForSelf(process.env, 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');

// No top-level await: the bundle is CommonJS (see tools/build-cli.mjs).
void (async () => {
  const argv = process.argv.slice(2);
  // A cached `credential-process` answers before the rest of the CLI is loaded: the bundle
  // evaluates run.ts and the commands (imported below) only when they are needed.
  const answer = await cachedCredentialProcess(argv, userEnv);
  if (answer !== undefined) {
    fdOutput(1, () => process.stdout).write(answer);
    process.exitCode = 0;
    return;
  }
  const { runCli } = await import('./run');
  process.exitCode = await runCli(argv, { version, env: userEnv });
})();
