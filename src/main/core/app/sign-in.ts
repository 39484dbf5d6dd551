// Signing in to a session and out of it: a sign-in starts at once and finishes in the
// background, reported through `auth` events (the device code or the browser page to visit,
// then success or failure); it can be cancelled, and its page opened again.
import { SsoTrayError, isSsoTrayError } from '../errors';
import { toErrorInfo, type Handlers } from '../ipc/dispatch';
import type { Logger } from '../log/logger';
import type { LoginPrompt } from '../sso';
import type { LoginFlow } from '../../../shared/ipc-contract';
import type { EventBus } from './events';
import type { SsoPort } from './ports';
import type { SessionHooks, Sessions } from './sessions';

interface PendingLogin {
  controller: AbortController;
  prompt?: LoginPrompt;
  /** Each page of this sign-in is opened once, however many parts of the flow ask for it. */
  opening: Map<string, Promise<boolean>>;
}

export interface SignInOptions {
  sessions: Sessions;
  sso: SsoPort;
  bus: EventBus;
  hooks: SessionHooks;
  /** Opens a page of the sign-in in the user's browser (allow-listed); false when it could not. */
  open(url: string): Promise<boolean>;
  log: Logger;
}

export type SignInChannels = 'auth.login' | 'auth.cancel' | 'auth.openVerification' | 'auth.logout';

export class SignIn {
  private logins = new Map<string, PendingLogin>();

  constructor(private readonly o: SignInOptions) {}

  handlers(): Pick<Handlers, SignInChannels> {
    return {
      'auth.login': async (p) => {
        if (p.again === true) await this.loginAgain(p.session, p.flow);
        else this.login(p.session, p.flow);
      },
      'auth.cancel': async (p) => {
        this.cancel(p.session);
      },
      'auth.openVerification': async (p) => {
        await this.openVerification(p.session);
      },
      'auth.logout': async (p) => {
        await this.logout(p.session);
      },
    };
  }

  /** Whether a sign-in of this session is under way. */
  pending(name: string): boolean {
    return this.logins.has(name);
  }

  /**
   * Signs in again: signs out first (the portal's Logout ends its session), then signs in, so
   * the new sign-in gets a fresh expiry. Signing in while the portal's session is still active
   * continues that session and keeps its end.
   */
  async loginAgain(name: string, flow: LoginFlow = 'pkce'): Promise<void> {
    this.o.sessions.config(name);
    if (this.o.sessions.status(name).status !== 'signed-out') await this.logout(name);
    this.login(name, flow);
  }

  /** Starts signing in and returns at once; the outcome arrives as `auth` events. */
  login(name: string, flow: LoginFlow = 'pkce'): void {
    const { sessions, bus, hooks, log } = this.o;
    sessions.config(name);
    this.cancel(name);
    const pending: PendingLogin = { controller: new AbortController(), opening: new Map() };
    this.logins.set(name, pending);
    const before = sessions.status(name);
    sessions.setStatus(name, { status: 'signing-in', expiresAt: before.expiresAt });
    hooks.changed();

    // The device flow announces its page (onPrompt) and asks for it to be opened; the first ask
    // opens it and the second shares that answer, so the user gets one browser tab.
    const openBrowser = (url: string): Promise<boolean> => {
      let opening = pending.opening.get(url);
      if (opening === undefined) {
        opening = this.o.open(url);
        pending.opening.set(url, opening);
      }
      return opening;
    };
    const onPrompt = (prompt: LoginPrompt): void => {
      pending.prompt = prompt;
      void openBrowser(prompt.url);
      bus.emit('auth', {
        type: 'prompt',
        session: name,
        flow: prompt.flow,
        url: prompt.url,
        ...(prompt.userCode === undefined ? {} : { userCode: prompt.userCode }),
      });
    };

    void (async () => {
      try {
        const st = await this.o.sso.login({
          session: name,
          flow,
          openBrowser,
          onPrompt,
          signal: pending.controller.signal,
        });
        if (this.logins.get(name) !== pending) return;
        this.logins.delete(name);
        const expiresAt = st.expiresAt ?? null;
        sessions.markSignedIn(name, expiresAt);
        bus.emit('auth', { type: 'success', session: name, expiresAt: expiresAt ?? 0 });
        hooks.signedIn(name, expiresAt);
        hooks.changed();
      } catch (e) {
        if (this.logins.get(name) !== pending) return;
        this.logins.delete(name);
        if (isSsoTrayError(e, 'CANCELLED')) log.info('sign-in cancelled', { session: name });
        else log.warn('sign-in failed', { session: name, error: e });
        sessions.setStatus(
          name,
          before.status === 'signing-in' ? { status: 'signed-out', expiresAt: null } : before,
        );
        bus.emit('auth', { type: 'failure', session: name, error: toErrorInfo(e) });
        hooks.changed();
      }
    })();
  }

  cancel(name: string): void {
    const pending = this.logins.get(name);
    if (pending === undefined) return;
    this.logins.delete(name);
    pending.controller.abort();
    void this.o.sessions.refreshStatus(name).then(() => {
      this.o.bus.emit('auth', {
        type: 'failure',
        session: name,
        error: { code: 'CANCELLED', message: 'Sign-in cancelled.' },
      });
      this.o.hooks.changed();
    });
  }

  async openVerification(name: string): Promise<void> {
    const prompt = this.logins.get(name)?.prompt;
    if (prompt === undefined) {
      throw new SsoTrayError('INVALID_INPUT', 'No sign-in is waiting for this session.');
    }
    if (!(await this.o.open(prompt.url))) {
      throw new SsoTrayError('INVALID_INPUT', 'The sign-in page could not be opened.');
    }
  }

  async logout(name: string): Promise<void> {
    this.cancel(name);
    try {
      await this.o.sso.logout(name);
    } finally {
      this.o.sessions.setStatus(name, { status: 'signed-out', expiresAt: null });
      this.o.hooks.signedOut(name);
      this.o.hooks.changed();
    }
  }

  dispose(): void {
    for (const pending of this.logins.values()) pending.controller.abort();
    this.logins.clear();
  }
}
