#!/usr/bin/env node
// Entry for the installed `sso-tray` command: runs the bundled CLI (built by `npm run build:cli`,
// which `npm install` runs through the `prepare` script). CommonJS, like the bundle, so that no
// ES module loader starts (see tools/build-cli.mjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../out/cli/sso-tray.cjs');
