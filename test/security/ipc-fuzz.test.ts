// Random payloads to every IPC channel, through the same entry point Electron's handlers use
// (`handleIpc`: sender check, zod, handler) with the REAL app core handlers from createAppCore —
// fake OS ports and a fake SSO service (no network), real files in a temp HOME. Whatever
// arrives, main answers with an envelope, never throws, never echoes a secret, and stays usable.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, type SsoPort } from '../../src/main/core/app';
import { handleIpc, INVOKE_CHANNELS } from '../../src/main/core/ipc/dispatch';
import { MemorySettingsStore } from '../../src/main/core/settings/store';
import { envelopeSchema, invokeChannels, type InvokeChannel } from '../../src/shared/ipc-contract';
import type { RoleCredentials } from '../../src/shared/schemas';
import { createSandboxHome, type SandboxHome } from '../support/sandbox-home';
import { ControllableClock } from '../../tools/web-host/clock';
import {
  RecordingBrowser,
  RecordingClipboard,
  RecordingNotifier,
} from '../../tools/web-host/recorders';

const ORIGIN = 'app://sso-tray';
const TRUSTED = { url: 'app://sso-tray/index.html', isTopFrame: true };
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFUZZSECRETKEY0';
const TOKEN = 'IQoJb3JpZ2luX2VjEFUZZSESSIONTOKENxxxxxxxxxxxxxxxxxxxxxxxx';
const START_URL = 'https://d-1234567890.awsapps.com/start';
const ACCOUNT = '123456789012';

function fakeSso(): SsoPort {
  const creds = (): RoleCredentials => ({
    accessKeyId: 'ASIAFUZZEXAMPLE00001',
    secretAccessKey: SECRET,
    sessionToken: TOKEN,
    expiration: Date.now() + 3600_000,
  });
  const session = {
    name: 'emu',
    startUrl: START_URL,
    region: 'us-east-1',
    scopes: [],
    kind: 'sso-session' as const,
    cacheKey: 'emu',
    profiles: [],
  };
  const status = {
    session: 'emu',
    startUrl: START_URL,
    region: 'us-east-1',
    state: 'signed-in' as const,
    expiresAt: Date.now() + 8 * 3600_000,
  };
  return {
    readConfig: async () => ({ sessions: [session], issues: [] }),
    login: async () => status,
    logout: async () => undefined,
    status: async () => status,
    accessToken: async () => 'not-a-real-token',
    listAccounts: async (_s, onPage) => {
      const accounts = [{ accountId: ACCOUNT, accountName: 'Fuzz', emailAddress: 'f@example.com' }];
      onPage?.(accounts);
      return accounts;
    },
    listAccountRoles: async (_s, accountId) => [{ accountId, roleName: 'Admin' }],
    listAllRoles: async (_s, accounts, onRoles) => {
      const out = new Map(
        accounts.map((a) => [a.accountId, [{ accountId: a.accountId, roleName: 'Admin' }]]),
      );
      for (const [id, roles] of out) onRoles?.(id, roles);
      return out;
    },
    getRoleCredentials: async () => creds(),
  };
}

/** Payloads: anything at all, the channel's field names with random values, and near-valid ones. */
const field = fc.oneof(
  fc.anything(),
  fc.constantFrom('emu', ACCOUNT, 'Admin', 'dev', SECRET, '__proto__', 'x]\n[default', ''),
  fc.string(),
);
const payloadArb = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true }),
  fc.record(
    {
      session: field,
      accountId: field,
      roleName: field,
      profileName: field,
      what: fc.oneof(field, fc.constantFrom('profile', 'secretAccessKey', 'env-macos')),
      flow: fc.oneof(field, fc.constantFrom('device', 'pkce')),
      startUrl: fc.oneof(field, fc.constant(START_URL), fc.webUrl()),
      region: fc.oneof(field, fc.constant('us-east-1')),
      forceRefresh: fc.oneof(field, fc.boolean()),
      autoRefresh: fc.oneof(field, fc.boolean()),
      patch: fc.oneof(
        field,
        fc.record(
          {
            thresholdsMinutes: fc.oneof(field, fc.array(fc.integer({ min: -5, max: 2000 }))),
            clipboardClearSeconds: fc.oneof(field, fc.integer({ min: -5, max: 100_000 })),
            theme: fc.oneof(field, fc.constantFrom('dark', 'light', 'system')),
            launchAtLogin: fc.oneof(field, fc.boolean()),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
);

describe('random IPC payloads against the real app core handlers', () => {
  let sandbox: SandboxHome | undefined;
  let core: AppCore;
  let clipboard: RecordingClipboard;
  let browser: RecordingBrowser;

  beforeAll(async () => {
    // Nothing may reach the network: every endpoint refuses at once (STS verify fails fast).
    sandbox = await createSandboxHome({
      session: { name: 'emu', startUrl: START_URL, region: 'us-east-1' },
      endpoint: 'http://127.0.0.1:9',
      prefix: 'sso-tray-fuzz-',
    });
    clipboard = new RecordingClipboard();
    browser = new RecordingBrowser();
    const clock = new ControllableClock();
    core = createAppCore({
      env: sandbox.env,
      dataDir: join(sandbox.home, 'data'),
      settings: new MemorySettingsStore(),
      clipboard,
      notifier: new RecordingNotifier(() => clock.now()),
      browser,
      clock,
      platform: 'linux',
      sso: fakeSso(),
    });
    await core.ready;
  });
  afterAll(async () => {
    await core?.dispose();
    await sandbox?.cleanup();
  });

  it.each(INVOKE_CHANNELS)('%s: every payload gets an envelope; main stays up', async (channel) => {
    await fc.assert(
      fc.asyncProperty(payloadArb, async (payload) => {
        const result = await handleIpc(channel, TRUSTED, payload, core.handlers, ORIGIN);
        expect(envelopeSchema.safeParse(result).success).toBe(true);
        const parsed = invokeChannels[channel as InvokeChannel].payload.safeParse(payload ?? {});
        if (!parsed.success) {
          // Rejected by validation, before any handler ran.
          expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
        } else if (result.ok) {
          const spec = invokeChannels[channel as InvokeChannel].result;
          expect(spec.safeParse(result.value).success).toBe(true);
        }
        if (!result.ok) {
          const text = JSON.stringify(result.error);
          expect(text).not.toContain(SECRET);
          expect(text).not.toContain(TOKEN);
          expect(text).not.toMatch(/\n\s+at /);
        }
        // Secrets only ever travel back on the channel that exists to return them.
        if (channel !== 'credentials.get') {
          expect(JSON.stringify(result)).not.toContain(SECRET);
          expect(JSON.stringify(result)).not.toContain(TOKEN);
        }
      }),
      { numRuns: 80 },
    );
    // Main still answers normally afterwards.
    const state = await handleIpc('state.get', TRUSTED, {}, core.handlers, ORIGIN);
    expect(state.ok).toBe(true);
  });

  it('valid requests do reach the real handlers (the fuzzing is not all rejected)', async () => {
    const role = { session: 'emu', accountId: ACCOUNT, roleName: 'Admin' };
    const roles = await handleIpc(
      'roles.list',
      TRUSTED,
      { session: 'emu', accountId: ACCOUNT },
      core.handlers,
      ORIGIN,
    );
    expect(roles).toEqual({ ok: true, value: [{ accountId: ACCOUNT, roleName: 'Admin' }] });
    // The account list carries the same roles as names by account id (the wire shape).
    const list = await handleIpc(
      'accounts.list',
      TRUSTED,
      { session: 'emu' },
      core.handlers,
      ORIGIN,
    );
    expect(list).toMatchObject({ ok: true, value: { roles: { [ACCOUNT]: ['Admin'] } } });
    const copy = await handleIpc(
      'credentials.copy',
      TRUSTED,
      { ...role, what: 'secretAccessKey' },
      core.handlers,
      ORIGIN,
    );
    expect(copy.ok).toBe(true);
    expect(JSON.stringify(copy)).not.toContain(SECRET);
    expect(await clipboard.readText()).toBe(SECRET);
    const write = await handleIpc(
      'credentials.writeProfile',
      TRUSTED,
      { ...role, profileName: 'fuzz' },
      core.handlers,
      ORIGIN,
    );
    expect(write).toMatchObject({ ok: true, value: { profileName: 'fuzz' } });
    const untrusted = await handleIpc(
      'credentials.get',
      { url: 'https://evil.example/', isTopFrame: true },
      role,
      core.handlers,
      ORIGIN,
    );
    expect(untrusted.ok).toBe(false);
  });
});
