// scheduler event -> what a desktop notification says and does when clicked.
import type { CredentialsExpiryItem, SchedulerEvent } from './scheduler';
import { platformEnvFormat } from '../../../shared/credential-formats';
import type { Platform, TrayAction } from '../tray/actions';
import { formatMinutesWords } from '../tray/time-left';

export interface NotificationAction {
  id: 'refresh' | 'signIn' | 'restart';
  label: string;
  action: TrayAction;
}

export interface NotificationDescription {
  /** Unique per event. */
  id: string;
  /** Same for every notification about one item, so a newer one replaces the older. */
  tag: string;
  title: string;
  body: string;
  actions?: NotificationAction[];
  onClick: TrayAction;
}

export interface NotificationOptions {
  platform: Platform;
}

function roleAction(item: CredentialsExpiryItem, platform: Platform): TrayAction {
  const target = { session: item.session, accountId: item.accountId, roleName: item.roleName };
  if (item.source === 'written') {
    return { kind: 'writeProfile', ...target, profileName: item.profileName };
  }
  return { kind: 'copy', format: platformEnvFormat(platform).id, ...target };
}

function what(item: CredentialsExpiryItem): string {
  return item.source === 'written' && item.profileName
    ? `AWS profile ${item.profileName}`
    : 'AWS credentials';
}

function clickHint(item: CredentialsExpiryItem): string {
  return item.source === 'written'
    ? 'click to write fresh credentials'
    : 'click to copy fresh credentials';
}

/** The notification for `event`, or null when the event needs none (auto refresh). */
export function notificationFor(
  event: SchedulerEvent,
  options: NotificationOptions,
): NotificationDescription | null {
  const { item } = event;
  const tag = `expiry:${item.id}`;
  if (event.type === 'autoRefresh') return null;

  if (item.kind === 'session') {
    const signIn: TrayAction = { kind: 'signIn', session: item.session };
    const name = item.session;
    const actions: NotificationAction[] = [{ id: 'signIn', label: 'Sign in', action: signIn }];
    if (event.type === 'warn') {
      return {
        id: `${tag}:warn:${event.thresholdMinutes}`,
        tag,
        title: `AWS sign-in ends in ${formatMinutesWords(event.msLeft)}`,
        body: `${name} — click to sign in again and keep your credentials coming`,
        actions,
        onClick: signIn,
      };
    }
    return {
      id: `${tag}:ended`,
      tag,
      title: 'AWS sign-in ended',
      body: `${name} — click to sign in again`,
      actions,
      onClick: signIn,
    };
  }

  const action = roleAction(item, options.platform);
  const actions: NotificationAction[] = [{ id: 'refresh', label: 'Refresh', action }];
  if (event.type === 'warn') {
    return {
      id: `${tag}:warn:${event.thresholdMinutes}`,
      tag,
      title: `${what(item)} expire${item.source === 'written' && item.profileName ? 's' : ''} in ${formatMinutesWords(event.msLeft)}`,
      body: `${item.label} — ${clickHint(item)}`,
      actions,
      onClick: action,
    };
  }
  return {
    id: `${tag}:expired`,
    tag,
    title: `${what(item)} expired`,
    body: `${item.label} — ${clickHint(item)}`,
    actions,
    onClick: action,
  };
}
