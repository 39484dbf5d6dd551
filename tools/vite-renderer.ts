// The renderer's Vite plugins, shared by every build of it (electron-vite, the web host, the
// bench) so they all emit the same files.
import react from '@vitejs/plugin-react';
import type { PluginOption } from 'vite';

export function rendererPlugins(): PluginOption[] {
  return [react()];
}
