import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../src/testing/index.ts';

/**
 * What SLA policies and assignment rules match a case by (issue 9): the product line, the defect
 * severity, the region seen from the company's province.
 */
let env: TestEnv;
let calendarId: string;
let qualityId: string;
let hydraulicPump: string;

const sh = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
  env = await createTestEnv();
  expect(
    (
      await env.admin.request('PUT', '/api/v1/settings/company', {
        companyName: '浙江精工机械',
        province: '浙江省',
        autoAcknowledge: false,
      })
    ).statusCode,
  ).toBe(200);
  calendarId = (await env.admin.get('/api/v1/calendars')).json()[0].id;
  const deps = (await env.admin.get('/api/v1/departments')).json().items as { id: string; code: string }[];
  qualityId = deps.find((d) => d.code === 'quality')!.id;
  // The category (液压泵) and the product line (液压件) differ, as they do in the demo catalogue.
  const p = await env.admin.post('/api/v1/products', { model: 'VP-40', name: '变量柱塞泵', category: '液压泵', productLine: '液压件' });
  expect(p.statusCode, p.body).toBe(201);
  hydraulicPump = p.json().id;
});
afterAll(async () => env?.close());

type Clock = { kind: string; policyName: string | null; dueAt: string | null };
async function openCase(body: Record<string, unknown>) {
  const res = await env.admin.post('/api/v1/cases', { type: 'complaint', title: '轴封漏油', channel: 'phone', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; departmentId: string | null; clocks: Clock[] };
}
const policyOf = (c: { clocks: Clock[] }) => c.clocks.find((k) => k.kind === 'resolve')?.policyName;

/** Create a policy and put it before the defaults; returns a function that deletes it again. */
async function firstPolicy(name: string, conditions: Record<string, unknown>) {
  const created = await env.admin.post('/api/v1/sla/policies', {
    name,
    conditions,
    calendarId,
    targets: { resolve: { amount: 2, unit: 'working_days' } },
  });
  expect(created.statusCode, created.body).toBe(201);
  const all = (await env.admin.get('/api/v1/sla/policies')).json() as { id: string }[];
  const id = created.json().id as string;
  const reordered = await env.admin.post('/api/v1/sla/policies/reorder', { ids: [id, ...all.map((p) => p.id).filter((x) => x !== id)] });
  expect(reordered.statusCode, reordered.body).toBe(200);
  return async () => expect((await env.admin.delete(`/api/v1/sla/policies/${id}`)).statusCode).toBe(204);
}

describe('product line', () => {
  it('an SLA policy for a product line matches a case whose product is of that line, not one named by its category', async () => {
    env.clock.now = sh('2025-11-03T09:00:00');
    const byLine = await firstPolicy('液压件产品线', { productLines: ['液压件'] });
    const c = await openCase({ productId: hydraulicPump });
    expect(policyOf(c)).toBe('液压件产品线');
    // Recomputed after a change: the same policy.
    const changed = await env.admin.patch(`/api/v1/cases/${c.id}`, { version: c.version, grade: 'important' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(policyOf(changed.json())).toBe('液压件产品线');
    await byLine();

    const byCategory = await firstPolicy('液压泵类别', { productLines: ['液压泵'] });
    expect(policyOf(await openCase({ productId: hydraulicPump }))).not.toBe('液压泵类别');
    await byCategory();
  });

  it('an assignment rule for a product line routes a case whose product is of that line', async () => {
    const rule = await env.admin.post('/api/v1/assignment-rules', {
      name: '液压件 → 品质部',
      conditions: { productLines: ['液压件'] },
      departmentId: qualityId,
    });
    expect(rule.statusCode, rule.body).toBe(201);
    expect((await openCase({ productId: hydraulicPump })).departmentId).toBe(qualityId);
    expect((await openCase({})).departmentId).toBeNull();
    expect((await env.admin.delete(`/api/v1/assignment-rules/${rule.json().id}`)).statusCode).toBe(204);
  });
});

describe('defect severity', () => {
  it('the default urgent-or-critical policy takes a CR case graded general, as it takes an urgent one', async () => {
    env.clock.now = sh('2025-11-03T09:00:00');
    const urgentPolicy = '紧急或致命 Urgent or critical';
    const critical = await openCase({ severity: 'CR', grade: 'general' });
    expect(policyOf(critical)).toBe(urgentPolicy);
    // Two working hours to acknowledge, not one working day.
    expect(critical.clocks.find((k) => k.kind === 'acknowledge')?.dueAt).toBe(sh('2025-11-03T11:00:00').toISOString());
    expect(policyOf(await openCase({ severity: 'MA', grade: 'urgent' }))).toBe(urgentPolicy);
    expect(policyOf(await openCase({ severity: 'MA', grade: 'general' }))).not.toBe(urgentPolicy);
    expect(policyOf(await openCase({}))).not.toBe(urgentPolicy);
  });
});
