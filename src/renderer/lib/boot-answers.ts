// Takes the answers the page came with (shared/boot-answers.ts) out of its data block, once. The
// block is removed as it is read; one that is missing, malformed or of another shape gives none,
// and the window then asks for everything as usual. The envelopes are not looked into here: the
// api decodes each like the answer to its request.
// Imports types only from the contract: this module must not load zod.
import { BOOT_ANSWERS_ID, type BootAnswer } from '../../shared/boot-answers';

function isBootAnswer(v: unknown): v is BootAnswer {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  return (
    typeof a.channel === 'string' &&
    typeof a.payload === 'object' &&
    a.payload !== null &&
    !Array.isArray(a.payload) &&
    'envelope' in a
  );
}

export function takeBootAnswers(doc: Pick<Document, 'getElementById'>): BootAnswer[] {
  const block = doc.getElementById(BOOT_ANSWERS_ID);
  if (block === null) return [];
  block.remove();
  let parsed: unknown;
  try {
    parsed = JSON.parse(block.textContent ?? '');
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter(isBootAnswer) : [];
}
