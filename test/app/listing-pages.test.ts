// A background listing of an organisation of several pages against the emulator: the roles of
// the first page's accounts come in (as `accounts` events) before the last page of accounts does,
// and the listing still ends with every account and every role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../../src/main/core/settings/store';
import { app, signIn, type TestApp } from './helpers';
import { emulatorSandbox, type Sandbox } from '../support/emulator';
import { SESSION } from '../support/sandbox-home';

describe('a listing of several pages', () => {
  let box: Sandbox;
  let t: TestApp;

  beforeAll(async () => {
    // 250 accounts: three pages of ListAccounts; each call takes 100 ms, so that the first page's
    // roles are in before the last page, and later than the listing's first batch of role events
    // may go out (150 ms after it started).
    box = await emulatorSandbox({ accounts: 250, seed: 3, latencyMs: 100 });
    t = app(box, new MemorySettingsStore());
  });
  afterAll(async () => {
    await t?.core.dispose();
    await box?.close();
  });

  it('asks for the roles of a page while the next pages are listed', async () => {
    const done = t.next('accounts', (e) => e.session === SESSION && !e.loading, 60_000);
    await signIn(box, t);
    const last = await done;
    const events = t.events.flatMap((e) =>
      e.name === 'accounts'
        ? [
            e.payload as {
              accounts?: unknown[];
              roles: Record<string, string[]>;
              updatedAt?: number;
            },
          ]
        : [],
    );
    // The whole list (it carries the listing's time) follows the last page.
    const whole = events.findIndex((e) => e.accounts !== undefined && e.updatedAt !== undefined);
    const firstRoles = events.findIndex((e) => Object.keys(e.roles).length > 0);
    expect(whole).toBeGreaterThan(0);
    expect(firstRoles).toBeGreaterThan(-1);
    expect(firstRoles).toBeLessThan(whole);
    // Pages were shown one by one before it.
    const pages = events.slice(0, whole).filter((e) => e.accounts !== undefined);
    expect(pages.length).toBeGreaterThanOrEqual(2);

    const org = box.emulator.organisation.accounts;
    expect(last.progress).toEqual({ rolesLoaded: org.length, accounts: org.length });
    const list = await t.core.handlers['accounts.list']({ session: SESSION });
    expect(list.accounts).toHaveLength(org.length);
    for (const account of org) {
      expect(list.roles[account.accountId]?.slice().sort()).toEqual([...account.roles].sort());
    }
  });
});
