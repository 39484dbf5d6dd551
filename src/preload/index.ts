// The only bridge between the sandboxed window and the app: `window.api`, one named function per
// channel of the contract (src/shared/ipc-contract.ts; the client is src/shared/ipc-renderer.ts).
// Nothing else is exposed (no ipcRenderer, no generic send), so a compromised page can only call
// what the contract allows.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi } from '../shared/ipc-renderer';
import { eventChannel } from '../shared/event-channel';

const api = createApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (event, listener) => {
    const channel = eventChannel(event);
    const handler = (_e: IpcRendererEvent, data: unknown) => listener(data);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
});

contextBridge.exposeInMainWorld('api', api);
