// The IPC channel name an event travels on in Electron (requests use their own names). Its own
// module, without zod, so that the preload, which loads before the window's page, loads no zod.
import type { EventName } from './ipc-events';

export const eventChannel = (name: EventName): string => `event:${name}`;
