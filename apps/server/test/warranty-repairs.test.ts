import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';

/**
 * The repair rules of 三包 over HTTP (issue 9): a repair disposition carries the days the unit was
 * sent in and returned, the warranty evaluation uses them for earlier repairs, and a repair still
 * going on counts its days up to today (more than 30: an exchange).
 */
let env: TestEnv;
let agent: Client & { userId: string };
let customerId: string;

const sh = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
  env = await createTestEnv();
  agent = await env.userWith(['agent'], { displayName: '张敏', department: 'sales' });
  customerId = (await env.admin.post('/api/v1/customers', { kind: 'company', name: '宁波精密', country: 'CN', province: '浙江' })).json()
    .id;
});
afterAll(() => env.close());

/** A unit of its own per test, sold (shipped) on 2025-01-02 with 12 months of warranty. */
async function newUnit(serial: string) {
  const product = (
    await env.admin.post('/api/v1/products', { model: serial, name: '全自动封口机', category: '封口机', warrantyMonths: 12 })
  ).json();
  const unit = await env.admin.post('/api/v1/units', { serial, productId: product.id, customerId, shipDate: '2025-01-02' });
  expect(unit.statusCode, unit.body).toBe(201);
  return unit.json().id as string;
}
async function openCase(unitId: string, occurred: string) {
  const res = await agent.post('/api/v1/cases', {
    type: 'complaint',
    title: '封口温度波动',
    channel: 'phone',
    customerId,
    unitId,
    occurredAt: sh(`${occurred}T08:00:00`).toISOString(),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}
async function act(id: string, action: string, extra: Record<string, unknown> = {}) {
  const current = (await agent.get(`/api/v1/dispositions/${id}`)).json();
  const res = await agent.post(`/api/v1/dispositions/${id}/actions`, { action, version: current.version, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().disposition as { status: string; details: Record<string, unknown> };
}
async function repair(caseId: string, details: Record<string, unknown>) {
  const res = await agent.post(`/api/v1/cases/${caseId}/dispositions`, { details: { kind: 'repair', fault: 'E-23', ...details } });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await act(id, 'submit');
  await act(id, 'start');
  return id;
}
const warranty = async (caseId: string) => {
  const res = await agent.get(`/api/v1/cases/${caseId}/warranty?faultCode=E-23`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    entitlements: string[];
    extensionDays: number;
    warrantyEnd: string;
    currentRepairDays: number | null;
    lines: { rule: string; applies: boolean }[];
  };
};
const line = (w: Awaited<ReturnType<typeof warranty>>, rule: string) => w.lines.find((l) => l.rule === rule);

describe('a repair’s dates', () => {
  it('records when the unit was sent in and returned, and an earlier repair extends the warranty by those days', async () => {
    const unitId = await newUnit('HL450-0001');
    // Recorded afterwards: the repair of March is entered and completed in August.
    env.clock.now = sh('2025-08-01T10:00:00');
    const march = await openCase(unitId, '2025-03-01');
    const id = await repair(march.id, { receivedOn: '2025-03-02', returnedOn: '2025-03-12' });
    const done = await act(id, 'complete', { details: { workDone: '更换温控模块' } });
    expect(done).toMatchObject({ status: 'done', details: { receivedOn: '2025-03-02', returnedOn: '2025-03-12' } });

    const august = await openCase(unitId, '2025-08-01');
    const w = await warranty(august.id);
    expect(w.extensionDays).toBe(10);
    expect(w.warrantyEnd).toBe('2026-01-12');

    // Completed without a return date: the day of completion is recorded as the day it went back.
    const quick = await repair((await openCase(unitId, '2025-07-30')).id, { receivedOn: '2025-07-31' });
    expect((await act(quick, 'complete', { details: { workDone: '紧固接头' } })).details).toMatchObject({
      receivedOn: '2025-07-31',
      returnedOn: '2025-08-01',
    });
    env.clock.now = undefined;
  });

  it('refuses a return before the unit was sent in', async () => {
    const c = await openCase(await newUnit('HL450-0002'), '2025-05-01');
    const res = await agent.post(`/api/v1/cases/${c.id}/dispositions`, {
      details: { kind: 'repair', receivedOn: '2025-05-10', returnedOn: '2025-05-09' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('details.returnedOn');
  });
});

describe('the 30-day repair rule', () => {
  it('counts an open repair’s days up to today: after 30 the customer may have an exchange', async () => {
    const unitId = await newUnit('HL450-0003');
    env.clock.now = sh('2025-05-21T10:00:00');
    const c = await openCase(unitId, '2025-05-20');
    const id = await repair(c.id, { receivedOn: '2025-05-21' });

    env.clock.now = sh('2025-06-10T10:00:00');
    const early = await warranty(c.id);
    expect(early.currentRepairDays).toBe(20);
    expect(early.entitlements).toEqual(['repair']);
    expect(line(early, 'long_repair')).toMatchObject({ applies: false });

    env.clock.now = sh('2025-06-25T10:00:00');
    const late = await warranty(c.id);
    expect(late.currentRepairDays).toBe(35);
    expect(late.entitlements).toEqual(['exchange', 'repair']);
    expect(line(late, 'long_repair')).toMatchObject({ applies: true });

    // Back with the customer: no repair in progress any more.
    await act(id, 'complete', { details: { workDone: '更换温控模块', returnedOn: '2025-06-25' } });
    expect((await warranty(c.id)).currentRepairDays).toBeNull();
    env.clock.now = undefined;
  });
});
