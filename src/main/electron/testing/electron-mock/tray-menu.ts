// Part of the `electron` mock (see ./index.ts): `nativeImage`, `Menu` and `Tray`.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { MenuItemConstructorOptions, Rectangle } from 'electron';
import { TRAY_DESTROYED, fakeEvent, record } from './events';

// ---------------------------------------------------------------------------------------------
// Tray, menus, images
// ---------------------------------------------------------------------------------------------

export class FakeNativeImage {
  templateImage = false;
  /** Like Electron, an image from a path that does not exist is empty. */
  readonly empty: boolean;

  constructor(readonly path: string | null) {
    this.empty = path === null || !existsSync(path);
  }

  isEmpty(): boolean {
    return this.empty;
  }

  setTemplateImage(template: boolean): void {
    this.templateImage = template;
  }

  isTemplateImage(): boolean {
    return this.templateImage;
  }
}

export const nativeImage = {
  /** Every path `createFromPath` was given, in order. */
  paths: [] as string[],
  createFromPath(path: string): FakeNativeImage {
    nativeImage.paths.push(path);
    return new FakeNativeImage(path);
  },
  createEmpty(): FakeNativeImage {
    return new FakeNativeImage(null);
  },
  reset(): void {
    nativeImage.paths.length = 0;
  },
};

export class FakeMenu {
  constructor(readonly template: MenuItemConstructorOptions[]) {}

  static buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu {
    const menu = new FakeMenu(template);
    menus.push(menu);
    return menu;
  }

  /** Every item, submenus included, depth first. */
  flat(): MenuItemConstructorOptions[] {
    const walk = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((item) => [
        item,
        ...(Array.isArray(item.submenu) ? walk(item.submenu as MenuItemConstructorOptions[]) : []),
      ]);
    return walk(this.template);
  }

  item(id: string): MenuItemConstructorOptions | undefined {
    return this.flat().find((i) => i.id === id);
  }
}

export const menus: FakeMenu[] = [];

export class FakeTray extends EventEmitter {
  image: FakeNativeImage | string;
  readonly images: Array<FakeNativeImage | string> = [];
  toolTip = '';
  title = '';
  contextMenu: FakeMenu | null = null;
  /** How many times a context menu was set. */
  contextMenuSets = 0;
  bounds: Rectangle = { x: 0, y: 0, width: 0, height: 0 };
  private destroyed = false;

  constructor(image: FakeNativeImage | string) {
    super();
    record('new Tray');
    this.image = image;
    this.images.push(image);
    trays.push(this);
  }

  private alive(): void {
    if (this.destroyed) throw new TypeError(TRAY_DESTROYED);
  }

  setImage(image: FakeNativeImage | string): void {
    this.alive();
    this.image = image;
    this.images.push(image);
  }

  setToolTip(toolTip: string): void {
    this.alive();
    this.toolTip = toolTip;
  }

  setTitle(title: string): void {
    this.alive();
    this.title = title;
  }

  setContextMenu(menu: FakeMenu | null): void {
    this.alive();
    this.contextMenu = menu;
    this.contextMenuSets += 1;
  }

  getBounds(): Rectangle {
    this.alive();
    return { ...this.bounds };
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  // Driver: the user clicks the icon. --------------------------------------------------------
  click(): void {
    this.emit('click', fakeEvent(), this.bounds, { x: 0, y: 0 });
  }
}

export const trays: FakeTray[] = [];
