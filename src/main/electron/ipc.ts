// Registers one ipcMain handler per channel of the contract. Each one checks the sender frame
// first, then the payload schema, then calls the app core: all in handleIpc (pure, tested).
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { eventChannel, type EventName } from '../../shared/ipc-contract';
import {
  handleIpc,
  INVOKE_CHANNELS,
  type DispatchOptions,
  type Handlers,
} from '../core/ipc/dispatch';

function senderOf(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return { url: frame?.url ?? null, isTopFrame: frame !== null && frame.parent === null };
}

export function registerIpc(
  handlers: Handlers,
  appOrigin: () => string,
  options: DispatchOptions = {},
): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      handleIpc(channel, senderOf(event), payload, handlers, appOrigin(), options),
    );
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Pushes an app event to the window (events carry no secrets; see the contract). */
export function sendEvent(
  target: WebContents | null | undefined,
  event: EventName,
  payload: unknown,
): void {
  if (!target || target.isDestroyed()) return;
  target.send(eventChannel(event), payload);
}
