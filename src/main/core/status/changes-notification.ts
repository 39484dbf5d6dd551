// The one notification after a listing that found accounts or roles added or removed.
import type { NotificationDescription } from '../expiry/notifications';
import { changesSummary, type ListingChanges } from '../../../shared/status-rules';

export function listingChangesNotification(
  session: string,
  changes: ListingChanges,
  now: number,
): NotificationDescription {
  return {
    id: `listing:${session}:${now}`,
    tag: `listing:${session}`,
    title: 'Your AWS access changed',
    body: `${session}: ${changesSummary(changes)}`,
    onClick: { kind: 'open' },
  };
}
