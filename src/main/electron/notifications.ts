// Desktop notifications from descriptions (src/main/core/expiry/notifications.ts). A click or an
// action button is reported with the notification's id so the app core performs the described
// action. A newer notification about the same item replaces the older one.
import { Notification } from 'electron';
import type { NotificationDescription } from '../core/expiry/notifications';

export class Notifier {
  /** Held so they are not garbage-collected (which drops their click handlers). */
  private readonly shown = new Map<string, Notification>();

  constructor(private readonly onClick: (id: string, actionId?: string) => void) {}

  show(description: NotificationDescription): void {
    if (!Notification.isSupported()) return;
    this.shown.get(description.tag)?.close();
    const actions = description.actions ?? [];
    const notification = new Notification({
      title: description.title,
      body: description.body,
      actions: actions.map((a) => ({ type: 'button' as const, text: a.label })),
    });
    notification.on('click', () => this.onClick(description.id));
    notification.on('action', (_event, index) => {
      const chosen = actions[index];
      if (chosen !== undefined) this.onClick(description.id, chosen.id);
    });
    notification.on('close', () => {
      if (this.shown.get(description.tag) === notification) this.shown.delete(description.tag);
    });
    this.shown.set(description.tag, notification);
    notification.show();
  }

  dispose(): void {
    for (const n of this.shown.values()) n.close();
    this.shown.clear();
  }
}
