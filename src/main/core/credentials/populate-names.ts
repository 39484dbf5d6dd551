// The names of `populate`'s profiles (./populate.ts): the roles of a session in display order,
// the template filled in (DEFAULT_TEMPLATE's fields {account_name}, {account_id}, {role_name}
// and {session}) and made safe by the config-name rule (safeConfigName in shared/rules.ts),
// and the disambiguation that gives every role a name of its own: two roles whose names come out
// the same both get the account id added (then the role name, then a number, should that still
// not tell them apart), and so does a role whose name is taken (`blocked`). Pure.

import { SsoTrayError } from '../errors';
import { MAX_NAME_LENGTH, configNameProblem, safeConfigName } from '../../../shared/rules';
import { sortAccounts, sortRoles } from '../../../shared/account-order';
import type { Account } from '../../../shared/schemas';
import {
  DEFAULT_TEMPLATE,
  TEMPLATE_FIELDS,
  templateProblem,
  type TemplateField,
} from '../../../shared/profile-template';

export { DEFAULT_TEMPLATE, templateProblem };

/** Throws INVALID_INPUT for a template templateProblem refuses. */
export function checkTemplate(template: string): void {
  const problem = templateProblem(template);
  if (problem !== null) throw new SsoTrayError('INVALID_INPUT', problem);
}

export function renderTemplate(template: string, values: Record<TemplateField, string>): string {
  return template.replace(/\{([^{}]*)\}/g, (whole, name: string) =>
    (TEMPLATE_FIELDS as readonly string[]).includes(name) ? values[name as TemplateField] : whole,
  );
}

export interface PopulateRole {
  accountId: string;
  accountName: string;
  roleName: string;
}

/** Every account and role of a session, in display order (shared/account-order.ts). */
export function populateRoles(
  accounts: readonly Account[],
  roles: ReadonlyMap<string, ReadonlyArray<{ accountId: string; roleName: string }>>,
): PopulateRole[] {
  return sortAccounts([...accounts]).flatMap((a) =>
    sortRoles([...(roles.get(a.accountId) ?? [])]).map((r) => ({
      accountId: a.accountId,
      accountName: a.accountName,
      roleName: r.roleName,
    })),
  );
}

/**
 * The name of a role at a level of disambiguation: 0 the template's, 1 with the account id, 2
 * with the account id and the role name, 3 and up with a number after those. The base is cut
 * so that what is added always fits.
 */
function candidate(base: string, r: PopulateRole, level: number): string {
  if (level === 0) return base;
  const parts = [r.accountId];
  if (level >= 2) parts.push(safeConfigName(r.roleName) || 'role');
  let suffix = parts.join('.');
  if (level >= 3) suffix += `-${level - 1}`;
  const room = MAX_NAME_LENGTH - suffix.length - 1;
  const head = base.slice(0, Math.max(0, room)).replace(/[-.]+$/, '');
  return head === '' ? suffix : `${head}.${suffix}`;
}

const RESERVED = new Set(['default', 'DEFAULT', '__proto__']);

/**
 * One unique, safe profile name per role, in the order given. `blocked(name, role)` says a name
 * is taken for that role (a profile SSO Tray may not change). Exported for its tests.
 */
export function profileNames(
  roles: readonly PopulateRole[],
  template: string,
  session: string,
  blocked: (name: string, role: PopulateRole) => boolean = () => false,
): string[] {
  checkTemplate(template);
  const bases = roles.map((r) =>
    safeConfigName(
      renderTemplate(template, {
        account_name: r.accountName,
        account_id: r.accountId,
        role_name: r.roleName,
        session,
      }),
    ),
  );
  const levels = roles.map(() => 0);
  // safeConfigName only leaves names the config-name rule accepts (checked once at the end)
  const unusable = (name: string, r: PopulateRole) =>
    name === '' || RESERVED.has(name) || blocked(name, r);
  let names: string[] = [];
  for (let round = 0; round < 12; round++) {
    names = roles.map((r, i) => candidate(bases[i] ?? '', r, levels[i] ?? 0));
    const holders = new Map<string, number[]>();
    names.forEach((n, i) => {
      const list = holders.get(n);
      if (list === undefined) holders.set(n, [i]);
      else list.push(i);
    });
    let again = false;
    roles.forEach((r, i) => {
      const n = names[i] ?? '';
      if ((holders.get(n)?.length ?? 0) > 1 || unusable(n, r)) {
        levels[i] = (levels[i] ?? 0) + 1;
        again = true;
      }
    });
    if (!again) return checked(names);
  }
  // Only names made to look like others' suffixed names get here: the index settles them.
  const seen = new Set<string>();
  names = names.map((n, i) => {
    let name = n;
    for (let k = 2; seen.has(name) || unusable(name, roles[i] as PopulateRole); k++) {
      name = `${n.slice(0, MAX_NAME_LENGTH - 8)}-${i}-${k}`;
    }
    seen.add(name);
    return name;
  });
  return checked(names);
}

function checked(names: string[]): string[] {
  for (const n of names) {
    const problem = configNameProblem('profile', n);
    if (problem !== null) throw new Error(`populate made a name the rule refuses: ${problem}`);
  }
  return names;
}
