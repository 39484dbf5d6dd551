// What main sends the window is checked here, before it is sent: every request's result against
// its channel's result schema (in dispatch.ts) and every event against its event schema (in the
// app's event bus, ../app/events.ts, which every host's window gets its events from). Main is the
// trusted side; the window (src/shared/ipc-renderer.ts) only decodes what arrives, so this is
// the one place a result or event that breaks the contract is stopped.
//
// Bulk data (the `accounts.list` result and the `accounts` event, up to 10,000 accounts and their
// roles) is built by main from data it validated when it read it (the portal's answers, the
// cache), so it gets a shape check (every field's type, no regexes) instead of the full schema,
// which costs hundreds of ms at that size; the small fields around it go through zod.
//
// A refusal never quotes the data: the reason names where the problem is and what kind it is
// (`accounts.3.accountId: invalid_type`), never a value, since results carry secrets.
// Pure: zod only, no Node, DOM or Electron.
import { z } from 'zod';
import {
  eventChannels,
  invokeChannels,
  type EventName,
  type InvokeChannel,
} from '../../../shared/ipc-contract';
import { accountListSchema, accountsEventSchema } from '../../../shared/ipc-views';
import { accountSchema } from '../../../shared/schemas';

export type Checked = { ok: true; value: unknown } | { ok: false; reason: string };

/** Where the first problem is and its kind, without the value (results can hold secrets). */
function describeWhere(error: z.ZodError): string {
  const first = error.issues[0];
  if (first === undefined) return 'does not match';
  const where = first.path.length > 0 ? first.path.map(String).join('.') : '(the value)';
  return `${where}: ${first.code}`;
}

function fromZod(result: z.ZodSafeParseResult<unknown>): Checked {
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, reason: describeWhere(result.error) };
}

// ---------------------------------------------------------------------------------------------
// Bulk data: shape-checked
// ---------------------------------------------------------------------------------------------

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type FieldType = 'string' | 'number' | 'boolean';

/** The JS type of one field, read from its schema (its rules, such as regexes, are left out). */
function fieldType(field: string, schema: z.ZodType): { type: FieldType; optional: boolean } {
  if (schema instanceof z.ZodOptional) {
    return { type: fieldType(field, schema.unwrap() as z.ZodType).type, optional: true };
  }
  if (schema instanceof z.ZodString) return { type: 'string', optional: false };
  if (schema instanceof z.ZodNumber) return { type: 'number', optional: false };
  if (schema instanceof z.ZodBoolean) return { type: 'boolean', optional: false };
  // A field of another kind needs a check written for it: fail at load, not by letting it through.
  throw new Error(`The account list's shape check cannot check the ${field} field.`);
}

/** Every field of `accountSchema` and its type: a field the schema gains is checked too. */
const ACCOUNT_FIELDS = Object.entries(accountSchema.shape).map(([field, schema]) => ({
  field,
  ...fieldType(field, schema),
}));

/** Null when `v` is an array of accounts of the right shape; else where it is not. */
function accountListProblem(v: unknown, at: string): string | null {
  if (!Array.isArray(v)) return `${at}: not an array`;
  const list = v as unknown[];
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (!isRecord(a)) return `${at}.${i}: not an object`;
    for (const { field, type, optional } of ACCOUNT_FIELDS) {
      const value = a[field];
      if (typeof value !== type && !(optional && value === undefined)) {
        return `${at}.${i}.${field}: not a ${type}`;
      }
    }
  }
  return null;
}

/** Null when `v` maps account ids to arrays of role names; else where it does not. */
function rolesByAccountProblem(v: unknown): string | null {
  if (!isRecord(v)) return 'roles: not an object';
  for (const accountId of Object.keys(v)) {
    const names = v[accountId];
    if (!Array.isArray(names)) return 'roles.<account>: not an array';
    for (const name of names as unknown[]) {
      if (typeof name !== 'string') return 'roles.<account>.<role>: not a string';
    }
  }
  return null;
}

let heads: { list: z.ZodType; event: z.ZodType } | null = null;
/** The small fields of the two bulk shapes (built on first use). */
function bulkHeads() {
  heads ??= {
    list: accountListSchema.omit({ accounts: true, roles: true }),
    event: accountsEventSchema.omit({ accounts: true, roles: true }),
  };
  return heads;
}

/** The `accounts.list` result: zod for the small fields, a shape check for the lists. */
function checkAccountList(v: unknown): Checked {
  if (!isRecord(v)) return { ok: false, reason: '(the value): not an object' };
  const problem = accountListProblem(v.accounts, 'accounts') ?? rolesByAccountProblem(v.roles);
  if (problem !== null) return { ok: false, reason: problem };
  const head = bulkHeads().list.safeParse(v);
  if (!head.success) return fromZod(head);
  return { ok: true, value: { ...(head.data as object), accounts: v.accounts, roles: v.roles } };
}

/** The `accounts` event: zod for the small fields, a shape check for the lists. */
function checkAccountsEvent(v: unknown): Checked {
  if (!isRecord(v)) return { ok: false, reason: '(the value): not an object' };
  const problem =
    (v.accounts === undefined ? null : accountListProblem(v.accounts, 'accounts')) ??
    rolesByAccountProblem(v.roles);
  if (problem !== null) return { ok: false, reason: problem };
  const head = bulkHeads().event.safeParse(v);
  if (!head.success) return fromZod(head);
  const event: Record<string, unknown> = { ...(head.data as object), roles: v.roles };
  if (v.accounts !== undefined) event.accounts = v.accounts;
  return { ok: true, value: event };
}

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

/** A handler's result as the window may receive it (what the result schema yields), or why not. */
export function checkResult(channel: InvokeChannel, value: unknown): Checked {
  if (channel === 'accounts.list') return checkAccountList(value);
  return fromZod(invokeChannels[channel].result.safeParse(value));
}

/** An event as the window may receive it (what its schema yields), or why not. */
export function checkEvent(event: EventName, payload: unknown): Checked {
  if (event === 'accounts') return checkAccountsEvent(payload);
  return fromZod(eventChannels[event].safeParse(payload));
}
