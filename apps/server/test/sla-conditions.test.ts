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
  calendarId = (await env.admin.get('/api/v1/calendars')).json().items[0].id;
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
  const all = (await env.admin.get('/api/v1/sla/policies')).json().items as { id: string }[];
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

describe('region', () => {
  const customer = async (name: string, province: string) =>
    (await env.admin.post('/api/v1/customers', { kind: 'company', name, country: 'CN', province })).json().id as string;

  it('QP-15: same province within 1 working day, other provinces within 3, while local keeps meaning home and neighbours', async () => {
    env.clock.now = sh('2025-11-03T09:00:00');
    const ningbo = await customer('宁波客户', '浙江');
    const suzhou = await customer('苏州客户', '江苏省');
    const guangzhou = await customer('广州客户', '广东省');
    // Before the new policies: the default for local customers takes the home province and its neighbours alike.
    const local = '本省及邻省 Same or neighbouring province';
    expect(policyOf(await openCase({ customerId: ningbo }))).toBe(local);
    expect(policyOf(await openCase({ customerId: suzhou }))).toBe(local);
    expect(policyOf(await openCase({ customerId: guangzhou }))).not.toBe(local);

    const target = async (name: string, regions: string[], days: number) => {
      const created = await env.admin.post('/api/v1/sla/policies', {
        name,
        conditions: { regions },
        calendarId,
        targets: { on_site: { amount: days, unit: 'working_days' }, resolve: { amount: days, unit: 'working_days' } },
      });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().id as string;
    };
    const home = await target('本省 1 个工作日', ['same_province'], 1);
    const away = await target('外省 3 个工作日', ['neighbouring_province', 'domestic'], 3);
    const all = (await env.admin.get('/api/v1/sla/policies')).json().items as { id: string }[];
    const rest = all.map((p) => p.id).filter((id) => id !== home && id !== away);
    expect((await env.admin.post('/api/v1/sla/policies/reorder', { ids: [home, away, ...rest] })).statusCode).toBe(200);

    const inZhejiang = await openCase({ customerId: ningbo });
    expect(policyOf(inZhejiang)).toBe('本省 1 个工作日');
    expect(inZhejiang.clocks.find((k) => k.kind === 'resolve')?.dueAt).toBe(sh('2025-11-04T17:30:00').toISOString());
    const inJiangsu = await openCase({ customerId: suzhou });
    expect(policyOf(inJiangsu)).toBe('外省 3 个工作日');
    expect(inJiangsu.clocks.find((k) => k.kind === 'resolve')?.dueAt).toBe(sh('2025-11-06T17:30:00').toISOString());
    expect(policyOf(await openCase({ customerId: guangzhou }))).toBe('外省 3 个工作日');
    for (const id of [home, away]) expect((await env.admin.delete(`/api/v1/sla/policies/${id}`)).statusCode).toBe(204);
  });

  it('an assignment rule for the home province leaves neighbouring provinces to the next rule', async () => {
    const hangzhou = await customer('杭州客户', '浙江省');
    const hefei = await customer('合肥客户', '安徽');
    const rule = await env.admin.post('/api/v1/assignment-rules', {
      name: '本省 → 品质部',
      conditions: { regions: ['same_province'] },
      departmentId: qualityId,
    });
    expect(rule.statusCode, rule.body).toBe(201);
    expect((await openCase({ customerId: hangzhou })).departmentId).toBe(qualityId);
    expect((await openCase({ customerId: hefei })).departmentId).toBeNull();
    expect((await env.admin.delete(`/api/v1/assignment-rules/${rule.json().id}`)).statusCode).toBe(204);
  });
});
