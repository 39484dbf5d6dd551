// `sso-tray status`: from the token cache and the command's last listing only. The endpoints
// point at a port nothing listens on, so any network call would fail; no emulator runs. Then,
// against the emulator, `accounts` records the listing that `status` reports.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAccountsCache } from '../../src/main/core/app/accounts-cache';
import { tokenFilePath, writeTokenFile } from '../../src/main/core/sso/cache-files';
import { cliDataDir } from '../../src/cli/local-cache';
import { createSandboxHome, type SandboxHome } from '../../tools/sandbox-home';
import { cli } from '../support/cli';
import { startTestEmulator } from '../support/emulator';
import { sandboxHome } from '../support/sandbox-home';

const START_URL = 'https://d-1234567890.awsapps.com/start';
const ACCESS_TOKEN = 'aoaSTATUSTESTACCESSTOKEN0123456789';
const REFRESH_TOKEN = 'aorSTATUSTESTREFRESHTOKEN0123456789';
const CLIENT_SECRET = 'STATUSTESTCLIENTSECRET0123456789';

interface StatusJson {
  sessions: Array<Record<string, unknown>>;
}

describe('sso-tray status', () => {
  let h: SandboxHome | undefined;
  afterEach(async () => {
    await h?.cleanup();
    h = undefined;
  });

  it('reads the token cache and the last listing without the network, and never prints a token', async () => {
    h = await createSandboxHome({
      session: { name: 'work', startUrl: START_URL, region: 'us-east-1' },
      endpoint: 'http://127.0.0.1:9',
      layout: 'dot-aws',
    });
    const expiresAt = Math.floor((Date.now() + (7 * 60 + 40) * 60_000 + 30_000) / 1000) * 1000;
    const registrationExpiresAt = Math.floor((Date.now() + 80 * 86_400_000) / 1000) * 1000;
    await writeTokenFile(tokenFilePath(join(h.home, '.aws', 'sso', 'cache'), 'work'), {
      startUrl: START_URL,
      region: 'us-east-1',
      accessToken: ACCESS_TOKEN,
      expiresAt,
      clientId: 'client-id',
      clientSecret: CLIENT_SECRET,
      registrationExpiresAt,
      refreshToken: REFRESH_TOKEN,
    });
    const listedAt = Date.parse('2026-11-30T08:00:00.000Z');
    await writeAccountsCache(cliDataDir(h.env), 'work', START_URL, {
      updatedAt: listedAt,
      accounts: [
        { accountId: '111111111111', accountName: 'Production', emailAddress: 'p@example.com' },
        { accountId: '222222222222', accountName: 'Sandbox', emailAddress: 's@example.com' },
      ],
      roles: new Map([
        [
          '111111111111',
          [
            { accountId: '111111111111', roleName: 'Admin' },
            { accountId: '111111111111', roleName: 'ReadOnly' },
          ],
        ],
        ['222222222222', [{ accountId: '222222222222', roleName: 'Dev' }]],
      ]),
    });

    const json = await cli(['status', '--json'], h.env);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout) as StatusJson).toEqual({
      sessions: [
        {
          session: 'work',
          state: 'signed-in',
          expiresAt: new Date(expiresAt).toISOString(),
          refreshToken: true,
          registrationExpiresAt: new Date(registrationExpiresAt).toISOString(),
          accountsListedAt: '2026-11-30T08:00:00.000Z',
          accounts: 2,
          roles: 3,
        },
      ],
    });

    const text = await cli(['status'], h.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^work {2}Signed in · 7 h 40 min left$/m);
    expect(text.stdout).toMatch(/refresh token\s+held/);
    expect(text.stdout).toContain('2026-11-30T08:00:00.000Z: 2 accounts, 3 roles');
    for (const out of [json.stdout, text.stdout, json.stderr, text.stderr]) {
      for (const secret of [ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET]) {
        expect(out).not.toContain(secret);
      }
    }
  });

  it('says expired for an expired token (no refresh attempted) and refuses an unknown session', async () => {
    h = await createSandboxHome({
      session: { name: 'work', startUrl: START_URL, region: 'us-east-1' },
      endpoint: 'http://127.0.0.1:9',
      layout: 'dot-aws',
    });
    const expiredAt = Math.floor((Date.now() - 3_600_000) / 1000) * 1000;
    await writeTokenFile(tokenFilePath(join(h.home, '.aws', 'sso', 'cache'), 'work'), {
      startUrl: START_URL,
      region: 'us-east-1',
      accessToken: ACCESS_TOKEN,
      expiresAt: expiredAt,
    });
    const r = await cli(['status', '--json', '--verbose'], h.env);
    expect(r.code).toBe(0);
    // --verbose logs every failure handled: there was no call to fail.
    expect(r.stderr).not.toMatch(/refresh|ECONNREFUSED|network/i);
    expect((JSON.parse(r.stdout) as StatusJson).sessions[0]).toMatchObject({
      state: 'expired',
      expiresAt: new Date(expiredAt).toISOString(),
      refreshToken: false,
      registrationExpiresAt: null,
      accountsListedAt: null,
      accounts: null,
      roles: null,
    });
    const text = await cli(['status', '--session', 'work'], h.env);
    expect(text.stdout).toMatch(/^work {2}Sign-in expired$/m);
    expect(text.stdout).toContain('never (run `sso-tray accounts`)');

    const unknown = await cli(['status', '--session', 'nope'], h.env);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/no \[sso-session nope\]/);
    const bad = await cli(['status', '--bogus'], h.env);
    expect(bad.code).toBe(2);
  });

  it('reports the listing `sso-tray accounts` made against the emulator', async () => {
    const emu = await startTestEmulator({ accounts: 4, autoApprove: true });
    try {
      const home = await sandboxHome(emu);
      h = home;
      expect((await cli(['login', '--device-code', '--no-browser'], home.env)).code).toBe(0);
      const before = JSON.parse((await cli(['status', '--json'], home.env)).stdout) as StatusJson;
      expect(before.sessions[0]).toMatchObject({ state: 'signed-in', accountsListedAt: null });
      expect((await cli(['accounts'], home.env)).code).toBe(0);
      const after = JSON.parse((await cli(['status', '--json'], home.env)).stdout) as StatusJson;
      expect(after.sessions[0]).toMatchObject({
        state: 'signed-in',
        refreshToken: true,
        accounts: 4,
        roles: emu.organisation.accounts.reduce((n, a) => n + a.roles.length, 0),
      });
      expect(after.sessions[0]?.accountsListedAt).toEqual(expect.any(String));
    } finally {
      await emu.close();
    }
  });

  it('accounts --changes: nothing the first time, then what changed since the previous listing, once', async () => {
    const emu = await startTestEmulator({ accounts: 4, autoApprove: true, seed: 5 });
    try {
      const home = await sandboxHome(emu);
      h = home;
      expect((await cli(['login', '--device-code', '--no-browser'], home.env)).code).toBe(0);
      const first = await cli(['accounts', '--changes'], home.env);
      expect(first).toMatchObject({ code: 0, stdout: '', stderr: '' });
      const firstJson = await cli(['accounts', '--changes', '--json'], home.env);
      // The first run recorded a listing: the second compares with it and finds nothing.
      expect(JSON.parse(firstJson.stdout)).toMatchObject({ addedRoles: [], removedRoles: [] });

      const [a, b] = emu.organisation.accounts;
      const dropped = b!.roles[0]!;
      emu.changeOrganisation({ op: 'addRole', accountId: a!.accountId, roleName: 'NewOne' });
      emu.changeOrganisation({ op: 'addRole', accountId: a!.accountId, roleName: 'NewTwo' });
      emu.changeOrganisation({ op: 'removeRole', accountId: b!.accountId, roleName: dropped });
      const changed = await cli(['accounts', '--changes'], home.env);
      expect(changed.code).toBe(0);
      const lines = changed.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(
        /^2 new roles in 1 account, 1 role removed from 1 account since \d{4}-\d\d-\d\dT[\d:.]+Z:$/,
      );
      expect(lines.slice(1)).toEqual([
        `+ role    ${a!.accountId} (${a!.accountName}) NewOne`,
        `+ role    ${a!.accountId} (${a!.accountName}) NewTwo`,
        `- role    ${b!.accountId} (${b!.accountName}) ${dropped}`,
      ]);
      // Shown once: the next run compares with the listing that saw the change.
      expect((await cli(['accounts', '--changes'], home.env)).stdout).toBe('');
      const none = JSON.parse((await cli(['accounts', '--changes', '--json'], home.env)).stdout);
      expect(none).toMatchObject({ addedAccounts: [], removedAccounts: [], addedRoles: [] });
      expect(none.since).toEqual(expect.any(String));
    } finally {
      await emu.close();
    }
  });
});
