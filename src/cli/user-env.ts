// The environment as the user started sso-tray, while the process's own environment may hold a
// variable the CLI set for itself. A view, not a copy: reads go to process.env, so on Windows a
// name still matches whatever its case (a copy would be case-sensitive there), and only the
// names the CLI set itself (and the user had not) are hidden from reads, `in` and spreading.

/**
 * Sets `name` in `env` unless the user did, and returns `env` as the user gave it. Names match
 * whatever their case on Windows, where the environment ignores case, and exactly elsewhere.
 */
export function setForSelf(
  env: NodeJS.ProcessEnv,
  name: string,
  value: string,
  platform: NodeJS.Platform = process.platform,
): NodeJS.ProcessEnv {
  if (env[name] !== undefined) return env;
  env[name] = value;
  const same =
    platform === 'win32'
      ? (key: string) => key.toUpperCase() === name.toUpperCase()
      : (key: string) => key === name;
  const hidden = (key: string | symbol): boolean => typeof key === 'string' && same(key);
  return new Proxy(env, {
    get: (target, key) => (hidden(key) ? undefined : Reflect.get(target, key)),
    has: (target, key) => !hidden(key) && Reflect.has(target, key),
    ownKeys: (target) => Reflect.ownKeys(target).filter((key) => !hidden(key)),
    getOwnPropertyDescriptor: (target, key) =>
      hidden(key) ? undefined : Reflect.getOwnPropertyDescriptor(target, key),
  });
}
