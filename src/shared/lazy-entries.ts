// An object whose entries are built the first time they are read. The IPC contract has some thirty
// channels, each with its payload and result schemas; building all of them costs the window tens
// of milliseconds at start, when it needs five. With `lazyEntries`, a channel's schemas are built
// when a channel is first used, and then kept. Keys, `Object.keys`, `in` and `hasOwnProperty`
// behave as for a plain object, and the type is the plain object's, so the compiler still sees
// every channel. Pure: no zod, no Node, DOM or Electron.

/** Each entry is given as a function that builds it; it runs on the first read of that entry. */
export function lazyEntries<T extends Record<string, unknown>>(defs: {
  [K in keyof T]: () => T[K];
}): Readonly<T> {
  const out = {} as Record<string, unknown>;
  for (const key of Object.keys(defs)) {
    const build = defs[key] as () => unknown;
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = build();
        // From now on a plain, read-only property: later reads cost nothing.
        Object.defineProperty(out, key, { value, enumerable: true, configurable: false });
        return value;
      },
    });
  }
  // No entries can be added; the lazy ones stay redefinable until they are built.
  return Object.preventExtensions(out) as Readonly<T>;
}
