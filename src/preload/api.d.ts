// The type of what the preload exposes. In a plain browser (web host) the preload does not run:
// src/renderer/web-bridge.ts installs the same object over HTTP before the app renders.
import type { Api } from '../shared/ipc-renderer';

declare global {
  interface Window {
    api: Api;
  }
}

export {};
