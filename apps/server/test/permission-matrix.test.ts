import { DEFAULT_ROLES, type Permission } from '@closeloop/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/lib/sql.ts';
import { Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';

/**
 * The permission matrix (issue 8): every registered API route × seven kinds of caller. The table
 * below states what each route needs; a route without an entry fails the test, so extend the table
 * as routes are added. A caller without the permission gets 401/403 problem+json and changes
 * nothing; a caller with it is not refused (400/404/409 for the dummy ids and bodies are fine).
 */

/**
 * A permission, any signed-in caller (session or token), a caller signed in by cookie (`session`),
 * anyone but an API token (`not_token`: signing out), or nobody at all.
 */
type Need = Permission | 'signed_in' | 'session' | 'not_token' | 'public';
interface Probe {
  /** What the caller must hold for this request, besides the route's own need. */
  need?: Need;
  body?: unknown;
  /** Path with the parameters filled in, when the defaults below do not fit. */
  path?: string;
}
interface Entry {
  need: Need;
  /** Requests to send; one without a body when omitted. Body-dependent routes list one per case. */
  probes?: Probe[];
}

const NONE = '00000000-0000-4000-8000-000000000000';
const only = (need: Need, body?: unknown): Entry => ({ need, probes: [{ body }] });

/** Personal changes (away, preferences, notifications read) need `profile:write`: every user holds it, a token only when granted. */
const PERSONAL: Permission[] = ['profile:write'];
const PROFILE: Need = 'profile:write';
const MATRIX: Record<string, Entry> = {
  // auth (features/auth)
  'POST /api/v1/auth/login': only('public', { login: 'nobody', password: '' }),
  'POST /api/v1/auth/logout': only('not_token'),
  'POST /api/v1/auth/password': only('session', { currentPassword: 'not-the-password', newPassword: 'Another-long-pass-42' }),
  'GET /api/v1/auth/me': only('signed_in'),
  'PUT /api/v1/me/away': only(PROFILE, { away: false }),
  'GET /api/v1/users': only('users:read'),
  'POST /api/v1/users': only('users:manage', {
    login: 'matrix.user',
    displayName: 'Matrix',
    roles: ['read_only'],
    password: 'a-long-test-password',
  }),
  'PATCH /api/v1/users/:id': only('users:manage', { version: 1, displayName: 'x' }),
  'GET /api/v1/departments': only('users:read'),
  'POST /api/v1/departments': only('departments:manage', { code: 'matrix', nameZh: '矩阵', nameEn: 'Matrix' }),
  'PATCH /api/v1/departments/:id': only('departments:manage', { version: 1, nameEn: 'x' }),
  'GET /api/v1/roles': only('users:read'),
  'GET /api/v1/api-tokens': only('tokens:manage'),
  'POST /api/v1/api-tokens': only('tokens:manage', { name: 'matrix', scopes: ['cases:read'] }),
  'DELETE /api/v1/api-tokens/:id': only('tokens:manage'),
  // workspace
  'GET /api/v1/me/preferences/:key': only('signed_in'),
  'PUT /api/v1/me/preferences/:key': only(PROFILE, { value: { matrix: true } }),
  'GET /api/v1/workspace/queues': only('cases:read'),
  // notifications
  'GET /api/v1/me/notifications': only('signed_in'),
  'POST /api/v1/me/notifications/read': only(PROFILE, { all: true }),
  'GET /api/v1/admin/outbox': only('sla:manage'),
  'POST /api/v1/admin/outbox/:id/retry': { need: 'sla:manage', probes: [{ path: '/api/v1/admin/outbox/999999/retry' }] },
  // customers
  'GET /api/v1/customers': only('customers:read'),
  'POST /api/v1/customers': only('customers:write'),
  'GET /api/v1/customers/:id': only('customers:read'),
  'PATCH /api/v1/customers/:id': only('customers:write'),
  'POST /api/v1/customers/:id/contacts': only('customers:write'),
  'GET /api/v1/products': only('customers:read'),
  'POST /api/v1/products': only('products:write'),
  'GET /api/v1/products/:id': only('customers:read'),
  'PATCH /api/v1/products/:id': only('products:write'),
  'GET /api/v1/units': only('customers:read'),
  'POST /api/v1/units': only('customers:write'),
  'GET /api/v1/units/:id': only('customers:read'),
  'PATCH /api/v1/units/:id': only('customers:write'),
  // cases
  'POST /api/v1/cases': only('cases:create'),
  'GET /api/v1/cases': only('cases:read'),
  'GET /api/v1/cases/export.csv': only('cases:read'),
  'GET /api/v1/cases/:id': only('cases:read'),
  'PATCH /api/v1/cases/:id': {
    need: 'cases:update',
    probes: [
      { body: { version: 1, title: 'x' } },
      { need: 'responsibility:decide', body: { version: 1, responsibility: { party: 'customer', reason: 'x' } } },
    ],
  },
  'POST /api/v1/cases/:id/transitions': {
    need: 'cases:read',
    probes: [
      { need: 'cases:handle', body: { action: 'acknowledge' } },
      { need: 'cases:approve', body: { action: 'approve' } },
      { need: 'cases:approve', body: { action: 'decline', reason: 'x' } },
      { need: 'cases:close', body: { action: 'close' } },
      { need: 'cases:reject', body: { action: 'reject', explanation: 'x' } },
    ],
  },
  'GET /api/v1/cases/:id/events': only('cases:read'),
  'POST /api/v1/cases/:id/comments': only('cases:comment'),
  'POST /api/v1/cases/:id/links': only('cases:update'),
  'GET /api/v1/cases/:id/attachments': only('cases:read'),
  'POST /api/v1/cases/:id/attachments': only('cases:comment'),
  'GET /api/v1/cases/:id/attachments/:attachmentId': only('cases:read'),
  // SLA, calendars, assignment, settings
  'GET /api/v1/calendars': only('cases:read'),
  'POST /api/v1/calendars': only('sla:manage'),
  'GET /api/v1/calendars/:id': only('cases:read'),
  'PATCH /api/v1/calendars/:id': only('sla:manage'),
  'DELETE /api/v1/calendars/:id': only('sla:manage'),
  'GET /api/v1/calendars/:id/days': only('cases:read'),
  'PUT /api/v1/calendars/:id/days/:date': only('sla:manage'),
  'DELETE /api/v1/calendars/:id/days/:date': only('sla:manage'),
  'POST /api/v1/calendars/:id/import': only('sla:manage'),
  'GET /api/v1/calendars/:id/preview': only('cases:read'),
  'GET /api/v1/sla/policies': only('cases:read'),
  'POST /api/v1/sla/policies': only('sla:manage'),
  'PATCH /api/v1/sla/policies/:id': only('sla:manage'),
  'DELETE /api/v1/sla/policies/:id': only('sla:manage'),
  'POST /api/v1/sla/policies/reorder': only('sla:manage'),
  'GET /api/v1/sla/escalations': only('cases:read'),
  'POST /api/v1/sla/escalations/:id/acknowledge': {
    need: 'cases:handle',
    probes: [{ path: '/api/v1/sla/escalations/999999/acknowledge' }],
  },
  'GET /api/v1/sla/breaches/summary': only('cases:read'),
  'GET /api/v1/cases/:id/clocks': only('cases:read'),
  'POST /api/v1/cases/:id/clocks/reset': only('cases:handle'),
  'POST /api/v1/cases/:id/site-arrival': only('cases:handle'),
  'GET /api/v1/settings/company': only('cases:read'),
  'PUT /api/v1/settings/company': only('sla:manage'),
  'GET /api/v1/assignment-rules': only('cases:read'),
  'POST /api/v1/assignment-rules': only('sla:manage'),
  'PATCH /api/v1/assignment-rules/:id': only('sla:manage'),
  'DELETE /api/v1/assignment-rules/:id': only('sla:manage'),
  'POST /api/v1/assignment-rules/reorder': only('sla:manage'),
  // investigation, warranty, dispositions, costs, approval matrix
  'GET /api/v1/cases/:id/investigation': only('cases:read'),
  'PUT /api/v1/cases/:id/investigation': only('dispositions:write'),
  'POST /api/v1/cases/:id/investigation/report': only('dispositions:write'),
  'POST /api/v1/cases/:id/investigation/review': only('cases:approve', { decision: 'accepted' }),
  'GET /api/v1/cases/:id/warranty': only('cases:read'),
  'GET /api/v1/warranty-terms': only('cases:read'),
  'PUT /api/v1/warranty-terms/:category': only('approvals:manage'),
  'GET /api/v1/cases/:id/dispositions': only('cases:read'),
  'POST /api/v1/cases/:id/dispositions': only('dispositions:write'),
  'GET /api/v1/dispositions': only('cases:read'),
  'GET /api/v1/dispositions/queues': only('cases:read'),
  'GET /api/v1/dispositions/:id': only('cases:read'),
  'POST /api/v1/dispositions/:id/actions': {
    need: 'cases:read',
    probes: [
      { need: 'dispositions:write', body: { action: 'submit', version: 1 } },
      { need: 'dispositions:write', body: { action: 'update', version: 1, details: { amount: 99999 } } },
      { need: 'cases:approve', body: { action: 'approve', version: 1 } },
      { need: 'cases:approve', body: { action: 'refuse', version: 1, note: 'x' } },
    ],
  },
  'POST /api/v1/dispositions/:id/signature': only('dispositions:write'),
  'GET /api/v1/dispositions/:id/memo.pdf': only('cases:read'),
  'GET /api/v1/cases/:id/costs': only('costs:read'),
  'POST /api/v1/cases/:id/costs': only('dispositions:write'),
  'POST /api/v1/costs/:id/recovery': { need: 'dispositions:write', probes: [{ path: '/api/v1/costs/999999/recovery', body: {} }] },
  'GET /api/v1/costs/settlement': only('costs:read'),
  'GET /api/v1/approval-rules': only('cases:read'),
  'PUT /api/v1/approval-rules/:kind': only('approvals:manage'),
};

const PARAMS: Record<string, string> = {
  id: NONE,
  attachmentId: NONE,
  key: 'matrix',
  kind: 'goodwill',
  category: 'matrix',
  date: '2026-01-01',
};
const fill = (route: string) => route.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? NONE);

/** Every route of the running app, as `METHOD /path`, read from Fastify's route tree. */
function registeredRoutes(tree: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.+?) \(([^)]+)\)$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    const path = stack.join('');
    for (const method of (m[3] ?? '').split(', ')) if (method !== 'HEAD') out.push(`${method} ${path}`);
  }
  return out;
}

interface Caller {
  name: string;
  client: Client;
  /** undefined: anonymous. */
  permissions?: ReadonlySet<string>;
  token?: boolean;
}

let env: TestEnv;
let callers: Caller[];
let routes: string[];

/** What a signed-in user of a role holds: the role's permissions and the personal ones. */
const rolePermissions = (code: string) =>
  new Set<string>([...(DEFAULT_ROLES.find((r) => r.code === code)?.permissions ?? []), ...PERSONAL]);
const holds = (caller: Caller, need: Need) => {
  if (need === 'public') return true;
  if (need === 'not_token') return !caller.token;
  if (caller.permissions === undefined) return false;
  if (need === 'session') return !caller.token;
  return need === 'signed_in' || caller.permissions.has(need);
};

beforeAll(async () => {
  env = await createTestEnv();
  const as = async (role: string) => ({ name: role, client: await env.userWith([role]), permissions: rolePermissions(role) });
  const token = await env.admin.post('/api/v1/api-tokens', { name: 'matrix token', scopes: ['cases:read'] });
  callers = [
    { name: 'anonymous', client: env.anonymous },
    await as('read_only'),
    await as('agent'),
    await as('quality_engineer'),
    await as('manager'),
    { name: 'administrator', client: env.admin, permissions: rolePermissions('administrator') },
    {
      name: 'cases:read token',
      client: new Client(env.app, { bearer: token.json().token }),
      permissions: new Set(['cases:read']),
      token: true,
    },
  ];
  routes = registeredRoutes(env.app.printRoutes({ commonPrefix: false })).filter((r) => r.includes(' /api/v1/'));
});
afterAll(() => env.close());

/** Every request of the matrix: route × probe × caller, with whether the caller may. */
function requests() {
  const out: { route: string; method: string; path: string; body: unknown; caller: Caller; allowed: boolean }[] = [];
  for (const route of routes) {
    const entry = MATRIX[route];
    if (!entry) continue;
    const [method = 'GET', pattern = ''] = route.split(' ');
    for (const probe of entry.probes ?? [{}]) {
      for (const caller of callers) {
        const allowed = holds(caller, entry.need) && holds(caller, probe.need ?? entry.need);
        out.push({ route, method, path: probe.path ?? fill(pattern), body: probe.body, caller, allowed });
      }
    }
  }
  return out;
}

/** A digest of every table a request could change (sign-in bookkeeping aside). */
async function fingerprint() {
  const db = env.database.db;
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`),
  ).filter((t) => !/session|api_token|login|throttl|drizzle/.test(t.name));
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = rowsOf<{ h: string }>(
      await db.execute(
        sql.raw(`SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS h FROM "${name}" t`),
      ),
    );
    out[name] = row?.h ?? '';
  }
  return out;
}

type Request = ReturnType<typeof requests>[number];
const send = (r: Request) =>
  r.caller.client.request(r.method as 'GET', r.path, r.method === 'GET' || r.method === 'DELETE' ? undefined : (r.body ?? {}));
const describeRequest = (r: Request, res: { statusCode: number; body: string }) =>
  `${r.caller.name}: ${r.method} ${r.path} ${JSON.stringify(r.body ?? null)} → ${res.statusCode} ${res.body.slice(0, 120)}`;

/** Sends the requests eight at a time, signing out after everything else (it ends the caller's session). */
async function sendAll(list: Request[], check: (r: Request, res: Awaited<ReturnType<typeof send>>) => boolean) {
  const wrong: string[] = [];
  const last = list.filter((r) => r.path.endsWith('/auth/logout'));
  const first = list.filter((r) => !last.includes(r));
  for (let i = 0; i < first.length; i += 8) {
    const batch = first.slice(i, i + 8);
    const answers = await Promise.all(batch.map(send));
    batch.forEach((r, k) => {
      const res = answers[k];
      if (res && !check(r, res)) wrong.push(describeRequest(r, res));
    });
  }
  for (const r of last) {
    const res = await send(r);
    if (!check(r, res)) wrong.push(describeRequest(r, res));
  }
  return wrong;
}

describe('permission matrix', () => {
  it('states what every registered route needs', () => {
    expect(routes.length).toBeGreaterThan(90);
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('refuses every caller without the permission, with 401/403 problem+json, and changes nothing', async () => {
    const before = await fingerprint();
    const wrong = await sendAll(
      requests().filter((x) => !x.allowed),
      (r, res) =>
        res.statusCode === (r.caller.permissions === undefined ? 401 : 403) &&
        String(res.headers['content-type']).includes('application/problem+json'),
    );
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('lets every caller with the permission through (dummy ids and bodies may still be refused as such)', async () => {
    const wrong = await sendAll(
      requests().filter((x) => x.allowed),
      (_, res) => res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500,
    );
    expect(wrong).toEqual([]);
  });
});
