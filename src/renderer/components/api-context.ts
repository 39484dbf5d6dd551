import { createContext, useContext } from 'react';
import type { Api } from '../../shared/ipc-renderer';

export const ApiContext = createContext<Api | null>(null);

/** The api the window talks to (window.api in the app, a fake in tests). */
export function useApi(): Api {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside ApiContext');
  return api;
}
