import { describe, expect, it } from 'vitest';
import { BOOT_ANSWERS_ID } from '../../shared/boot-answers';
import { takeBootAnswers } from './boot-answers';

function page(text: string | null): Document {
  const doc = document.implementation.createHTMLDocument('SSO Tray');
  if (text !== null) {
    const block = doc.createElement('script');
    block.type = 'application/json';
    block.id = BOOT_ANSWERS_ID;
    block.textContent = text;
    doc.head.append(block);
  }
  return doc;
}

describe('the answers the page came with', () => {
  it('are taken once, and the block with them', () => {
    const good = { channel: 'state.get', payload: {}, envelope: { ok: true, value: null } };
    const doc = page(JSON.stringify([good]));
    expect(takeBootAnswers(doc)).toEqual([good]);
    expect(doc.getElementById(BOOT_ANSWERS_ID)).toBeNull();
    expect(takeBootAnswers(doc)).toEqual([]);
  });

  it('are none for a page without a block, or with a malformed one', () => {
    expect(takeBootAnswers(page(null))).toEqual([]);
    for (const text of ['{', '"x"', '{"channel":"state.get"}', '', 'null']) {
      expect(takeBootAnswers(page(text)), text).toEqual([]);
    }
  });

  it('leave out entries of another shape and keep the rest', () => {
    const good = { channel: 'accounts.list', payload: { session: 'w', first: 100 }, envelope: {} };
    const text = JSON.stringify([
      good,
      { channel: 1, payload: {}, envelope: {} },
      { channel: 'x', payload: [], envelope: {} },
      { channel: 'x', payload: null, envelope: {} },
      { channel: 'x', payload: {} },
      null,
      'str',
    ]);
    expect(takeBootAnswers(page(text))).toEqual([good]);
  });
});
