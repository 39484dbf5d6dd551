#!/usr/bin/env node
// Entry for the installed `sso-tray` command: runs the bundled CLI (built by `npm run build:cli`,
// which `npm install` runs through the `prepare` script).
await import('../out/cli/sso-tray.mjs');
