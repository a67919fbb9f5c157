import type { CalendarView, CaseView, DepartmentView, Items, SlaPolicyView } from '@closeloop/domain';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildAssignmentRule, buildCase, buildCustomer, buildProduct, buildSlaPolicy, unique } from '../src/testing/factories.ts';
import { createTestEnv, type TestEnv } from '../src/testing/index.ts';

/**
 * What SLA policies and assignment rules match a case by (issue 9): the product line, the defect
 * severity, the region seen from the company's province. Each test builds its customers, products,
 * policies and rules; the policies and rules go again when the test ends, whatever its outcome, so
 * the next test sees the defaults.
 */
let env: TestEnv;
let calendarId: string;
let qualityId: string;

const sh = (s: string) => new Date(`${s}+08:00`);
const URGENT = '紧急或致命 Urgent or critical';
const LOCAL = '本省及邻省 Same or neighbouring province';
const OTHER = '其他 All other cases';

beforeAll(async () => {
  env = await createTestEnv();
  const company = await env.admin.request('PUT', '/api/v1/settings/company', {
    companyName: '浙江精工机械',
    province: '浙江省',
    autoAcknowledge: false,
  });
  expect(company.statusCode, company.body).toBe(200);
  calendarId = ((await env.admin.get('/api/v1/calendars')).json() as Items<CalendarView>).items.find((c) => c.isDefault)!.id;
  const deps = ((await env.admin.get('/api/v1/departments')).json() as Items<DepartmentView>).items;
  qualityId = deps.find((d) => d.code === 'quality')!.id;
});
afterAll(async () => env?.close());

const policyOf = (c: CaseView) => c.clocks.find((k) => k.kind === 'resolve')?.policyName;

/** Policies in the order they are tried. */
const policyIds = async () => ((await env.admin.get('/api/v1/sla/policies')).json() as Items<SlaPolicyView>).items.map((p) => p.id);

/** Put these policies first, in this order. */
async function putFirst(...ids: string[]) {
  const rest = (await policyIds()).filter((id) => !ids.includes(id));
  const reordered = await env.admin.post('/api/v1/sla/policies/reorder', { ids: [...ids, ...rest] });
  expect(reordered.statusCode, reordered.body).toBe(200);
}

/** A policy (resolve within two working days unless `targets` says otherwise), removed again when the test ends. */
async function policy(name: string, conditions: Record<string, unknown>, targets: Record<string, unknown> = {}) {
  const created = await buildSlaPolicy(env.admin, {
    name,
    conditions,
    calendarId,
    targets: { resolve: { amount: 2, unit: 'working_days' }, ...targets },
  });
  onTestFinished(async () => {
    expect((await env.admin.delete(`/api/v1/sla/policies/${created.id}`)).statusCode).toBe(204);
  });
  return created;
}

/** An assignment rule to the quality department, removed again when the test ends. */
async function ruleToQuality(name: string, conditions: Record<string, unknown>) {
  const rule = await buildAssignmentRule(env.admin, { name, conditions, departmentId: qualityId });
  onTestFinished(async () => {
    expect((await env.admin.delete(`/api/v1/assignment-rules/${rule.id}`)).statusCode).toBe(204);
  });
  return rule;
}

/** The category (液压泵) and the product line (液压件) differ, as they do in the demo catalogue. */
const hydraulicPump = () => buildProduct(env.admin, { name: '变量柱塞泵', category: unique('液压泵'), productLine: unique('液压件') });

const customerIn = (province: string) => buildCustomer(env.admin, { name: unique('客户'), country: 'CN', province });

describe('product line', () => {
  it('an SLA policy for a product line matches a case whose product is of that line, also after a change', async () => {
    env.clock.now = sh('2025-11-03T09:00:00');
    const pump = await hydraulicPump();
    const byLine = await policy('液压件产品线', { productLines: [pump.productLine] });
    await putFirst(byLine.id);
    const c = await buildCase(env.admin, { productId: pump.id });
    expect(policyOf(c)).toBe('液压件产品线');
    // Recomputed after a change: the same policy.
    const changed = await env.admin.patch(`/api/v1/cases/${c.id}`, { version: c.version, grade: 'important' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(policyOf(changed.json() as CaseView)).toBe('液压件产品线');
  });

  it('an SLA policy naming a product category as its line matches no case of that category', async () => {
    env.clock.now = sh('2025-11-03T09:00:00');
    const pump = await hydraulicPump();
    const byCategory = await policy('液压泵类别', { productLines: [pump.category] });
    await putFirst(byCategory.id);
    expect(policyOf(await buildCase(env.admin, { productId: pump.id }))).toBe(OTHER);
  });

  it('an assignment rule for a product line routes a case whose product is of that line', async () => {
    const pump = await hydraulicPump();
    await ruleToQuality('液压件 → 品质部', { productLines: [pump.productLine] });
    expect((await buildCase(env.admin, { productId: pump.id })).departmentId).toBe(qualityId);
    expect((await buildCase(env.admin)).departmentId).toBeNull();
  });
});

describe('defect severity', () => {
  it('the default urgent-or-critical policy takes a CR case graded general, as it takes an urgent one', async () => {
    env.clock.now = sh('2025-11-03T09:00:00');
    const critical = await buildCase(env.admin, { severity: 'CR', grade: 'general' });
    expect(policyOf(critical)).toBe(URGENT);
    // Two working hours to acknowledge, not one working day.
    expect(critical.clocks.find((k) => k.kind === 'acknowledge')?.dueAt).toBe(sh('2025-11-03T11:00:00').toISOString());
    expect(policyOf(await buildCase(env.admin, { severity: 'MA', grade: 'urgent' }))).toBe(URGENT);
    expect(policyOf(await buildCase(env.admin, { severity: 'MA', grade: 'general' }))).toBe(OTHER);
    expect(policyOf(await buildCase(env.admin))).toBe(OTHER);
  });
});

describe('region', () => {
  it('QP-15: same province within 1 working day, other provinces within 3, while local keeps meaning home and neighbours', async () => {
    env.clock.now = sh('2025-11-03T09:00:00');
    const ningbo = await customerIn('浙江');
    const suzhou = await customerIn('江苏省');
    const guangzhou = await customerIn('广东省');
    // Before the new policies: the default for local customers takes the home province and its neighbours alike.
    expect(policyOf(await buildCase(env.admin, { customerId: ningbo.id }))).toBe(LOCAL);
    expect(policyOf(await buildCase(env.admin, { customerId: suzhou.id }))).toBe(LOCAL);
    expect(policyOf(await buildCase(env.admin, { customerId: guangzhou.id }))).toBe(OTHER);

    const days = (n: number) => ({ on_site: { amount: n, unit: 'working_days' }, resolve: { amount: n, unit: 'working_days' } });
    const home = await policy('本省 1 个工作日', { regions: ['same_province'] }, days(1));
    const away = await policy('外省 3 个工作日', { regions: ['neighbouring_province', 'domestic'] }, days(3));
    await putFirst(home.id, away.id);

    const inZhejiang = await buildCase(env.admin, { customerId: ningbo.id });
    expect(policyOf(inZhejiang)).toBe('本省 1 个工作日');
    expect(inZhejiang.clocks.find((k) => k.kind === 'resolve')?.dueAt).toBe(sh('2025-11-04T17:30:00').toISOString());
    const inJiangsu = await buildCase(env.admin, { customerId: suzhou.id });
    expect(policyOf(inJiangsu)).toBe('外省 3 个工作日');
    expect(inJiangsu.clocks.find((k) => k.kind === 'resolve')?.dueAt).toBe(sh('2025-11-06T17:30:00').toISOString());
    expect(policyOf(await buildCase(env.admin, { customerId: guangzhou.id }))).toBe('外省 3 个工作日');
  });

  it('an assignment rule for the home province leaves neighbouring provinces to the next rule', async () => {
    const hangzhou = await customerIn('浙江省');
    const hefei = await customerIn('安徽');
    await ruleToQuality('本省 → 品质部', { regions: ['same_province'] });
    expect((await buildCase(env.admin, { customerId: hangzhou.id })).departmentId).toBe(qualityId);
    expect((await buildCase(env.admin, { customerId: hefei.id })).departmentId).toBeNull();
  });
});
