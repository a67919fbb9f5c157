import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/lib/sql.ts';
import { Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';

/**
 * How many SQL statements the hot paths run. A count, not a timing: each statement is a round trip
 * to the database (and, while a case number is being taken, time the month's counter stays locked),
 * so the counts are the speed of the core by construction. BEGIN / COMMIT are not counted.
 */
const CREATE_BOUND = 6;
const DETAIL_BOUND = 3;
const SEARCH_BOUND = 4;
/** A list of dispositions: the case (or the page and its total), the rows, their approvals, their costs — whatever the number of rows. */
const DISPOSITIONS_BOUND = 5;

let env: TestEnv;
let log: string[] | undefined;
let agentApi: Client;
let agentSession: Client;
let ownerId: string;
let customerId: string;
let contactId: string;
let productId: string;
let departmentId: string;

const counted = async <T>(fn: () => Promise<T>) => {
  log = [];
  try {
    const result = await fn();
    return { result, statements: log.filter((q) => !/^\s*(begin|commit|rollback)\b/i.test(q)) };
  } finally {
    log = undefined;
  }
};

beforeAll(async () => {
  env = await createTestEnv({}, { onQuery: (q) => log?.push(q) });
  const c = await env.admin.post('/api/v1/customers', {
    kind: 'company',
    name: '苏州恒达机械有限公司',
    country: 'CN',
    province: '江苏',
    tier: 'B',
    contacts: [{ name: '王工', phone: '13800000000', email: 'wang@example.com', isPrimary: true }],
  });
  expect(c.statusCode, c.body).toBe(201);
  customerId = c.json().id;
  contactId = (await env.admin.get(`/api/v1/customers/${customerId}`)).json().contacts[0].id;
  productId = (
    await env.admin.post('/api/v1/products', { model: 'HP-100', name: '液压泵', category: 'hydraulics', warrantyMonths: 12 })
  ).json().id;
  const owner = await env.userWith(['agent'], { department: 'service' });
  ownerId = owner.userId;
  const deps = (await env.admin.get('/api/v1/departments')).json().items as { id: string; code: string }[];
  departmentId = deps.find((d) => d.code === 'service')?.id ?? '';
  agentSession = await env.userWith(['agent'], { department: 'service' });
  const token = await agentSession.post('/api/v1/api-tokens', { name: 'integration', scopes: ['cases:read', 'cases:create'] });
  agentApi = new Client(env.app, { bearer: token.json().token });
  // Once, so that per-minute bookkeeping (token last used, session expiry) and compiling the business
  // calendar (cached per version for the process) are not in the counts below.
  await agentApi.get('/api/v1/cases?pageSize=1');
  await agentSession.get('/api/v1/cases?pageSize=1');
  expect((await agentApi.post('/api/v1/cases', body())).statusCode).toBe(201);
});
afterAll(async () => env?.close());

const body = () => ({
  type: 'complaint',
  title: '液压泵漏油',
  description: '客户反映液压泵在运行约300小时后出现漏油现象。',
  customerId,
  contactId,
  productId,
  channel: 'phone',
  severity: 'MA',
  grade: 'important',
  ownerId,
  departmentId,
});

describe('statements per request', () => {
  it(`registers a case (owner told, customer acknowledged, clocks started) in at most ${CREATE_BOUND} statements`, async () => {
    for (const caller of [agentApi, agentSession]) {
      const { result: res, statements } = await counted(() => caller.post('/api/v1/cases', body()));
      expect(res.statusCode, res.body).toBe(201);
      const view = res.json();
      expect(view.clocks.length).toBeGreaterThan(0);
      expect(view.slaDueAt ?? view.clocks[0].dueAt).toBeTruthy();
      expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(CREATE_BOUND);
      // The month's counter stays locked until commit: it is the first write, and one statement (the case with
      // every row that belongs to it) follows it before COMMIT.
      const counter = statements.findIndex((q) => /case_number_counters/.test(q));
      expect(counter, 'counter taken').toBeGreaterThanOrEqual(0);
      expect(
        statements.slice(0, counter).some((q) => /^\s*(insert|update|delete)\b/i.test(q)),
        'no write before the counter',
      ).toBe(false);
      expect(statements.length - counter - 1, 'statements while the counter is locked').toBe(1);
      // Each row is written once: the case is inserted and not updated again in the same request.
      expect(statements.filter((q) => /^\s*update\s+"cases"/i.test(q))).toEqual([]);
    }
    // The owner was told and the customer acknowledged, as before.
    const res = await agentApi.post('/api/v1/cases', body());
    const id = res.json().id;
    const outbox = rowsOf<{ kind: string; to: string; template: string }>(
      await env.database.db.execute(
        sql`SELECT kind, payload->>'to' AS to, payload->>'template' AS template FROM outbox WHERE case_id = ${id}`,
      ),
    );
    expect(outbox.map((o) => o.template).sort()).toEqual(['case_assigned', 'customer_acknowledgement']);
    expect(outbox.find((o) => o.template === 'customer_acknowledgement')?.to).toBe('wang@example.com');
    const bell = rowsOf<{ n: number }>(
      await env.database.db.execute(sql`SELECT count(*)::int AS n FROM notifications WHERE case_id = ${id} AND user_id = ${ownerId}`),
    );
    expect(Number(bell[0]?.n)).toBe(1);
  });

  it(`answers a case's detail in at most ${DETAIL_BOUND} statements`, async () => {
    const id = (await agentApi.post('/api/v1/cases', body())).json().id;
    const { result: res, statements } = await counted(() => agentApi.get(`/api/v1/cases/${id}`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().clocks.length).toBeGreaterThan(0);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(DETAIL_BOUND);
  });

  it(`searches in at most ${SEARCH_BOUND} statements`, async () => {
    const { result: res, statements } = await counted(() => agentApi.get(`/api/v1/cases?q=${encodeURIComponent('漏油')}&pageSize=25`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBeGreaterThan(0);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(SEARCH_BOUND);
  });

  it(`lists 20 dispositions with their approvals and costs in at most ${DISPOSITIONS_BOUND} statements, as many as for one`, async () => {
    const withDispositions = async (n: number) => {
      const id = (await agentApi.post('/api/v1/cases', body())).json().id as string;
      for (let i = 0; i < n; i++) {
        // Every other one waits for approval (a request with its requester), and each has a cost.
        const details = i % 2 ? { kind: 'refund', amount: 20000 } : { kind: 'repair', fault: '漏油' };
        const d = await env.admin.post(`/api/v1/cases/${id}/dispositions`, { details });
        expect(d.statusCode, d.body).toBe(201);
        const submitted = await env.admin.post(`/api/v1/dispositions/${d.json().id}/actions`, { action: 'submit', version: 1 });
        expect(submitted.statusCode, submitted.body).toBe(200);
        const cost = await env.admin.post(`/api/v1/cases/${id}/costs`, { category: 'travel', amount: 100, dispositionId: d.json().id });
        expect(cost.statusCode, cost.body).toBe(201);
      }
      return id;
    };
    const one = await withDispositions(1);
    const twenty = await withDispositions(20);
    const ofCase = async (id: string) => counted(() => env.admin.get(`/api/v1/cases/${id}/dispositions`));
    const small = await ofCase(one);
    const { result: res, statements } = await ofCase(twenty);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { approvals: unknown[]; costs: unknown[] }[];
    expect(items).toHaveLength(20);
    expect(items.every((d) => d.costs.length === 1)).toBe(true);
    expect(items.filter((d) => d.approvals.length === 1)).toHaveLength(10);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(DISPOSITIONS_BOUND);
    expect(statements.length).toBe(small.statements.length);

    const page = await counted(() => env.admin.get('/api/v1/dispositions?pageSize=20'));
    expect(page.result.statusCode, page.result.body).toBe(200);
    expect(page.result.json().items).toHaveLength(20);
    expect(page.statements.length, page.statements.join('\n')).toBeLessThanOrEqual(DISPOSITIONS_BOUND);
  });
});
