// One item of the tray menu model and the small pieces every section uses. Electron turns the
// model into a native menu (src/main/electron/menu.ts), the web host into JSON a test can click.
import type { TrayAction } from './actions';

export interface TrayMenuItem {
  id: string;
  label: string;
  type?: 'normal' | 'separator' | 'submenu' | 'header';
  enabled?: boolean;
  checked?: boolean;
  submenu?: TrayMenuItem[];
  action?: TrayAction;
}

/** No menu level holds more items than this (native menus become unusable beyond ~40). */
export const DEFAULT_MENU_CAP = 40;

export const separator = (id: string): TrayMenuItem => ({ id, label: '', type: 'separator' });
export const header = (id: string, label: string): TrayMenuItem => ({
  id,
  label,
  type: 'header',
  enabled: false,
});
