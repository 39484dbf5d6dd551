#!/usr/bin/env node
// Entry point of the `sso-tray` command (tsx in a checkout, bundled to out/cli/sso-tray.cjs).
import packageJson from '../../package.json';
import { runCli } from './run';

// The SDK's "newer versions will need Node 22" notice is for developers, not for people reading
// this command's stderr (or for credential_process callers, which show stderr as an error).
// It is read when a client is created, so setting it here is early enough.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// No top-level await: the bundle is CommonJS (see tools/build-cli.mjs).
void runCli(process.argv.slice(2), { version: packageJson.version }).then((code) => {
  process.exitCode = code;
});
