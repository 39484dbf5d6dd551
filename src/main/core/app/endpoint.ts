// The app's local credentials endpoint (Settings → "Serve credentials to local processes", off by
// default): while on, role credentials are served on 127.0.0.1 from the app's own credentials
// cache, so a process started with the two lines the dialog copies gets fresh credentials for
// as long as SSO Tray runs and the sign-in lasts. One token per app run (turning the setting off
// and on keeps it, and the port when it is still free); the token is shown only in the copied
// lines. The state file lets `sso-tray exec --endpoint` find it.
import type { EnvShell } from '../../../shared/credential-formats';
import type { Env } from '../aws-paths';
import {
  endpointShellLines,
  newEndpointToken,
  removeEndpointState,
  startCredentialsEndpoint,
  writeEndpointState,
  type EndpointRole,
  type RunningEndpoint,
} from '../endpoint';
import { SsoTrayError } from '../errors';
import { silentLogger, type Logger } from '../log/logger';
import type { Handlers } from '../ipc/dispatch';
import type { SsoPort } from './ports';

/** What stands for the token in the lines the window shows. */
const TOKEN_PLACEHOLDER = '<token: copied with the lines, never shown>';

export class EndpointService {
  private readonly token = newEndpointToken();
  private running: RunningEndpoint | undefined;
  private lastPort = 0;
  /** The start or stop in progress; changes are applied one after the other. */
  private queue: Promise<void> = Promise.resolve();

  private readonly env: Env;
  private readonly sso: SsoPort;
  private readonly log: Logger;

  constructor(o: { env: Env; sso: SsoPort; log?: Logger }) {
    this.env = o.env;
    this.sso = o.sso;
    this.log = o.log ?? silentLogger;
  }

  get enabled(): boolean {
    return this.running !== undefined;
  }

  /** Starts or stops the endpoint to match the setting; failures are logged. */
  apply(on: boolean): Promise<void> {
    this.queue = this.queue.then(() => (on ? this.start() : this.stop()));
    return this.queue;
  }

  private async start(): Promise<void> {
    if (this.running !== undefined) return;
    const open = (port: number) =>
      startCredentialsEndpoint({
        port,
        token: this.token,
        logger: this.log,
        credentials: (r, minValidityMs) =>
          this.sso.getRoleCredentials(r.session, r.accountId, r.roleName, { minValidityMs }),
      });
    try {
      this.running = await open(this.lastPort).catch(() => open(0));
      this.lastPort = this.running.port;
      await writeEndpointState(this.env, {
        port: this.running.port,
        token: this.token,
        pid: process.pid,
        by: 'app',
      }).catch((e: unknown) =>
        this.log.warn('the endpoint state file could not be written', { error: e }),
      );
    } catch (e) {
      this.log.error('the credentials endpoint could not start', { error: e });
    }
  }

  private async stop(): Promise<void> {
    const r = this.running;
    if (r === undefined) return;
    this.running = undefined;
    await r.close();
    await removeEndpointState(this.env, this.token).catch(() => undefined);
  }

  private need(): RunningEndpoint {
    if (this.running === undefined) {
      throw new SsoTrayError(
        'INVALID_INPUT',
        'The local credentials endpoint is off. Turn it on in Settings.',
      );
    }
    return this.running;
  }

  /** The role's URL and its lines with the token left out; nulls while off. */
  lines(role: EndpointRole, shell: EnvShell): { url: string | null; preview: string | null } {
    const r = this.running;
    if (r === undefined) return { url: null, preview: null };
    const env = r.env(role);
    return {
      url: env.AWS_CONTAINER_CREDENTIALS_FULL_URI,
      preview: endpointShellLines(
        { ...env, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN_PLACEHOLDER },
        shell,
      ),
    };
  }

  /** The lines to copy, token included. */
  secretLines(role: EndpointRole, shell: EnvShell): string {
    return endpointShellLines(this.need().env(role), shell);
  }

  /** The endpoint's channels; the copied lines go through `copySecret` (cleared like keys). */
  handlers(
    copySecret: (text: string) => Promise<{ clearsAt?: number }>,
  ): Pick<Handlers, 'endpoint.lines' | 'endpoint.copy'> {
    const role = (p: EndpointRole): EndpointRole => ({
      session: p.session,
      accountId: p.accountId,
      roleName: p.roleName,
    });
    return {
      'endpoint.lines': async (p) => this.lines(role(p), p.shell),
      'endpoint.copy': async (p) => copySecret(this.secretLines(role(p), p.shell)),
    };
  }

  dispose(): Promise<void> {
    return this.apply(false);
  }
}
