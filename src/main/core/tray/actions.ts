// What clicking a tray item or a notification asks the app to do. Plain, serialisable data so
// the Electron host, the web host and tests all drive the app the same way.
import type { EnvFormatId, EnvShell, MoreFormatId } from '../../../shared/credential-formats';

export type { Platform } from '../../../shared/ipc-views';

export interface RoleTarget {
  session: string;
  accountId: string;
  roleName: string;
}

export type TrayAction =
  | ({ kind: 'copy'; format: EnvFormatId | MoreFormatId } & RoleTarget)
  /** The two lines pointing a shell at the local credentials endpoint. */
  | ({ kind: 'copyEndpoint'; shell: EnvShell } & RoleTarget)
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
  /** Looks for an update now. */
  | { kind: 'checkUpdates' }
  /** The user accepts the downloaded update: the app restarts into it. */
  | { kind: 'restartToUpdate' }
  | { kind: 'quit' };
