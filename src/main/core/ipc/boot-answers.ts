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
 * bootAnswers, or none when they take longer than `ms` (main still starting, a slow disk): the
 * page is not held back for them, and the window asks for what it lacks.
 */
export async function bootAnswersWithin(
  handlers: Handlers,
  options: DispatchOptions,
  ms: number,
): Promise<BootAnswer[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<BootAnswer[]>((resolve) => {
    timer = setTimeout(() => resolve([]), ms);
  });
  try {
    return await Promise.race([bootAnswers(handlers, options).catch(() => []), late]);
  } finally {
    clearTimeout(timer);
  }
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

/**
 * The page cut where its answers go, before `</body>` (or at its end): the part before (the head,
 * with the scripts and styles to load) can be sent at once, while the answers are computed. The
 * window's scripts are modules, which run only once the whole page is parsed: the block is there
 * by then.
 */
export function splitPage(html: string): { before: string; after: string } {
  const at = html.search(/<\/body>/i);
  return at === -1
    ? { before: html, after: '' }
    : { before: html.slice(0, at), after: html.slice(at) };
}

/** The data block holding `answers` (nothing when there are none). */
export function answersBlock(answers: readonly BootAnswer[]): string {
  if (answers.length === 0) return '';
  return `<script type="application/json" id="${BOOT_ANSWERS_ID}">${scriptSafeJson(answers)}</script>`;
}

/** The page with the answers in its data block, at the end of its body (or of the page). */
export function pageWithBootAnswers(html: string, answers: readonly BootAnswer[]): string {
  const { before, after } = splitPage(html);
  return before + answersBlock(answers) + after;
}

/** How long a page waits for its answers before it goes without them (the window then asks). */
export const PAGE_ANSWERS_MS = 250;

/**
 * Writes the page with its answers, as a host serves it (the caller has sent the headers): the
 * part before the block at once, so the browser loads the scripts while the answers are computed,
 * then the block and the rest, without answers after PAGE_ANSWERS_MS.
 */
export async function writePageWithAnswers(
  out: { write(chunk: string): unknown; end(chunk: string): unknown },
  html: string,
  handlers: Handlers,
  options: DispatchOptions = {},
): Promise<void> {
  const { before, after } = splitPage(html);
  out.write(before);
  const answers = await bootAnswersWithin(handlers, options, PAGE_ANSWERS_MS);
  out.end(answersBlock(answers) + after);
}
