// `app://sso-tray/…` serves the built renderer (out/renderer) with the CSP header. Registered as
// standard + secure before `ready`, so the page gets a real origin for the IPC sender check, and
// nothing is ever loaded from file:// or the network.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppAsset } from '../core/security';

/** Must run before app `ready`. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // codeCache: V8 keeps the compiled renderer code between launches (by default only http(s)
      // pages get that), so the window starts without compiling its scripts again.
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: false,
        codeCache: true,
      },
    },
  ]);
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

export function handleAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 });
    const asset = resolveAppAsset(rendererDir, request.url);
    if (asset === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(asset.filePath);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: { 'Content-Type': asset.contentType, ...SECURITY_HEADERS },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
