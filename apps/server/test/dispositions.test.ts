import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';
import { signaturePng } from '../src/testing/png.ts';

/**
 * From investigation to remedy (PROCEDURE.md §5): investigation record, warranty entitlements,
 * every disposition's lifecycle, the approval matrix, costs and the monthly settlement.
 */
let env: TestEnv;
type User = Client & { userId: string };
let agent: User;
let qe: User;
let manager: User;
let deputy: User;
let gm: User;
let customerId: string;
let unitId: string;
let productionId: string;

const sh = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
  env = await createTestEnv();
  agent = await env.userWith(['agent'], { displayName: '张敏', department: 'sales' });
  qe = await env.userWith(['quality_engineer'], { displayName: '李工', department: 'quality' });
  manager = await env.userWith(['manager'], { displayName: '王经理', department: 'quality' });
  deputy = await env.userWith(['deputy_gm'], { displayName: '陈副总', department: 'gm_office' });
  gm = await env.userWith(['gm'], { displayName: '赵总', department: 'gm_office' });
  const deps = (await env.admin.get('/api/v1/departments')).json().items as { id: string; code: string }[];
  productionId = deps.find((d) => d.code === 'production')!.id;
  customerId = (
    await env.admin.post('/api/v1/customers', { kind: 'company', name: '宁波精密', country: 'CN', province: '浙江', tier: 'B' })
  ).json().id;
  const product = (
    await env.admin.post('/api/v1/products', { model: 'HL-FP450', name: '全自动封口机', category: '封口机', warrantyMonths: 12 })
  ).json();
  unitId = (
    await env.admin.post('/api/v1/units', { serial: 'HL450-2403-0158', productId: product.id, customerId, shipDate: '2025-01-02' })
  ).json().id;
});
afterAll(() => env.close());

async function openCase(extra: Record<string, unknown> = {}) {
  const res = await agent.post('/api/v1/cases', {
    type: 'complaint',
    title: '封口温度波动',
    channel: 'phone',
    customerId,
    unitId,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}
async function propose(by: Client, caseId: string, details: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await by.post(`/api/v1/cases/${caseId}/dispositions`, { details, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; status: string; number: string; requiresApproval: boolean };
}
async function act(by: Client, id: string, action: string, extra: Record<string, unknown> = {}) {
  const current = (await by.get(`/api/v1/dispositions/${id}`)).json();
  return by.post(`/api/v1/dispositions/${id}/actions`, { action, version: current.version, ...extra });
}

describe('investigation', () => {
  it('records facts, 5-Why and fishbone; the report is due 3 working days after it starts', async () => {
    env.clock.now = sh('2025-09-30T10:00:00');
    const c = await openCase();
    const saved = await qe.request('PUT', `/api/v1/cases/${c.id}/investigation`, {
      version: 0,
      facts: '温控器采样线接头松动',
      fiveWhys: [{ why: '温度为何波动？', because: '采样信号间断' }],
      fishbone: { machine: ['采样线接头松动'], method: ['装配未用扭力扳手'] },
      rootCause6m: 'method',
      appraisalRequired: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // National Day: 1–8 Oct off; working days 9, 10, 11 (a make-up Saturday).
    expect(saved.json().reportDueAt).toBe(sh('2025-10-11T17:30:00').toISOString());
    const early = await qe.post(`/api/v1/cases/${c.id}/investigation/report`, {});
    expect(early.statusCode).toBe(422);
    expect(early.json().errors.map((e: { field: string }) => e.field)).toEqual(['rootCause']);
    const stale = await qe.request('PUT', `/api/v1/cases/${c.id}/investigation`, { version: 0, rootCause: 'x' });
    expect(stale.statusCode).toBe(409);
    await qe.request('PUT', `/api/v1/cases/${c.id}/investigation`, {
      version: 1,
      rootCause: '装配工艺缺少扭矩要求',
      appraisalReport: '接头扭矩 0.2 N·m，低于 0.6 N·m 要求',
    });
    const reported = await qe.post(`/api/v1/cases/${c.id}/investigation/report`, {});
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json().reportSubmittedAt).not.toBeNull();
    env.clock.now = undefined;
  });
});

describe('warranty (三包)', () => {
  it('shows what the customer is entitled to, with the reasoning', async () => {
    env.clock.now = sh('2025-06-10T10:00:00');
    const c = await openCase({ occurredAt: sh('2025-06-09T10:00:00').toISOString() });
    const res = await agent.get(`/api/v1/cases/${c.id}/warranty?faultCode=E-23&price=38000`);
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json();
    expect(w.saleDate).toBe('2025-01-02');
    expect(w.covered).toBe(true);
    expect(w.entitlements).toEqual(['repair']);
    expect(w.warrantyEnd).toBe('2026-01-02');
    expect(w.lines.find((l: { rule: string }) => l.rule === 'in_warranty')).toMatchObject({ applies: true });
    expect(w.lines.every((l: { zh: string; en: string }) => l.zh && l.en)).toBe(true);
    const misuse = (await agent.get(`/api/v1/cases/${c.id}/warranty?exclusion=misuse`)).json();
    expect(misuse.entitlements).toEqual(['paid_service']);
    // Proposed with the evaluation attached: the snapshot keeps the exclusion and its reasoning.
    const paid = await agent.post(`/api/v1/cases/${c.id}/dispositions`, {
      details: { kind: 'repair', chargeable: true, quote: 1200 },
      withWarranty: { faultCode: 'E-23', exclusion: 'misuse' },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json().warranty).toMatchObject({ covered: false, entitlements: ['paid_service'] });
    env.clock.now = undefined;
  });

  it('counts the unit’s earlier repairs of the same fault: the third failure may be exchanged or refunded', async () => {
    const repairOnce = async (day: string, done: string) => {
      env.clock.now = sh(`${day}T09:00:00`);
      const c = await openCase({ occurredAt: sh(`${day}T08:00:00`).toISOString() });
      const d = await propose(agent, c.id, { kind: 'repair', fault: 'E-23' });
      await act(agent, d.id, 'submit');
      await act(agent, d.id, 'start');
      env.clock.now = sh(`${done}T17:00:00`);
      expect((await act(agent, d.id, 'complete', { details: { workDone: '更换温控模块' } })).json().disposition.status).toBe('done');
    };
    await repairOnce('2025-03-01', '2025-03-11');
    await repairOnce('2025-05-01', '2025-05-06');
    env.clock.now = sh('2025-07-01T10:00:00');
    const third = await openCase({ occurredAt: sh('2025-07-01T08:00:00').toISOString() });
    const w = (await agent.get(`/api/v1/cases/${third.id}/warranty?faultCode=E-23&price=38000`)).json();
    expect(w.sameFaultRepairs).toBe(2);
    expect(w.entitlements).toEqual(['refund', 'exchange', 'repair']);
    expect(w.extensionDays).toBe(15);
    expect(w.refund.amount).toBeGreaterThan(0);
    expect(w.refund.amount).toBeLessThan(38000);
    // Another fault does not count those repairs.
    const other = (await agent.get(`/api/v1/cases/${third.id}/warranty?faultCode=E-99`)).json();
    expect(other.entitlements).toEqual(['repair']);
    env.clock.now = undefined;
  });
});

describe('approval by amount (核决权限)', () => {
  it('sends a compensation to the role its amount needs; nobody approves their own request', async () => {
    const c = await openCase();
    const small = await propose(agent, c.id, { kind: 'compensation', amount: 800, form: 'credit_note' });
    expect(small.requiresApproval).toBe(true);
    expect((await act(agent, small.id, 'submit')).json().disposition.status).toBe('awaiting_approval');
    expect((await act(agent, small.id, 'approve')).statusCode).toBe(403);
    const ok = await act(manager, small.id, 'approve', { note: '同意' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().disposition.status).toBe('approved');

    // ¥1,000.01 is just over the manager's band: the deputy GM or above.
    const big = await propose(manager, c.id, { kind: 'compensation', amount: 1000.01, form: 'payment' });
    await act(manager, big.id, 'submit');
    const view = (await manager.get(`/api/v1/dispositions/${big.id}`)).json();
    expect(view.approvals[0]).toMatchObject({ requiredRole: 'deputy_gm', amount: 1000.01, status: 'pending' });
    const managerTry = await act(manager, big.id, 'approve');
    expect(managerTry.statusCode).toBe(403);
    const queue = (await deputy.get('/api/v1/dispositions/queues')).json();
    expect(queue.approvalsForMe.map((q: { id: string }) => q.id)).toContain(big.id);
    expect((await act(deputy, big.id, 'refuse')).statusCode).toBe(400);
    const refused = await act(gm, big.id, 'refuse', { note: '金额过高，改为备件补偿' });
    expect(refused.json().disposition.status).toBe('refused');

    // The GM asks; only someone else may approve, even with authority.
    const own = await propose(gm, c.id, { kind: 'refund', amount: 20000 });
    await act(gm, own.id, 'submit');
    const self = await act(gm, own.id, 'approve');
    expect(self.statusCode).toBe(403);
    expect(self.json().reason).toBe('self_approval');
    const events = (await agent.get(`/api/v1/cases/${c.id}/events`)).json().items.map((e: { kind: string }) => e.kind);
    expect(events).toEqual(
      expect.arrayContaining(['disposition_proposed', 'disposition_approval_requested', 'disposition_approved', 'disposition_refused']),
    );
  });

  it('keeps the matrix without gaps', async () => {
    const gap = await env.admin.request('PUT', '/api/v1/approval-rules/goodwill', {
      bands: [
        { kind: 'goodwill', minAmount: 0, maxAmount: 500, roleCode: 'manager' },
        { kind: 'goodwill', minAmount: 600, maxAmount: null, roleCode: 'gm' },
      ],
    });
    expect(gap.statusCode).toBe(400);
    expect(gap.json().errors[0].field).toBe('bands.1.minAmount');
    const ok = await env.admin.request('PUT', '/api/v1/approval-rules/goodwill', {
      bands: [
        { kind: 'goodwill', minAmount: 0, maxAmount: 500, roleCode: 'manager' },
        { kind: 'goodwill', minAmount: 500, maxAmount: null, roleCode: 'gm' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const c = await openCase();
    const goodwill = await propose(agent, c.id, { kind: 'repair', chargeable: false, goodwillAmount: 501 });
    await act(agent, goodwill.id, 'submit');
    expect((await agent.get(`/api/v1/dispositions/${goodwill.id}`)).json().approvals[0].requiredRole).toBe('gm');
    expect((await agent.request('PUT', '/api/v1/approval-rules/goodwill', { bands: [] })).statusCode).toBe(403);
    expect((await env.admin.request('PUT', '/api/v1/approval-rules/goodwill', { bands: [] })).statusCode).toBe(400);
  });
});

describe('dispositions', () => {
  it('explanation: done once sent', async () => {
    const c = await openCase();
    const d = await propose(qe, c.id, { kind: 'explanation', text: '经检测为使用环境温度过高所致，非产品质量问题。' });
    expect((await act(qe, d.id, 'submit')).json().disposition.status).toBe('done');
  });

  it('replacement needs the customer’s consent before it starts and both serials before it is done', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, { kind: 'replacement', faultySerial: 'HL450-2403-0158', value: 600 });
    await act(agent, d.id, 'submit');
    await act(manager, d.id, 'approve');
    const early = await act(agent, d.id, 'start');
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].field).toBe('customerDecision');
    await act(agent, d.id, 'customer_accept');
    expect((await act(agent, d.id, 'start')).json().disposition.status).toBe('in_progress');
    const incomplete = await act(agent, d.id, 'complete');
    expect(incomplete.json().errors.map((e: { field: string }) => e.field)).toEqual(['details.replacementSerial']);
    const done = await act(agent, d.id, 'complete', { details: { replacementSerial: 'HL450-2611-0007' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().disposition).toMatchObject({
      status: 'done',
      details: { faultySerial: 'HL450-2403-0158', replacementSerial: 'HL450-2611-0007' },
    });
  });

  it('RMA: authorisation number, goods received, inspection, what happens to the goods', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, { kind: 'rma', quantity: 2 });
    expect(d.number).toBe(`RMA-${c.number}-1`);
    await act(agent, d.id, 'submit');
    await act(agent, d.id, 'start');
    expect((await agent.get('/api/v1/dispositions/queues')).json().returnsAwaitingGoods.map((q: { id: string }) => q.id)).toContain(d.id);
    const gaps = await act(agent, d.id, 'complete');
    expect(gaps.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'details.receivedOn',
      'details.inspection',
      'details.goodsDisposition',
    ]);
    const bad = await act(agent, d.id, 'update', { details: { receivedQuantity: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('details.receivedQuantity');
    await act(agent, d.id, 'update', { details: { receivedOn: '2026-11-20', receivedQuantity: 2 } });
    const done = await act(qe, d.id, 'complete', {
      details: { inspection: '2 件均为密封圈老化', inspectionPassed: false, goodsDisposition: 'return_to_supplier' },
    });
    expect(done.json().disposition.status).toBe('done');
  });

  it('spare parts: in transit until the customer has them', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, { kind: 'spare_parts', parts: [{ partNo: 'TC-K-0450', name: 'K 型热电偶', quantity: 2 }] });
    await act(agent, d.id, 'submit');
    await act(agent, d.id, 'start');
    await act(agent, d.id, 'update', { details: { carrier: '顺丰', trackingNo: 'SF1234567890', shippedOn: '2026-11-19' } });
    expect((await agent.get('/api/v1/dispositions/queues')).json().partsInTransit.map((q: { id: string }) => q.id)).toContain(d.id);
    const done = await act(agent, d.id, 'complete', { details: { receivedOn: '2026-11-21' } });
    expect(done.json().disposition.status).toBe('done');
  });

  it('service order: visit today, work done, the customer signs, the memo prints, then it is done', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, {
      kind: 'service_order',
      engineerIds: [qe.userId],
      plannedArrival: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await act(agent, d.id, 'submit');
    await act(agent, d.id, 'start');
    const today = (await agent.get('/api/v1/dispositions/queues')).json().visitsToday.map((q: { id: string }) => q.id);
    // Planned an hour from now: today unless this runs within the hour before midnight in Shanghai.
    if (
      new Date(Date.now() + 3_600_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }) ===
      new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })
    ) {
      expect(today).toContain(d.id);
    }
    await act(qe, d.id, 'update', {
      details: {
        arrivedAt: new Date().toISOString(),
        workDone: '更换 K 型热电偶，重新标定温控器，试运行 30 分钟正常。',
        partsUsed: [{ partNo: 'TC-K-0450', name: 'K 型热电偶', quantity: 1, serialOut: 'TC2403-1187', serialIn: 'TC2610-0932' }],
        labourHours: 5.5,
        travelHours: 3,
        satisfaction: 5,
      },
    });
    const unsigned = await act(qe, d.id, 'complete');
    expect(unsigned.json().errors.map((e: { field: string }) => e.field)).toEqual(['signature']);
    const current = (await qe.get(`/api/v1/dispositions/${d.id}`)).json();
    const notPng = await qe.post(`/api/v1/dispositions/${d.id}/signature`, {
      pngBase64: Buffer.from('x'.repeat(200)).toString('base64'),
      signedBy: '王建国',
      version: current.version,
    });
    expect(notPng.statusCode).toBe(400);
    const signed = await qe.post(`/api/v1/dispositions/${d.id}/signature`, {
      pngBase64: `data:image/png;base64,${signaturePng().toString('base64')}`,
      signedBy: '王建国',
      version: current.version,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().signature).toMatchObject({ signedBy: '王建国' });
    const pdf = await qe.get(`/api/v1/dispositions/${d.id}/memo.pdf?lang=zh-CN`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
    const en = await qe.get(`/api/v1/dispositions/${d.id}/memo.pdf?lang=en-US`);
    expect(en.statusCode).toBe(200);
    const done = await act(qe, d.id, 'complete');
    expect(done.json().disposition.status).toBe('done');
  });

  it('a customer who refuses the remedy gets a new case linked to the original', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, { kind: 'compensation', amount: 300, form: 'goods' });
    const noWords = await act(agent, d.id, 'customer_refuse');
    expect(noWords.statusCode).toBe(400);
    const res = await act(agent, d.id, 'customer_refuse', { note: '客户要求整机更换，不接受赠送配件' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().disposition).toMatchObject({ status: 'cancelled', customerDecision: 'refused' });
    const created = (await agent.get(`/api/v1/cases/${res.json().createdCaseId}`)).json();
    expect(created.links).toEqual([expect.objectContaining({ caseId: c.id, kind: 'follow_up' })]);
    expect(created.description).toContain('客户要求整机更换');
  });

  it('only people who may handle dispositions propose them; closed cases take none', async () => {
    const reader = await env.userWith(['read_only']);
    const c = await openCase();
    expect((await reader.post(`/api/v1/cases/${c.id}/dispositions`, { details: { kind: 'explanation', text: 'x' } })).statusCode).toBe(403);
    const bad = await agent.post(`/api/v1/cases/${c.id}/dispositions`, { details: { kind: 'refund', amount: -5 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('details.amount');
  });
});

describe('costs', () => {
  it('charges costs to the responsible party, totals them, and settles the month for finance', async () => {
    env.clock.now = sh('2026-10-15T10:00:00');
    const c = await openCase();
    const v = (await qe.get(`/api/v1/cases/${c.id}`)).json();
    await qe.patch(`/api/v1/cases/${c.id}`, {
      version: v.version,
      responsibility: { party: 'supplier', externalParty: '宁波密封件厂', reason: '来料密封圈硬度不合格' },
    });
    const parts = await agent.post(`/api/v1/cases/${c.id}/costs`, { category: 'parts', amount: 420.5, description: '密封圈 10 件' });
    expect(parts.statusCode, parts.body).toBe(201);
    expect(parts.json()).toMatchObject({ bearer: 'supplier', externalParty: '宁波密封件厂', incurredOn: '2026-10-15' });
    const travel = await agent.post(`/api/v1/cases/${c.id}/costs`, {
      category: 'travel',
      amount: 380,
      bearer: 'department',
      departmentId: productionId,
    });
    expect(travel.json()).toMatchObject({ bearer: 'department', departmentId: productionId });
    expect((await agent.post(`/api/v1/cases/${c.id}/costs`, { category: 'freight', amount: 0 })).statusCode).toBe(400);
    expect((await agent.post(`/api/v1/costs/${parts.json().id}/recovery`, { amount: 500 })).statusCode).toBe(400);
    expect((await agent.post(`/api/v1/costs/${parts.json().id}/recovery`, { amount: 420.5 })).statusCode).toBe(200);
    expect((await agent.post(`/api/v1/costs/${travel.json().id}/recovery`, { amount: 1 })).statusCode).toBe(422);
    // The agent records costs; reading them, like the settlement, needs costs:read.
    expect((await agent.get(`/api/v1/cases/${c.id}/costs`)).statusCode).toBe(403);
    const summary = (await manager.get(`/api/v1/cases/${c.id}/costs`)).json();
    expect(summary).toMatchObject({ total: 800.5, recovered: 420.5, net: 380, byCategory: { parts: 420.5, travel: 380 } });

    expect((await agent.get('/api/v1/costs/settlement?month=2026-10')).statusCode).toBe(403);
    const month = (await manager.get('/api/v1/costs/settlement?month=2026-10')).json();
    expect(month.total).toBe(800.5);
    expect(month.byDepartment).toEqual([{ departmentId: productionId, amount: 380, cases: 1 }]);
    expect(month.byProduct[0]).toMatchObject({ model: 'HL-FP450', amount: 800.5 });
    expect(month.byCustomer[0]).toMatchObject({ name: '宁波精密', amount: 800.5 });
    expect(month.recoveries).toEqual([{ bearer: 'supplier', externalParty: '宁波密封件厂', amount: 420.5, recovered: 420.5 }]);
    expect((await manager.get('/api/v1/costs/settlement?month=2026-13')).json().errors[0].field).toBe('month');
    env.clock.now = undefined;
  });
});
