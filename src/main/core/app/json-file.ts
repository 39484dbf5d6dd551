// The app's own small JSON files (accounts cache, app state): replaced atomically with mode 0600
// (files/replace-file.ts), read leniently (a missing or corrupt file is simply absent). They
// never hold secrets.
import { readFile } from 'node:fs/promises';
import { replaceFile } from '../files/replace-file';

export async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await replaceFile(path, `${JSON.stringify(value)}\n`, { mode: 0o600, dirMode: 0o700 });
}
