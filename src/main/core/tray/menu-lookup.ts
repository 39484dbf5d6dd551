// Finding items in a tray menu model: the one lookup the app core (a click by id), the web host
// (a click by labels) and the tests use.
import type { TrayMenuItem } from './menu-item';

/** Depth-first walk over every item. */
export function* walkMenu(
  items: readonly TrayMenuItem[],
  path: string[] = [],
): Generator<{ item: TrayMenuItem; path: string[] }> {
  for (const item of items) {
    const here = [...path, item.label];
    yield { item, path: here };
    if (item.submenu) yield* walkMenu(item.submenu, here);
  }
}

/** The item with `id`, or the one whose labels from the top match `labelPath`. */
export function findMenuItem(
  items: readonly TrayMenuItem[],
  target: { id: string } | { labelPath: readonly string[] },
): TrayMenuItem | undefined {
  for (const { item, path } of walkMenu(items)) {
    if ('id' in target ? item.id === target.id : sameLabels(path, target.labelPath)) return item;
  }
  return undefined;
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}
