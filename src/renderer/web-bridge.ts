// `window.api` for a plain browser, when the renderer is served by the web host instead of
// running in Electron: the contract's api (../shared/ipc-renderer) over the web host's
// HTTP transport (./web-transport, which says what travels how).
import { createApi, type Api, type Transport } from '../shared/ipc-renderer';
import { createWebTransport, pageEnv, type WebBridgeEnv } from './web-transport';

export { takeToken, type WebBridgeEnv } from './web-transport';

export function createWebApi(env: WebBridgeEnv): Api {
  return createApi(createWebTransport(env));
}

/**
 * Installs `window.api` when the preload did not provide one: over `transport` (which may hold
 * requests the entry already sent, lib/prefetch), or over a new one for this page.
 */
export function ensureApi(transport?: Transport): Api {
  if (!('api' in window) || window.api === undefined) {
    window.api = createApi(transport ?? createWebTransport(pageEnv()));
  }
  return window.api;
}
