// The quick pick's own window in the app (app://sso-tray/index.html#/palette): the palette over
// the app's state, empty and focused again each time the shortcut shows it (main sends a
// `navigate` event to `palette` then). Closing asks main to hide the window.
import { useCallback, useEffect, useState } from 'react';
import type { StateSnapshot } from '../../shared/ipc-views';
import { takeBootState } from '../lib/boot';
import { newestState } from '../lib/newest-state';
import { errorMessage, toInfo } from '../lib/errors';
import { useApi } from './api-context';
import { Spinner } from './icons';
import { Palette } from './Palette';

/** The hash of the palette window's page. */
export { PALETTE_ROUTE } from '../lib/routes';

export function PaletteWindow() {
  const api = useApi();
  const [snapshot, setSnapshot] = useState<StateSnapshot | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [opened, setOpened] = useState(0);

  useEffect(() => {
    let live = true;
    const offs = [
      api.onState((s) => setSnapshot((current) => newestState(current, s))),
      api.onNavigate((n) => {
        if (n.to === 'palette') setOpened((k) => k + 1);
      }),
    ];
    (takeBootState(api) ?? api.getState())
      .then((s) => live && setSnapshot((current) => newestState(current, s)))
      .catch((e: unknown) => live && setLoadError(errorMessage(toInfo(e))));
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [api]);

  const close = useCallback(() => {
    api.closePalette().catch(() => undefined);
  }, [api]);

  return (
    <div className="palette-window">
      {snapshot === null ? (
        loadError !== null ? (
          <p role="alert" className="error">
            {loadError}
          </p>
        ) : (
          <Spinner label="Loading" />
        )
      ) : (
        <Palette
          key={opened}
          session={snapshot.sessions.find((s) => s.name === snapshot.activeSession)}
          recents={snapshot.recents}
          platform={snapshot.platform}
          onClose={close}
        />
      )}
    </div>
  );
}
