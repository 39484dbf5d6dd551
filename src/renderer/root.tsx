// The React tree of the window, rendered by main.tsx once the boot's answers are in. The first
// render is synchronous (flushSync): it then happens in the same task as the answers (in the web
// host, while the page is still loading), so the browser's first frame of the page already holds
// the accounts instead of an empty page first, and no other task waits in between.
import { StrictMode, Suspense, lazy } from 'react';
import { flushSync } from 'react-dom';
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
  const root = createRoot(container);
  flushSync(() =>
    root.render(
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
    ),
  );
}
