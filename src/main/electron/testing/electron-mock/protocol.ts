// Part of the `electron` mock (see ./index.ts): `protocol` (schemes and handlers, in the order `ready` imposes) and `session` permissions.
import type { CustomScheme } from 'electron';
import { record } from './events';
import { app } from './app';

// ---------------------------------------------------------------------------------------------
// protocol and session
// ---------------------------------------------------------------------------------------------

export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export class FakeProtocol {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  reset(): void {
    this.privileged.length = 0;
    this.handlers.clear();
  }

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (app.isReady()) {
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    }
    record('protocol.registerSchemesAsPrivileged');
    this.privileged.push(...schemes);
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (!app.isReady()) throw new Error('protocol.handle cannot be used before the app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    record('protocol.handle');
    this.handlers.set(scheme, handler);
  }

  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  // Driver: the page requests a URL of a handled scheme. --------------------------------------
  async request(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (handler === undefined) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${scheme})`);
    return handler(new Request(url, init));
  }
}

export type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
export type PermissionCheckHandler = (
  webContents: unknown,
  permission: string,
  requestingOrigin: string,
  details: unknown,
) => boolean;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;

  reset(): void {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    record('session.setPermissionRequestHandler');
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    record('session.setPermissionCheckHandler');
    this.permissionCheckHandler = handler;
  }

  // Drivers: a page asks. Without a handler Electron grants, so these answer true then. -------

  requestPermission(permission: string, requestingUrl = 'app://sso-tray/index.html') {
    const handler = this.permissionRequestHandler;
    if (handler === null) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      handler(null, permission, resolve, { requestingUrl, isMainFrame: true });
    });
  }

  checkPermission(permission: string, requestingOrigin = 'app://sso-tray'): boolean {
    const handler = this.permissionCheckHandler;
    if (handler === null) return true;
    return handler(null, permission, requestingOrigin, { isMainFrame: true });
  }
}

export const protocol = new FakeProtocol();
export const session = { defaultSession: new FakeSession() };
