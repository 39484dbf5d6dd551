// What changed since the last listing, against the emulator with its organisation changed while
// it runs: the first listing says nothing; a listing that finds roles or accounts added or
// removed says so once (on the event that ends it, and in one notification); nothing changed,
// nothing said; a restart compares with the cached listing.
import { afterEach, describe, expect, it } from 'vitest';
import { app, signIn, type TestApp } from './helpers';
import { emulatorSandbox, type Sandbox } from '../support/emulator';
import { SESSION } from '../support/sandbox-home';

describe('changes since the last listing', () => {
  let box: Sandbox | undefined;
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.core.dispose();
    await box?.close();
    box = undefined;
  });

  const listed = (t: TestApp) => t.next('accounts', (e) => e.session === SESSION && !e.loading);

  it('says nothing first, then "3 new roles in 2 accounts" once, then nothing when nothing changed', async () => {
    box = await emulatorSandbox({ accounts: 5, seed: 11 });
    const t = app(box);
    apps.push(t);
    const first = listed(t);
    await signIn(box, t);
    expect((await first).changes).toBeUndefined();
    expect(t.notifier.shown.filter((n) => n.tag.startsWith('listing:'))).toEqual([]);

    const [a, b] = box.emulator.organisation.accounts;
    box.emulator.changeOrganisation({ op: 'addRole', accountId: a!.accountId, roleName: 'NewOne' });
    box.emulator.changeOrganisation({ op: 'addRole', accountId: a!.accountId, roleName: 'NewTwo' });
    box.emulator.changeOrganisation({ op: 'addRole', accountId: b!.accountId, roleName: 'NewOne' });
    const second = listed(t);
    await t.core.handlers['accounts.refresh']({ session: SESSION });
    const changes = (await second).changes;
    expect(changes?.addedRoles.map((r) => `${r.accountId}/${r.roleName}`).sort()).toEqual(
      [`${a!.accountId}/NewOne`, `${a!.accountId}/NewTwo`, `${b!.accountId}/NewOne`].sort(),
    );
    expect(changes).toMatchObject({ addedAccounts: [], removedAccounts: [], removedRoles: [] });
    const notes = t.notifier.shown.filter((n) => n.tag === `listing:${SESSION}`);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toBe(`${SESSION}: 3 new roles in 2 accounts`);
    // Clicking it opens the window (a known notification, not an error).
    expect((await t.core.notifications.click(notes[0]!.id)).ok).toBe(true);

    const third = listed(t);
    await t.core.handlers['accounts.refresh']({ session: SESSION });
    expect((await third).changes).toBeUndefined();
    expect(t.notifier.shown.filter((n) => n.tag === `listing:${SESSION}`)).toHaveLength(1);
  });

  it('compares with the cached listing after a restart: an account added, one removed', async () => {
    box = await emulatorSandbox({ accounts: 4, seed: 12 });
    const t = app(box);
    apps.push(t);
    const first = listed(t);
    await signIn(box, t);
    await first;
    await t.core.dispose();

    const gone = box.emulator.organisation.accounts[0]!;
    box.emulator.changeOrganisation({ op: 'removeAccount', accountId: gone.accountId });
    box.emulator.changeOrganisation({
      op: 'addAccount',
      accountId: '999999999999',
      accountName: 'Brand new',
      roles: ['Admin'],
    });
    const again = app(box);
    apps.push(again);
    await again.core.ready;
    const next = listed(again);
    await again.core.handlers['accounts.list']({ session: SESSION });
    const changes = (await next).changes;
    expect(changes).toMatchObject({
      addedAccounts: [{ accountId: '999999999999', accountName: 'Brand new' }],
      removedAccounts: [{ accountId: gone.accountId, accountName: gone.accountName }],
      addedRoles: [{ accountId: '999999999999', roleName: 'Admin' }],
    });
    expect(changes?.removedRoles.map((r) => r.roleName).sort()).toEqual([...gone.roles].sort());
    expect(again.notifier.shown.map((n) => n.body)).toContain(
      `${SESSION}: 1 new account, 1 new role in 1 account, 1 account removed, ${gone.roles.length} ${gone.roles.length === 1 ? 'role' : 'roles'} removed from 1 account`,
    );
  });
});
