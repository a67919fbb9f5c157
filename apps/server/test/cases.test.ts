import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/lib/sql.ts';
import { Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';

let env: TestEnv;
let customerId: string;
let productId: string;
let unitId: string;
let qe: Client & { userId: string };
let agent: Client & { userId: string };
let qualityDeptId: string;
/** The agent through an API token: unaffected by moving the clock past the session's expiry. */
let agentApi: Client;

const count = async (table: string) =>
  Number(rowsOf<{ n: number }>(await env.database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]?.n);

beforeAll(async () => {
  env = await createTestEnv();
  const c = await env.admin.post('/api/v1/customers', {
    kind: 'company',
    name: '宁波海天精密机械有限公司',
    nameEn: 'Ningbo Haitian Precision',
    country: 'CN',
    province: '浙江',
    city: '宁波',
    tier: 'A',
    contacts: [{ name: '陈工', phone: '13800000000', isPrimary: true }],
  });
  expect(c.statusCode, c.body).toBe(201);
  customerId = c.json().id;
  const p = await env.admin.post('/api/v1/products', { model: 'VP-40', name: '变量柱塞泵', category: '液压泵', warrantyMonths: 12 });
  productId = p.json().id;
  const u = await env.admin.post('/api/v1/units', {
    serial: 'VP40-2605-0031',
    productId,
    customerId,
    batch: 'B2605',
    shipDate: '2026-05-10',
  });
  unitId = u.json().id;
  qe = await env.userWith(['quality_engineer'], { displayName: '李工', department: 'quality' });
  agent = await env.userWith(['agent'], { displayName: '张敏', department: 'sales' });
  const deps = (await env.admin.get('/api/v1/departments')).json().items as { id: string; code: string }[];
  qualityDeptId = deps.find((d) => d.code === 'quality')?.id ?? '';
  const token = await agent.post('/api/v1/api-tokens', { name: 'call-centre integration', scopes: ['cases:read', 'cases:create'] });
  agentApi = new Client(env.app, { bearer: token.json().token });
});
afterAll(async () => env?.close());

const fullComplaint = () => ({
  type: 'complaint',
  title: '液压泵漏油，产线停机',
  description: '客户反映 VP-40 泵轴封处漏油，每班需补油两次。',
  customerId,
  productId,
  unitId,
  orderNo: 'SO-2026-0815',
  partNo: 'VP40-SEAL-01',
  deliveryDate: '2026-05-12',
  quantityDelivered: 10,
  quantityDefectiveUndetermined: true,
  occurredAt: '2026-11-18T08:30:00+08:00',
  occurredPlace: '客户二号车间',
  environment: '环境温度 35°C，连续运行',
  recurrence: 'persistent',
  customerActions: '更换了油封，无效',
  customerDemands: ['repair', 'compensation'],
  channel: 'phone',
  severity: 'MA',
  grade: 'important',
  causeCategory: 'manufacturing',
  tags: ['漏油', 'VP-40'],
});

describe('registering a case', () => {
  it('records every field of the procedure and fills unit data', async () => {
    const res = await agent.post('/api/v1/cases', fullComplaint());
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.number).toMatch(/^\d{4}-\d{4}$/);
    expect(c).toMatchObject({
      status: 'new',
      type: 'complaint',
      customer: { id: customerId, tier: 'A', market: 'domestic' },
      product: { id: productId, model: 'VP-40' },
      unit: { id: unitId, serial: 'VP40-2605-0031' },
      serialNo: 'VP40-2605-0031',
      batchNo: 'B2605',
      quantityDefective: null,
      quantityDefectiveUndetermined: true,
      customerDemands: ['repair', 'compensation'],
      receivedBy: { id: agent.userId, displayName: '张敏' },
      firstResponder: { id: agent.userId },
      // MA + important → P3, key account raises to P2
      priority: 'P2',
      derivedPriority: 'P2',
      tags: ['漏油', 'VP-40'],
      allowedActions: ['acknowledge', 'hold'],
    });
    expect(c.occurredAt).toBe('2026-11-18T00:30:00.000Z');
    const byNumber = await agent.get(`/api/v1/cases/${c.number}`);
    expect(byNumber.json().id).toBe(c.id);
  });

  it('refuses a defective quantity together with "not yet determined"', async () => {
    const res = await agent.post('/api/v1/cases', { ...fullComplaint(), quantityDefective: 3 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('quantityDefective');
  });

  it('refuses references to records that do not exist, writing nothing', async () => {
    const before = await count('cases');
    const res = await agent.post('/api/v1/cases', {
      ...fullComplaint(),
      customerId: '00000000-0000-4000-8000-000000000000',
      ownerId: '00000000-0000-4000-8000-000000000001',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['customerId', 'ownerId']);
    expect(await count('cases')).toBe(before);
  });

  it('numbers 50 concurrent creations without gaps or duplicates', async () => {
    env.clock.now = new Date('2027-03-15T04:00:00Z');
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => agentApi.post('/api/v1/cases', { type: 'inquiry', title: `并发询问 ${i}`, channel: 'email' })),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
      const serials = results.map((r) => r.json().number as string).sort();
      expect(serials).toEqual(Array.from({ length: 50 }, (_, i) => `2703-${String(i + 1).padStart(4, '0')}`));
    } finally {
      env.clock.now = undefined;
    }
  });

  it('restarts the serial each month, taking the month in Asia/Shanghai', async () => {
    try {
      env.clock.now = new Date('2027-04-30T15:59:00Z'); // 23:59 in Shanghai, still April
      const april = await agentApi.post('/api/v1/cases', { type: 'inquiry', title: '四月最后一分钟', channel: 'phone' });
      env.clock.now = new Date('2027-04-30T16:01:00Z'); // 00:01 on 1 May in Shanghai
      const may = await agentApi.post('/api/v1/cases', { type: 'inquiry', title: '五月第一单', channel: 'phone' });
      expect(april.json().number).toBe('2704-0001');
      expect(may.json().number).toBe('2705-0001');
    } finally {
      env.clock.now = undefined;
    }
  });

  it('returns the same case for a repeated Idempotency-Key', async () => {
    const body = { type: 'suggestion', title: '建议增加中文操作手册', channel: 'web_form' };
    const first = await agent.post('/api/v1/cases', body, { 'idempotency-key': 'form-submit-7f3a' });
    const again = await Promise.all([1, 2, 3].map(() => agent.post('/api/v1/cases', body, { 'idempotency-key': 'form-submit-7f3a' })));
    expect(first.statusCode).toBe(201);
    for (const r of again) {
      expect(r.statusCode).toBe(200);
      expect(r.headers['idempotency-replayed']).toBe('true');
      expect(r.json().id).toBe(first.json().id);
    }
    const listed = await agent.get(`/api/v1/cases?q=${encodeURIComponent('建议增加中文操作手册')}`);
    expect(listed.json().total).toBe(1);
  });

  it('gives one case to concurrent requests with the same new key', async () => {
    const body = { type: 'inquiry', title: '同键并发', channel: 'api' };
    const rs = await Promise.all(Array.from({ length: 8 }, () => agent.post('/api/v1/cases', body, { 'idempotency-key': 'race-key-1' })));
    expect(new Set(rs.map((r) => r.json().id)).size).toBe(1);
    expect(rs.filter((r) => r.statusCode === 201)).toHaveLength(1);
  });

  it('refuses an Idempotency-Key reused with a different body', async () => {
    await agent.post('/api/v1/cases', { type: 'inquiry', title: 'A', channel: 'phone' }, { 'idempotency-key': 'k-reuse' });
    const res = await agent.post('/api/v1/cases', { type: 'inquiry', title: 'B', channel: 'phone' }, { 'idempotency-key': 'k-reuse' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('idempotency_key_reused');
  });
});

describe('editing a case', () => {
  it('applies an edit with the current version and records from → to', async () => {
    const c = (await agent.post('/api/v1/cases', fullComplaint())).json();
    const res = await agent.patch(`/api/v1/cases/${c.id}`, {
      version: c.version,
      severity: 'CR',
      ownerId: qe.userId,
      departmentId: qualityDeptId,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      severity: 'CR',
      priority: 'P1',
      owner: { id: qe.userId, displayName: '李工' },
      version: c.version + 1,
    });
    const events = (await agent.get(`/api/v1/cases/${c.id}/events`)).json().items;
    const updated = events.find((e: { kind: string }) => e.kind === 'updated');
    expect(updated.actor.id).toBe(agent.userId);
    expect(updated.channel).toBe('web');
    expect(updated.changes).toEqual(
      expect.arrayContaining([
        { field: 'severity', from: 'MA', to: 'CR' },
        { field: 'ownerId', from: null, to: qe.userId },
        { field: 'priority', from: 'P2', to: 'P1' },
      ]),
    );
  });

  it('refuses a stale version with 409 and the current version', async () => {
    const c = (await agent.post('/api/v1/cases', fullComplaint())).json();
    await agent.patch(`/api/v1/cases/${c.id}`, { version: c.version, title: '第一次修改' });
    const stale = await qe.patch(`/api/v1/cases/${c.id}`, { version: c.version, title: '过期修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: c.version + 1 });
    expect((await agent.get(`/api/v1/cases/${c.id}`)).json().title).toBe('第一次修改');
  });

  it('overrides the priority only with a reason, and returns to the derived one', async () => {
    const c = (await agent.post('/api/v1/cases', { type: 'complaint', title: '包装破损', channel: 'email', severity: 'MI' })).json();
    expect(c.priority).toBe('P4');
    const noReason = await agent.patch(`/api/v1/cases/${c.id}`, { version: c.version, priorityOverride: 'P1' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('priorityOverrideReason');
    const ok = await agent.patch(`/api/v1/cases/${c.id}`, {
      version: c.version,
      priorityOverride: 'P1',
      priorityOverrideReason: '出口大客户展会前',
    });
    expect(ok.json()).toMatchObject({
      priority: 'P1',
      derivedPriority: 'P4',
      priorityOverride: 'P1',
      priorityOverrideReason: '出口大客户展会前',
    });
    const back = await agent.patch(`/api/v1/cases/${c.id}`, { version: ok.json().version, priorityOverride: null });
    expect(back.json()).toMatchObject({ priority: 'P4', priorityOverride: null });
  });

  it('forbids editing to a read-only user', async () => {
    const viewer = await env.userWith(['read_only']);
    const c = (await agent.post('/api/v1/cases', fullComplaint())).json();
    const res = await viewer.patch(`/api/v1/cases/${c.id}`, { version: c.version, title: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden', permission: 'cases:update' });
    expect((await viewer.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(200);
  });
});

describe('finding cases', () => {
  it('finds Chinese substrings in title, description and customer name', async () => {
    const c = (
      await agent.post('/api/v1/cases', { ...fullComplaint(), title: '伺服电机异响', description: '低速运行时有周期性咔嗒声' })
    ).json();
    for (const q of ['电机异', '咔嗒', '海天精密', c.number, 'haitian']) {
      const res = await agent.get(`/api/v1/cases?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(
        res.json().items.map((i: { id: string }) => i.id),
        q,
      ).toContain(c.id);
    }
    const none = await agent.get(`/api/v1/cases?q=${encodeURIComponent('不存在的现象描述')}`);
    expect(none.json()).toMatchObject({ items: [], total: 0 });
  });

  it('filters, sorts and pages with a total', async () => {
    const tag = `批次${Date.now()}`;
    for (let i = 0; i < 7; i++) {
      await agent.post('/api/v1/cases', {
        type: 'return',
        title: `退货 ${i}`,
        channel: 'dealer',
        severity: i % 2 ? 'MA' : 'MI',
        tags: [tag],
      });
    }
    const page1 = (await agent.get(`/api/v1/cases?tag=${encodeURIComponent(tag)}&pageSize=3&sort=createdAt`)).json();
    expect(page1).toMatchObject({ total: 7, page: 1, pageSize: 3 });
    expect(page1.items.map((i: { title: string }) => i.title)).toEqual(['退货 0', '退货 1', '退货 2']);
    const page3 = (await agent.get(`/api/v1/cases?tag=${encodeURIComponent(tag)}&pageSize=3&page=3&sort=createdAt`)).json();
    expect(page3.items.map((i: { title: string }) => i.title)).toEqual(['退货 6']);
    const major = (await agent.get(`/api/v1/cases?tag=${encodeURIComponent(tag)}&severity=MA&type=return,complaint`)).json();
    expect(major.total).toBe(3);
    const owned = (await agent.get(`/api/v1/cases?ownerId=none&tag=${encodeURIComponent(tag)}&status=open`)).json();
    expect(owned.total).toBe(7);
    const closed = (await agent.get(`/api/v1/cases?tag=${encodeURIComponent(tag)}&status=closed`)).json();
    expect(closed.total).toBe(0);
  });

  it('filters by customer, product and registration dates', async () => {
    const res = (await agent.get(`/api/v1/cases?customerId=${customerId}&productId=${productId}&from=2026-01-01`)).json();
    expect(res.total).toBeGreaterThan(0);
    for (const i of res.items) expect(i.customer.id).toBe(customerId);
    const future = (await agent.get('/api/v1/cases?from=2030-01-01')).json();
    expect(future.total).toBe(0);
    const bad = await agent.get('/api/v1/cases?from=2026-05-01&to=2026-04-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('to');
  });

  it('refuses unknown filter values naming the parameter', async () => {
    const res = await agent.get('/api/v1/cases?status=open,finished&pageSize=1000');
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields.some((f: string) => f.startsWith('status'))).toBe(true);
    expect(fields).toContain('pageSize');
  });
});

describe('the lifecycle through the API', () => {
  it('walks a complaint from registration to closure with the full timeline', async () => {
    const c = (await agent.post('/api/v1/cases', fullComplaint())).json();
    const act = (who: Client, body: object) => who.post(`/api/v1/cases/${c.id}/transitions`, body);
    expect((await act(agent, { action: 'acknowledge', note: '已电话回复客户' })).statusCode).toBe(200);
    await agent.patch(`/api/v1/cases/${c.id}`, { version: 2, ownerId: qe.userId, departmentId: qualityDeptId });
    expect((await act(qe, { action: 'investigate' })).json().case.status).toBe('investigating');
    await qe.post(`/api/v1/cases/${c.id}/comments`, { body: '轴封批次 S-0412 来料尺寸偏小', visibility: 'internal' });
    await qe.post(`/api/v1/cases/${c.id}/comments`, { body: '我们已找到原因，将于周五上门更换。', visibility: 'customer' });
    expect((await act(qe, { action: 'propose', proposal: '免费更换轴封并补偿停机损失' })).json().case.status).toBe('proposing');
    // Approval needs cases:approve, which a quality engineer lacks.
    expect((await act(qe, { action: 'request_approval' })).statusCode).toBe(200);
    const denied = await act(qe, { action: 'approve' });
    expect(denied.statusCode).toBe(403);
    expect((await act(env.admin, { action: 'approve', note: '同意' })).json().case.status).toBe('resolving');
    expect((await act(qe, { action: 'request_confirmation', resolution: '已上门更换轴封，试机 4 小时无渗漏' })).json().case.status).toBe(
      'awaiting_confirmation',
    );
    const noDecision = await act(qe, { action: 'close', customerConfirmed: true });
    expect(noDecision.statusCode).toBe(422);
    expect(noDecision.json()).toMatchObject({
      code: 'guard_failed',
      errors: [{ field: 'responsibility', code: 'responsibility_required' }],
    });
    const closed = await act(qe, {
      action: 'close',
      responsibility: { party: 'supplier', externalParty: '某密封件供应商', reason: '来料轴封内径超差 0.05mm' },
      customerConfirmed: true,
      confirmationNote: '陈工电话确认',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().case).toMatchObject({
      status: 'closed',
      customerConfirmed: true,
      responsibility: { party: 'supplier', externalParty: '某密封件供应商' },
      allowedActions: ['reopen'],
    });
    expect(closed.json().case.closedAt).not.toBeNull();

    const events = (await agent.get(`/api/v1/cases/${c.id}/events`)).json().items as {
      kind: string;
      data: { action?: string; from?: string; to?: string } | null;
      visibility: string | null;
      body: string | null;
    }[];
    expect(events.map((e) => (e.kind === 'transition' ? `${e.data?.from}→${e.data?.to}` : e.kind))).toEqual([
      'created',
      'new→acknowledged',
      'updated',
      'acknowledged→investigating',
      'commented',
      'commented',
      'investigating→proposing',
      'proposing→awaiting_approval',
      'awaiting_approval→resolving',
      'resolving→awaiting_confirmation',
      'awaiting_confirmation→closed',
    ]);
    expect(events.filter((e) => e.kind === 'commented').map((e) => e.visibility)).toEqual(['internal', 'customer']);
    expect(events[1]?.body).toBe('已电话回复客户');
  });

  it('refuses an action the status does not allow with 409 and the allowed actions', async () => {
    const c = (await agent.post('/api/v1/cases', fullComplaint())).json();
    const res = await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'request_confirmation' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'transition_not_allowed', caseStatus: 'new', allowedActions: ['acknowledge', 'hold'] });
  });

  it('refuses an unknown action naming the field', async () => {
    const c = (await agent.post('/api/v1/cases', fullComplaint())).json();
    const res = await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'teleport' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('action');
  });

  it('rejects only with the explanation given to the customer', async () => {
    const c = (await agent.post('/api/v1/cases', fullComplaint())).json();
    const bare = await qe.post(`/api/v1/cases/${c.id}/transitions`, { action: 'reject' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().errors[0].field).toBe('explanation');
    const ok = await qe.post(`/api/v1/cases/${c.id}/transitions`, { action: 'reject', explanation: '经鉴定为非我司产品，已书面回复客户' });
    expect(ok.json().case).toMatchObject({ status: 'rejected', rejectionExplanation: '经鉴定为非我司产品，已书面回复客户' });
  });

  it('closes without confirmation only with a recorded reason', async () => {
    const c = (await agent.post('/api/v1/cases', fullComplaint())).json();
    await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'acknowledge' });
    const responsibility = { party: 'ours', departmentId: qualityDeptId, reason: '装配扭矩不足' };
    // Only a quality engineer (or manager) decides responsibility; the agent then closes.
    const notTheirs = await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'close', responsibility, closeReason: 'x' });
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json().permission).toBe('responsibility:decide');
    const current = (await agent.get(`/api/v1/cases/${c.id}`)).json();
    expect((await qe.patch(`/api/v1/cases/${c.id}`, { version: current.version, responsibility })).statusCode).toBe(200);
    const none = await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'close' });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0].field).toBe('customerConfirmed');
    const ok = await agent.post(`/api/v1/cases/${c.id}/transitions`, {
      action: 'close',
      closeReason: '客户连续 10 个工作日未回复',
    });
    expect(ok.json().case).toMatchObject({ status: 'closed', customerConfirmed: false, closeReason: '客户连续 10 个工作日未回复' });
  });

  it('holds and resumes to where the case was', async () => {
    const c = (await agent.post('/api/v1/cases', fullComplaint())).json();
    await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'acknowledge' });
    await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'investigate' });
    const held = await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'hold', reason: '等待客户寄回样品' });
    expect(held.json().case).toMatchObject({ status: 'on_hold', holdFromStatus: 'investigating', allowedActions: ['resume'] });
    const resumed = await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'resume' });
    expect(resumed.json().case).toMatchObject({ status: 'investigating', holdFromStatus: null });
  });

  it('reopens a closed case as a new case linked to the original', async () => {
    const c = (await agent.post('/api/v1/cases', { ...fullComplaint(), type: 'inquiry' })).json();
    await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'acknowledge' });
    await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'close', resolution: '已解答' });
    const res = await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'reopen', reason: '客户不认可答复' });
    expect(res.statusCode, res.body).toBe(200);
    const { case: original, createdCase } = res.json();
    expect(original.status).toBe('closed');
    expect(createdCase).toMatchObject({ status: 'new', type: 'inquiry', customer: { id: customerId } });
    expect(createdCase.number).not.toBe(original.number);
    expect(createdCase.links).toEqual([{ caseId: original.id, number: original.number, kind: 'reopened_from' }]);
    expect(original.links).toEqual([{ caseId: createdCase.id, number: createdCase.number, kind: 'reopened_as' }]);
    const edit = await agent.patch(`/api/v1/cases/${original.id}`, { version: original.version, title: 'x' });
    expect(edit.statusCode).toBe(409);
  });

  it('refuses a transition carrying a stale version', async () => {
    const c = (await agent.post('/api/v1/cases', fullComplaint())).json();
    await agent.patch(`/api/v1/cases/${c.id}`, { version: c.version, title: '改过了' });
    const res = await agent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'acknowledge', version: c.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().currentVersion).toBe(c.version + 1);
  });

  it('answers 404 for an unknown case id or number', async () => {
    expect((await agent.get('/api/v1/cases/9901-0001')).statusCode).toBe(404);
    expect((await agent.post('/api/v1/cases/00000000-0000-4000-8000-000000000000/transitions', { action: 'acknowledge' })).statusCode).toBe(
      404,
    );
  });
});

describe('links and comments', () => {
  it('links two cases both ways', async () => {
    const a = (await agent.post('/api/v1/cases', fullComplaint())).json();
    const b = (await agent.post('/api/v1/cases', { ...fullComplaint(), links: [{ caseId: a.id, kind: 'duplicate' }] })).json();
    expect(b.links).toEqual([{ caseId: a.id, number: a.number, kind: 'duplicate' }]);
    expect((await agent.get(`/api/v1/cases/${a.id}`)).json().links).toEqual([{ caseId: b.id, number: b.number, kind: 'duplicate' }]);
    const self = await agent.post(`/api/v1/cases/${a.id}/links`, { caseId: a.id, kind: 'related' });
    expect(self.statusCode).toBe(400);
  });

  it('stores comments verbatim and refuses empty ones', async () => {
    const c = (await agent.post('/api/v1/cases', fullComplaint())).json();
    const nasty = `<img src=x onerror=alert(1)> '; DROP TABLE cases; -- 客户说"不行"`;
    const res = await agent.post(`/api/v1/cases/${c.id}/comments`, { body: nasty });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ body: nasty, visibility: 'internal', kind: 'commented' });
    const empty = await agent.post(`/api/v1/cases/${c.id}/comments`, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('body');
  });
});

describe('counting', () => {
  it('stops counting past the cap and says so', async () => {
    const { countCases } = await import('../src/features/cases/index.ts');
    const tag = `cap-${Date.now()}`;
    for (let i = 0; i < 4; i++) await agent.post('/api/v1/cases', { type: 'inquiry', title: `cap ${i}`, channel: 'phone', tags: [tag] });
    expect(await countCases(env.database.db, { tag })).toBe(4);
    expect(await countCases(env.database.db, { tag }, 2)).toBe(3);
    expect(await countCases(env.database.db, { tag }, 10)).toBe(4);
    const listed = (await agent.get(`/api/v1/cases?tag=${tag}`)).json();
    expect(listed).toMatchObject({ total: 4, totalIsExact: true });
  });
});

describe('partial edits', () => {
  it('leaves customer demands and tags alone when an edit omits them', async () => {
    const c = (await agent.post('/api/v1/cases', fullComplaint())).json();
    const res = await agent.patch(`/api/v1/cases/${c.id}`, { version: c.version, title: '只改标题' });
    expect(res.json()).toMatchObject({ title: '只改标题', customerDemands: ['repair', 'compensation'], tags: ['漏油', 'VP-40'] });
  });
});
