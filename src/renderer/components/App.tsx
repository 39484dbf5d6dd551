// The window: one snapshot of the app's state (pushed by main), and three screens over it —
// sign-in, accounts (with the Get credentials dialog) and settings.
import { Suspense, startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { AuthEvent, NoticeEvent } from '../../shared/ipc-contract';
import type { StateSnapshot } from '../../shared/ipc-views';
import type { ErrorInfo } from '../../shared/schemas';
import { peekBootState, takeBootState } from '../lib/boot';
import { newestState } from '../lib/newest-state';
import { errorMessage, toInfo } from '../lib/errors';
import { AccountsView } from './AccountsView';
import { useApi } from './api-context';
import type { DialogTarget } from './CredentialsDialog';
import { BackIcon, GearIcon, Spinner } from './icons';
import { Notices, type Notice } from './Notices';
import { CredentialsDialog, Palette, SettingsView, preloadViews } from './lazy-views';
import { ChangesBanner } from './ChangesBanner';
import { SessionPanel } from './SessionPanel';
import { SignIn } from './SignIn';
import { ErrorAlert } from './ErrorAlert';

type Screen = 'main' | 'settings';

export function App() {
  const api = useApi();
  // The boot's snapshot when it is in already (main.tsx renders once it is): no spinner first.
  const [snapshot, setSnapshot] = useState<StateSnapshot | null>(() => peekBootState(api));
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [screen, setScreen] = useState<Screen>('main');
  const [auth, setAuth] = useState<AuthEvent | null>(null);
  const [dialog, setDialog] = useState<DialogTarget | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  /** A session the app found expired while the window used it: show sign-in for it. */
  const [expired, setExpired] = useState<string | null>(null);
  /** The quick pick over the window (the web host's stand-in for its own window); a key. */
  const [palette, setPalette] = useState<number | null>(null);
  const focusBeforePalette = useRef<HTMLElement | null>(null);

  // Settings, the dialog and the quick pick are loaded on demand (lazy-views): switching to one is
  // a transition, so what shows stays until the view can render.
  const showScreen = useCallback((s: Screen) => startTransition(() => setScreen(s)), []);
  const openDialog = useCallback(
    (t: DialogTarget | null) => startTransition(() => setDialog(t)),
    [],
  );

  const notify = useCallback((n: NoticeEvent) => {
    setNotices((list) => [...list.slice(-3), { ...n, id: Date.now() + Math.random() }]);
  }, []);

  useEffect(() => {
    let live = true;
    const offs = [
      api.onState((s) => setSnapshot((current) => newestState(current, s))),
      api.onAuth((e) => {
        setAuth(e);
        if (e.type === 'success') setExpired((x) => (x === e.session ? null : x));
      }),
      api.onNotice(notify),
      api.onNavigate((n) => {
        if (n.to === 'settings') showScreen('settings');
        else if (n.to === 'accounts') showScreen('main');
        else if (n.to === 'palette') {
          if (
            document.activeElement instanceof HTMLElement &&
            !document.activeElement.closest('.palette')
          )
            focusBeforePalette.current = document.activeElement;
          startTransition(() => setPalette((k) => (k ?? 0) + 1));
        } else {
          showScreen('main');
          openDialog({ session: n.session, accountId: n.accountId, roleName: n.roleName });
        }
      }),
    ];
    (takeBootState(api) ?? api.getState())
      .then((s) => live && setSnapshot((current) => newestState(current, s)))
      .catch((e: unknown) => live && setLoadError(toInfo(e)));
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [api, notify, showScreen, openDialog]);

  const closePalette = useCallback(() => {
    setPalette(null);
    api.closePalette().catch(() => undefined);
  }, [api]);
  // Focus goes back where it was once the window is no longer inert.
  useEffect(() => {
    if (palette !== null) return;
    const previous = focusBeforePalette.current;
    focusBeforePalette.current = null;
    if (previous?.isConnected) previous.focus();
  }, [palette]);

  // Once the window shows its first screen, the other views are fetched while it is idle.
  const shown = snapshot !== null;
  useEffect(() => {
    if (shown) preloadViews();
  }, [shown]);

  const dismiss = useCallback((id: number) => {
    setNotices((list) => list.filter((n) => n.id !== id));
  }, []);

  const onSessionExpired = useCallback((session: string) => {
    setDialog(null);
    setExpired(session);
  }, []);

  if (snapshot === null) {
    return (
      <div className="app app-loading">
        {loadError ? <ErrorAlert error={loadError} /> : <Spinner label="Loading" />}
      </div>
    );
  }

  const active = snapshot.sessions.find((s) => s.name === snapshot.activeSession);
  const needsSignIn =
    active === undefined || active.status !== 'signed-in' || expired === active.name;

  return (
    <div className="app">
      <div className="app-content" inert={dialog !== null || palette !== null}>
        <header className="titlebar">
          {screen === 'settings' ? (
            <button type="button" className="icon-button" onClick={() => showScreen('main')}>
              <BackIcon />
              <span className="visually-hidden">Back</span>
            </button>
          ) : null}
          <h1 className="titlebar-title">
            {screen === 'settings' ? 'Settings' : active && !needsSignIn ? active.name : 'SSO Tray'}
          </h1>
          {active && !needsSignIn && screen === 'main' && snapshot.sessions.length > 1 ? (
            <select
              aria-label="Session"
              className="session-picker"
              value={active.name}
              onChange={(e) =>
                api
                  .setActiveSession({ session: e.target.value })
                  .catch((err: unknown) =>
                    notify({ level: 'error', message: errorMessage(toInfo(err)) }),
                  )
              }
            >
              {snapshot.sessions.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          ) : null}
          {screen === 'main' ? (
            <button
              type="button"
              className="icon-button"
              onClick={() => showScreen('settings')}
              title="Settings"
            >
              <GearIcon />
              <span className="visually-hidden">Settings</span>
            </button>
          ) : null}
        </header>
        {active && !needsSignIn && screen === 'main' ? (
          <SessionPanel
            session={active.name}
            revision={snapshot}
            onError={(message) => notify({ level: 'error', message })}
          />
        ) : null}
        {active && !needsSignIn && screen === 'main' ? (
          <ChangesBanner key={active.name} session={active.name} />
        ) : null}
        <main className="screen">
          {screen === 'settings' ? (
            <Suspense fallback={null}>
              <SettingsView
                snapshot={snapshot}
                onSignIn={() => showScreen('main')}
                notify={notify}
              />
            </Suspense>
          ) : needsSignIn ? (
            <SignIn
              sessions={snapshot.sessions}
              activeSession={snapshot.activeSession}
              auth={auth}
              expiredSession={expired}
              configFile={snapshot.configFile}
              configIssues={snapshot.configIssues}
            />
          ) : (
            <AccountsView
              key={active.name}
              session={active}
              favourites={snapshot.favourites}
              recents={snapshot.recents}
              onOpen={openDialog}
              onSessionExpired={onSessionExpired}
              notify={notify}
            />
          )}
        </main>
      </div>
      {/* Boundaries that are always there: opening the dialog or the quick pick is a transition
          that, if the view's chunk is not in yet, commits only once it is (the window turns inert
          and the view takes focus in one commit), instead of showing an empty fallback first. */}
      <Suspense fallback={null}>
        {dialog !== null ? (
          <CredentialsDialog
            target={dialog}
            session={snapshot.sessions.find((s) => s.name === dialog.session)}
            platform={snapshot.platform}
            onClose={() => setDialog(null)}
            onSessionExpired={onSessionExpired}
          />
        ) : null}
      </Suspense>
      <Suspense fallback={null}>
        {palette !== null ? (
          <div className="palette-backdrop">
            <Palette
              key={palette}
              session={active}
              recents={snapshot.recents}
              platform={snapshot.platform}
              onClose={closePalette}
            />
          </div>
        ) : null}
      </Suspense>
      <Notices notices={notices} onDismiss={dismiss} />
    </div>
  );
}
