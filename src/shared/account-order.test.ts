import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeAccounts, sortAccounts } from './account-order';

describe('merging a page into an ordered list', () => {
  it('gives the same order as sorting everything, page after page', () => {
    const account = fc.record({
      accountId: fc.stringMatching(/^\d{12}$/),
      accountName: fc.string({ maxLength: 12 }),
      emailAddress: fc.constant('a@example.com'),
    });
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(account, { selector: (a) => a.accountId })), (pages) => {
        const ids = new Set<string>();
        const distinct = pages.map((p) =>
          p.filter((a) => !ids.has(a.accountId) && ids.add(a.accountId)),
        );
        let merged: ReturnType<typeof sortAccounts> = [];
        for (const page of distinct) merged = mergeAccounts(merged, page);
        expect(merged).toEqual(sortAccounts(distinct.flat()));
      }),
    );
  });
});
