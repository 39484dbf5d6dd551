// The React tree of the window, loaded by main.tsx after the boot requests are on their way.
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import type { Api } from '../shared/ipc-renderer';
import { ApiContext } from './components/api-context';
import { App } from './components/App';
import { PALETTE_ROUTE } from './lib/routes';

/** The quick pick's own window (a route of the same page); its chunk is loaded only there. */
const PaletteWindow = lazy(() =>
  import('./components/PaletteWindow').then((m) => ({ default: m.PaletteWindow })),
);

export function renderApp(container: HTMLElement, api: Api): void {
  createRoot(container).render(
    <StrictMode>
      <ApiContext.Provider value={api}>
        {window.location.hash === PALETTE_ROUTE ? (
          <Suspense fallback={null}>
            <PaletteWindow />
          </Suspense>
        ) : (
          <App />
        )}
      </ApiContext.Provider>
    </StrictMode>,
  );
}
