// Rendering a component as the window does (inside the api's context) with a user to drive it.
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import type { Api } from '../../shared/ipc-renderer';
import { ApiContext } from '../components/api-context';

export function renderWithApi(api: Api, ui: ReactElement) {
  const user = userEvent.setup();
  const result = render(<ApiContext.Provider value={api}>{ui}</ApiContext.Provider>);
  /** Replaces the field's text as a user would: clears it, then types `text` key by key. */
  async function retype(field: Element, text: string): Promise<void> {
    await user.clear(field);
    if (text !== '') await user.type(field, text);
  }
  return { user, retype, ...result };
}
