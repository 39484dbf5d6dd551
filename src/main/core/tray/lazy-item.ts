// A submenu built on first read, for the accounts of large organisations.
import type { TrayMenuItem } from './menu-item';

/**
 * An account whose role items are built the first time anything reads its submenu (and kept from
 * then on). An organisation of 10,000 accounts has some 300,000 items below its accounts, and a
 * menu opens a handful of them; whoever walks or serialises the whole tree (toJSON) still sees
 * every item.
 */
export class LazyItem<T> implements TrayMenuItem {
  readonly type = 'submenu';
  private built: TrayMenuItem[] | undefined;

  readonly id: string;
  readonly label: string;
  private readonly source: T;
  private readonly build: (source: T, id: string) => TrayMenuItem[];

  constructor(o: {
    id: string;
    label: string;
    source: T;
    build: (source: T, id: string) => TrayMenuItem[];
  }) {
    this.id = o.id;
    this.label = o.label;
    this.source = o.source;
    this.build = o.build;
  }

  get submenu(): TrayMenuItem[] {
    return (this.built ??= this.build(this.source, this.id));
  }

  toJSON(): TrayMenuItem {
    return { id: this.id, label: this.label, type: this.type, submenu: this.submenu };
  }
}
