// What clicking a tray item or a notification asks the app to do. Plain, serialisable data so
// the Electron host, the web host and tests all drive the app the same way.

export const COPY_FORMATS = ['env-macos', 'env-windows', 'env-powershell'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

export type Platform = 'darwin' | 'win32' | 'linux';

export interface RoleTarget {
  session: string;
  accountId: string;
  roleName: string;
}

export type TrayAction =
  | ({ kind: 'copy'; format: CopyFormat } & RoleTarget)
  | ({ kind: 'writeProfile'; profileName?: string } & RoleTarget)
  | ({ kind: 'openConsole' } & RoleTarget)
  | ({ kind: 'openAccessKeys' } & RoleTarget)
  | ({ kind: 'toggleFavourite' } & RoleTarget)
  | { kind: 'selectSession'; session: string }
  | { kind: 'refresh' }
  | { kind: 'signIn'; session?: string }
  | { kind: 'signOut'; session: string }
  | { kind: 'open' }
  | { kind: 'settings' }
  | { kind: 'quit' };

/** The copy formats in menu order: the user's own platform first. */
export function copyFormatsFor(platform: Platform): CopyFormat[] {
  return platform === 'win32'
    ? ['env-windows', 'env-powershell', 'env-macos']
    : ['env-macos', 'env-windows', 'env-powershell'];
}

export const COPY_FORMAT_LABELS: Record<CopyFormat, string> = {
  'env-macos': 'Copy for macOS/Linux',
  'env-windows': 'Copy for Windows',
  'env-powershell': 'Copy for PowerShell',
};

export function platformCopyFormat(platform: Platform): CopyFormat {
  return copyFormatsFor(platform)[0] ?? 'env-macos';
}
