// The app core's questions (ConfirmPort) as native message boxes of the main process: the window
// cannot draw, answer or skip them. Without a parent window, so hiding the tray window on blur
// never hides the question with it. Cancel is the default and what Escape or closing means.
import { dialog, type MessageBoxOptions } from 'electron';
import type { ConfirmPort, ConfirmRequest } from '../core/app';

export function messageBoxOptions(request: ConfirmRequest): MessageBoxOptions {
  return {
    type: 'warning',
    title: request.title,
    message: request.message,
    detail: request.detail,
    buttons: [request.confirmLabel, 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

export function electronConfirm(): ConfirmPort {
  return {
    async confirm(request) {
      try {
        const { response } = await dialog.showMessageBox(messageBoxOptions(request));
        return response === 0;
      } catch {
        return false;
      }
    },
  };
}
