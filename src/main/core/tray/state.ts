// Everything the tray shows, as one plain value the app core publishes on every change.
import type { Platform } from './actions';
import type { UpdateStatus } from '../../../shared/updates';

export interface TraySession {
  name: string;
  /** Signed in means a token exists; `expiresAt` tells whether it still works. */
  status: 'signed-in' | 'signed-out' | 'signing-in' | 'expired';
  /** When the sign-in ends (epoch ms). */
  expiresAt?: number;
}

export interface TrayAccount {
  accountId: string;
  accountName: string;
  /** Role names; undefined while they are not loaded yet. */
  roles?: readonly string[];
}

export interface TrayRoleRef {
  session: string;
  accountId: string;
  roleName: string;
  accountName?: string;
}

/** Role credentials the user copied or wrote, whose expiry the tray counts down. */
export interface TrayCredentials {
  session: string;
  accountId: string;
  roleName: string;
  source: 'copied' | 'written';
  expiresAt: number;
  profileName?: string;
}

export interface TrayState {
  now: number;
  platform: Platform;
  sessions: readonly TraySession[];
  activeSession: string | null;
  /** Accounts of the active session (any order; the menu sorts them). */
  accounts: readonly TrayAccount[];
  accountsLoading?: boolean;
  favourites: readonly TrayRoleRef[];
  /** Most recent first. */
  recents: readonly TrayRoleRef[];
  credentials: readonly TrayCredentials[];
  /** Warning thresholds in minutes; the largest one turns the icon to "expiring". */
  thresholdsMinutes: readonly number[];
  /** The local credentials endpoint is on: roles offer its lines to copy. */
  endpoint?: boolean;
  /** The app's updates (absent or `off`: no update items). */
  updates?: UpdateStatus;
}
