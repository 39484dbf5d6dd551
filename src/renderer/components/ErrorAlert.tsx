// The one way the window shows a failed request: an alert in the app's words for the error.
import type { ReactElement } from 'react';
import type { ErrorInfo } from '../../shared/schemas';
import { errorMessage } from '../lib/errors';

/** Nothing without an error; else the error as an alert (announced by screen readers). */
export function ErrorAlert({
  error,
}: {
  error: ErrorInfo | null | undefined;
}): ReactElement | null {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {errorMessage(error)}
    </p>
  );
}
