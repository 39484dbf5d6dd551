// @vitest-environment jsdom
// The page as the web host writes it (main/core/ipc/boot-answers.ts), parsed as a browser parses
// HTML, and read by the window (renderer/lib/boot-answers.ts): what comes out is what went in,
// whatever markup the data holds, and nothing in it runs as a script.
import { describe, expect, it } from 'vitest';
import { BOOT_ANSWERS_ID } from '../../src/shared/boot-answers';
import { pageWithBootAnswers } from '../../src/main/core/ipc/boot-answers';
import { takeBootAnswers } from '../../src/renderer/lib/boot-answers';

const PAGE =
  '<!doctype html><html><head><title>SSO Tray</title><script type="module" src="./a.js"></script></head>' +
  '<body><div id="root"></div></body></html>';

describe('the page with its answers, through an HTML parser', () => {
  it('gives the window back exactly what was written', () => {
    const nasty = {
      accountName: '</script><script>alert(1)</script><!-- & \u2028\u2029 ]]> </SCRIPT >',
      emailAddress: 'a\'"@example.com',
    };
    const answers = [
      { channel: 'state.get' as const, payload: {}, envelope: { ok: true, value: nasty } },
      {
        channel: 'accounts.list' as const,
        payload: { session: 'work', first: 100 },
        envelope: { ok: true, value: { accounts: [nasty] } },
      },
    ];
    const doc = new DOMParser().parseFromString(pageWithBootAnswers(PAGE, answers), 'text/html');
    // Only the page's own script and the data block: the data opened no element of its own.
    expect([...doc.querySelectorAll('script')].map((s) => s.type)).toEqual([
      'module',
      'application/json',
    ]);
    expect(doc.getElementById(BOOT_ANSWERS_ID)?.parentElement?.tagName).toBe('BODY');
    expect(takeBootAnswers(doc)).toEqual(answers);
    expect(doc.getElementById(BOOT_ANSWERS_ID)).toBeNull();
    expect(doc.getElementById('root')).not.toBeNull();
  });
});
