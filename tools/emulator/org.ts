// A deterministic, realistic-looking organisation for the emulator: the same seed always gives the
// same accounts, ids, emails, roles, signed-in user and start URL, so tests and demos can name them.

export interface OrgAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

export interface Organisation {
  startUrl: string;
  /** The signed-in user's name as it appears in assumed-role ARNs, e.g. `alex.rivera@example.com`. */
  userName: string;
  /** The user's display name, e.g. `Alex Rivera`. */
  displayName: string;
  accounts: OrgAccount[];
}

export interface OrgOptions {
  seed?: number;
  accounts?: number;
  /** Fixed role count per account; undefined gives a deterministic mix of 1..6. */
  rolesPerAccount?: number;
}

export const ROLE_NAMES = [
  'AdministratorAccess',
  'ReadOnlyAccess',
  'PowerUserAccess',
  'ViewOnlyAccess',
  'Billing',
  'DatabaseAdministrator',
  'DataScientist',
  'SecurityAudit',
  'NetworkAdministrator',
  'SupportUser',
  'SystemAdministrator',
  'DeveloperAccess',
] as const;

const TEAMS: ReadonlyArray<readonly [name: string, slug: string]> = [
  ['Payments', 'payments'],
  ['Data Platform', 'data-platform'],
  ['Identity', 'identity'],
  ['Checkout', 'checkout'],
  ['Search', 'search'],
  ['Mobile Backend', 'mobile-backend'],
  ['Analytics', 'analytics'],
  ['Machine Learning', 'ml'],
  ['Logistics', 'logistics'],
  ['Customer Portal', 'customer-portal'],
  ['Billing Engine', 'billing-engine'],
  ['Notifications', 'notifications'],
  ['Inventory', 'inventory'],
  ['Marketing Web', 'marketing-web'],
  ['Fraud Detection', 'fraud'],
  ['Recommendations', 'recommendations'],
  ['Media Processing', 'media'],
  ['Partner API', 'partner-api'],
  ['Internal Tools', 'internal-tools'],
  ['Observability', 'observability'],
];

const ENVIRONMENTS: ReadonlyArray<readonly [name: string, slug: string]> = [
  ['Production', 'prod'],
  ['Staging', 'staging'],
  ['Development', 'dev'],
  ['QA', 'qa'],
  ['Sandbox', 'sandbox'],
];

// Accounts that every organisation has once, before the team × environment grid.
const PLATFORM_ACCOUNTS: ReadonlyArray<readonly [name: string, slug: string]> = [
  ['Management', 'management'],
  ['Security Audit', 'security-audit'],
  ['Log Archive', 'log-archive'],
  ['Shared Services', 'shared-services'],
  ['Network Hub', 'network-hub'],
];

const FIRST_NAMES = [
  'Alex',
  'Sam',
  'Jordan',
  'Taylor',
  'Morgan',
  'Casey',
  'Robin',
  'Jamie',
  'Avery',
  'Riley',
];
const LAST_NAMES = [
  'Rivera',
  'Chen',
  'Okafor',
  'Novak',
  'Lindqvist',
  'Patel',
  'Moreau',
  'Tanaka',
  'Silva',
  'Kowalski',
];

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  const item = list[Math.floor(rand() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function pickRoles(rand: () => number, count: number): string[] {
  // Partial Fisher–Yates over the role names; beyond the list, numbered custom roles.
  const pool: string[] = [...ROLE_NAMES];
  const roles: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i < pool.length) {
      const j = i + Math.floor(rand() * (pool.length - i));
      const a = pool[i] as string;
      const b = pool[j] as string;
      pool[i] = b;
      pool[j] = a;
      roles.push(b);
    } else {
      roles.push(`CustomRole${i + 1}`);
    }
  }
  return roles;
}

/** Builds the organisation. Linear in the account count (10,000 accounts take milliseconds). */
export function generateOrganisation(options: OrgOptions = {}): Organisation {
  const seed = options.seed ?? 1;
  const count = options.accounts ?? 12;
  const rand = prng(seed);

  let startId = '';
  for (let i = 0; i < 10; i++) startId += Math.floor(rand() * 16).toString(16);
  const first = pick(rand, FIRST_NAMES);
  const last = pick(rand, LAST_NAMES);
  const displayName = `${first} ${last}`;
  const userName = `${first.toLowerCase()}.${last.toLowerCase()}@example.com`;

  // Names: the platform accounts, a personal sandbox, then teams × environments in a seeded
  // order; once those run out, numbered variants ("Payments Production 2").
  const names: Array<readonly [string, string]> = [...PLATFORM_ACCOUNTS];
  names.splice(2, 0, [
    `Sandbox – ${displayName}`,
    `sandbox-${first.toLowerCase()}-${last.toLowerCase()}`,
  ]);
  const grid: Array<readonly [string, string]> = [];
  for (const [team, teamSlug] of TEAMS) {
    for (const [env, envSlug] of ENVIRONMENTS)
      grid.push([`${team} ${env}`, `${teamSlug}-${envSlug}`]);
  }
  for (let i = grid.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const a = grid[i] as readonly [string, string];
    grid[i] = grid[j] as readonly [string, string];
    grid[j] = a;
  }
  names.push(...grid);

  const usedIds = new Set<string>();
  const accounts: OrgAccount[] = [];
  for (let i = 0; i < count; i++) {
    const base = names[i % names.length] as readonly [string, string];
    const round = Math.floor(i / names.length);
    const accountName = round === 0 ? base[0] : `${base[0]} ${round + 1}`;
    const slug = round === 0 ? base[1] : `${base[1]}-${round + 1}`;
    let accountId: string;
    do {
      accountId = '';
      for (let d = 0; d < 12; d++) accountId += Math.floor(rand() * 10).toString();
    } while (usedIds.has(accountId));
    usedIds.add(accountId);
    const roleCount = options.rolesPerAccount ?? 1 + Math.floor(rand() * 6);
    accounts.push({
      accountId,
      accountName,
      emailAddress: `aws+${slug}@example.com`,
      roles: pickRoles(rand, roleCount),
    });
  }
  return {
    startUrl: `https://d-${startId}.awsapps.com/start`,
    userName,
    displayName,
    accounts,
  };
}
