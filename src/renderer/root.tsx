// The React tree of the window, loaded by main.tsx after the boot requests are on their way.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Api } from '../shared/ipc-renderer';
import { ApiContext } from './components/api-context';
import { App } from './components/App';
import { PALETTE_ROUTE, PaletteWindow } from './components/PaletteWindow';

export function renderApp(container: HTMLElement, api: Api): void {
  createRoot(container).render(
    <StrictMode>
      <ApiContext.Provider value={api}>
        {window.location.hash === PALETTE_ROUTE ? <PaletteWindow /> : <App />}
      </ApiContext.Provider>
    </StrictMode>,
  );
}
