// The name template of "a profile for every role" (`sso-tray populate`, Settings → Profiles):
// its placeholders, its default and what makes one unusable. No zod here, so the CLI checks
// `--template` without loading it, and the window shows the same message as it is typed.
// Filling it in and making the names safe is the core's
// (src/main/core/credentials/populate-names.ts).

export const DEFAULT_TEMPLATE = '{account_name}.{role_name}';
export const TEMPLATE_FIELDS = ['account_name', 'account_id', 'role_name', 'session'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
/** Longer would only be cut: a profile name has at most 128 characters. */
export const MAX_TEMPLATE_LENGTH = 256;

/** What is wrong with a name template, in a full sentence, or null. */
export function templateProblem(template: string): string | null {
  if (template.trim() === '')
    return 'The template is empty; for example {account_name}.{role_name}.';
  if (template.length > MAX_TEMPLATE_LENGTH) {
    return `The template is longer than ${MAX_TEMPLATE_LENGTH} characters.`;
  }
  const fields = TEMPLATE_FIELDS.map((f) => `{${f}}`).join(', ');
  let unknown: string | undefined;
  const rest = template.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) unknown ??= whole;
    return '';
  });
  if (unknown !== undefined) {
    return `The template has an unknown placeholder ${unknown}; it can use ${fields}.`;
  }
  if (rest.includes('{') || rest.includes('}')) {
    return `The template has a { or } that is not part of a placeholder; it can use ${fields}.`;
  }
  return null;
}
