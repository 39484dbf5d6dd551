// Part of the `electron` mock (see ./index.ts): What Electron passes to event handlers, and the log of what the code asked of the mock.

/** What Electron passes as the first argument of most events. */
export interface FakeEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function fakeEvent(): FakeEvent {
  let prevented = false;
  return {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}

/** The part of a WebFrameMain the adapters read: its URL and whether it is the top frame. */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export const DESTROYED = 'Object has been destroyed';
export const TRAY_DESTROYED = 'Tray is destroyed';

/** Every call the fakes record, in order, as `object.method` (for "before" assertions). */
export const log: string[] = [];
export const record = (entry: string) => {
  log.push(entry);
};
