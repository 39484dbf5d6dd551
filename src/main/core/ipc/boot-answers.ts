// The answers a served page carries for the window's first screen (see shared/boot-answers.ts):
// computed by the same dispatch as the requests they stand for, and written into the page as a
// JSON data block that no browser runs and no text in it can end early.
import {
  BOOT_ANSWERS_ID,
  bootSession,
  firstScreenPayload,
  type BootAnswer,
} from '../../../shared/boot-answers';
import type { StateSnapshot } from '../../../shared/ipc-views';
import { dispatchInvoke, type DispatchOptions, type Handlers } from './dispatch';

/**
 * The state snapshot, and the first screen of the active signed-in session's accounts when there
 * is one. Only answers that succeeded are carried: the window asks again for anything missing,
 * and a failure is then reported as any failed request is.
 */
export async function bootAnswers(
  handlers: Handlers,
  options: DispatchOptions = {},
): Promise<BootAnswer[]> {
  const state = await dispatchInvoke(handlers, 'state.get', {}, options);
  if (!state.ok) return [];
  const answers: BootAnswer[] = [{ channel: 'state.get', payload: {}, envelope: state }];
  const session = bootSession(state.value as StateSnapshot);
  if (session === null) return answers;
  const payload = firstScreenPayload(session);
  const list = await dispatchInvoke(handlers, 'accounts.list', payload, options);
  if (list.ok) answers.push({ channel: 'accounts.list', payload, envelope: list });
  return answers;
}

/**
 * JSON that can sit inside a `<script>` element: `<`, `>` and `&` escaped (no `</script>` or
 * `<!--` can end or change the block), and U+2028/U+2029 as escapes too. JSON.parse reads it
 * back unchanged.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) =>
    c === '<'
      ? '\\u003c'
      : c === '>'
        ? '\\u003e'
        : c === '&'
          ? '\\u0026'
          : c === '\u2028'
            ? '\\u2028'
            : '\\u2029',
  );
}

/** The page with the answers in its data block, at the end of its head (or of the page). */
export function pageWithBootAnswers(html: string, answers: readonly BootAnswer[]): string {
  if (answers.length === 0) return html;
  const block = `<script type="application/json" id="${BOOT_ANSWERS_ID}">${scriptSafeJson(answers)}</script>`;
  const at = html.search(/<\/head>/i);
  return at === -1 ? html + block : html.slice(0, at) + block + html.slice(at);
}
