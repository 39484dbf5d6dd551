// The tray menu description -> Electron's native menu template. A click reports the item (its
// id is what the app core's `tray.click` takes).
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayMenuItem } from '../core/tray';

export function toMenuTemplate(
  items: readonly TrayMenuItem[],
  onClick: (item: TrayMenuItem) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { id: item.id, type: 'separator' };
    if (item.type === 'header') {
      // Native menus have no header role everywhere; a disabled item reads the same.
      return { id: item.id, label: item.label, enabled: false };
    }
    const base: MenuItemConstructorOptions = {
      id: item.id,
      label: item.label,
      enabled: item.enabled ?? true,
    };
    if (item.submenu !== undefined) {
      return { ...base, submenu: toMenuTemplate(item.submenu, onClick) };
    }
    return {
      ...base,
      ...(item.checked !== undefined ? { type: 'checkbox', checked: item.checked } : {}),
      ...(item.action !== undefined ? { click: () => onClick(item) } : {}),
    };
  });
}
