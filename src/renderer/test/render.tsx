import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import type { Api } from '../../shared/ipc-renderer';
import { ApiContext } from '../components/api-context';

export function renderWithApi(api: Api, ui: ReactElement) {
  const user = userEvent.setup();
  const result = render(<ApiContext.Provider value={api}>{ui}</ApiContext.Provider>);
  return { user, ...result };
}
