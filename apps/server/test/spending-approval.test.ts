import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';

/**
 * Spending approval (issue 8 §1): the amount that is approved is the amount that is paid, the band
 * is computed on the server from the details, every action checks the permission it needs, nobody
 * approves what they proposed, submitted or own, and costs are for those who may read them.
 */
let env: TestEnv;
type User = Client & { userId: string };
let agent: User;
let manager: User;
let otherManager: User;
let gm: User;
let reader: User;
let readToken: Client;

beforeAll(async () => {
  env = await createTestEnv();
  agent = await env.userWith(['agent'], { displayName: '张敏' });
  manager = await env.userWith(['manager'], { displayName: '王经理' });
  otherManager = await env.userWith(['manager'], { displayName: '周经理' });
  gm = await env.userWith(['gm'], { displayName: '赵总' });
  reader = await env.userWith(['read_only']);
  // The manager's own token, narrowed to reading: his approval authority must not come with it.
  const token = await manager.post('/api/v1/api-tokens', { name: 'read-only integration', scopes: ['cases:read'] });
  expect(token.statusCode, token.body).toBe(201);
  readToken = new Client(env.app, { bearer: token.json().token });
});
afterAll(() => env.close());

async function openCase(by: Client = agent) {
  const res = await by.post('/api/v1/cases', { type: 'complaint', title: '封口温度波动', channel: 'phone' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}
async function propose(by: Client, caseId: string, details: Record<string, unknown>) {
  const res = await by.post(`/api/v1/cases/${caseId}/dispositions`, { details });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; requiresApproval: boolean; amount: number | null; approvalKind: string | null };
}
async function act(by: Client, id: string, action: string, extra: Record<string, unknown> = {}) {
  const current = (await env.admin.get(`/api/v1/dispositions/${id}`)).json();
  return by.post(`/api/v1/dispositions/${id}/actions`, { action, version: current.version, ...extra });
}
const view = async (id: string) => (await env.admin.get(`/api/v1/dispositions/${id}`)).json();
const eventKinds = async (caseId: string) =>
  (await env.admin.get(`/api/v1/cases/${caseId}/events`)).json().items.map((e: { kind: string }) => e.kind) as string[];

describe('one amount: the band comes from the details', () => {
  it('refuses a second amount or approval kind beside the details', async () => {
    const c = await openCase();
    for (const second of [{ amount: 0 }, { amount: 1 }, { approvalKind: 'goodwill' }]) {
      const res = await agent.post(`/api/v1/cases/${c.id}/dispositions`, {
        details: { kind: 'compensation', amount: 50000, form: 'payment' },
        ...second,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const list = (await env.admin.get(`/api/v1/cases/${c.id}/dispositions`)).json().items;
    expect(list).toHaveLength(0);
  });

  it('sends ¥50,000 to the general manager, and the agent cannot pay it alone', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, { kind: 'compensation', amount: 50000, form: 'payment' });
    expect(d).toMatchObject({ requiresApproval: true, amount: 50000, approvalKind: 'compensation' });
    expect((await act(agent, d.id, 'submit')).json().disposition.status).toBe('awaiting_approval');
    expect((await act(agent, d.id, 'start')).statusCode).toBe(409);
    expect((await act(manager, d.id, 'approve')).statusCode).toBe(403);
    expect((await view(d.id)).approvals).toEqual([expect.objectContaining({ requiredRole: 'gm', amount: 50000, status: 'pending' })]);
  });

  it('takes a goodwill amount on a repair from the details, the one field approved and paid', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, { kind: 'repair', chargeable: false, goodwillAmount: 800 });
    expect(d).toMatchObject({ requiresApproval: true, amount: 800, approvalKind: 'goodwill' });
  });
});

describe('money changed after submission goes back for approval', () => {
  it('a ¥500 refund raised to ¥99,999 after approval is awaiting approval again, with a new request on the timeline', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, { kind: 'refund', amount: 500 });
    await act(agent, d.id, 'submit');
    expect((await act(manager, d.id, 'approve')).json().disposition.status).toBe('approved');
    const raised = await act(agent, d.id, 'update', { details: { amount: 99999 } });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json().disposition).toMatchObject({ status: 'awaiting_approval', amount: 99999 });
    expect(raised.json().disposition.approvals).toEqual([
      expect.objectContaining({ amount: 500, status: 'approved' }),
      expect.objectContaining({ amount: 99999, status: 'pending', requiredRole: 'gm' }),
    ]);
    expect((await eventKinds(c.id)).filter((k) => k === 'disposition_approval_requested')).toHaveLength(2);
    expect((await act(agent, d.id, 'start')).statusCode).toBe(409);
    expect((await act(manager, d.id, 'approve')).statusCode).toBe(403);
    expect((await act(gm, d.id, 'approve')).json().disposition.status).toBe('approved');
  });

  it('a pending request is replaced when the amount changes before the decision', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, { kind: 'compensation', amount: 800, form: 'credit_note' });
    await act(agent, d.id, 'submit');
    const raised = await act(agent, d.id, 'update', { details: { amount: 20000 } });
    expect(raised.json().disposition.status).toBe('awaiting_approval');
    const approvals = raised.json().disposition.approvals;
    expect(approvals.map((a: { status: string; amount: number }) => [a.status, a.amount])).toEqual([
      ['superseded', 800],
      ['pending', 20000],
    ]);
    expect((await act(manager, d.id, 'approve')).statusCode).toBe(403);
  });

  it('an amount changed while proposed is the amount submitted', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, { kind: 'compensation', amount: 100, form: 'goods' });
    await act(agent, d.id, 'update', { details: { amount: 50000 } });
    await act(agent, d.id, 'submit');
    expect((await view(d.id)).approvals).toEqual([expect.objectContaining({ requiredRole: 'gm', amount: 50000 })]);
  });

  it('refuses a different amount recorded with completion', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, { kind: 'refund', amount: 500 });
    await act(agent, d.id, 'submit');
    await act(manager, d.id, 'approve');
    await act(agent, d.id, 'customer_accept');
    expect((await act(agent, d.id, 'start')).json().disposition.status).toBe('in_progress');
    const done = await act(agent, d.id, 'complete', { details: { amount: 99999, paidOn: '2026-12-01' } });
    expect(done.statusCode, done.body).toBe(422);
    expect((await view(d.id)).details.amount).toBe(500);
    expect((await act(agent, d.id, 'complete', { details: { paidOn: '2026-12-01' } })).json().disposition.status).toBe('done');
  });
});

describe('who may approve', () => {
  it('a cases:read token or a read-only user cannot approve money', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, { kind: 'compensation', amount: 500, form: 'payment' });
    await act(agent, d.id, 'submit');
    for (const caller of [readToken, reader]) {
      for (const action of ['approve', 'refuse']) {
        const res = await act(caller, d.id, action, { note: 'x' });
        expect(res.statusCode, res.body).toBe(403);
      }
    }
    expect((await view(d.id)).status).toBe('awaiting_approval');
  });

  it('nobody approves a disposition they proposed, even when someone else submitted it', async () => {
    const c = await openCase();
    const d = await propose(manager, c.id, { kind: 'compensation', amount: 800, form: 'payment' });
    await act(agent, d.id, 'submit');
    const self = await act(manager, d.id, 'approve');
    expect(self.statusCode).toBe(403);
    expect(self.json().reason).toBe('self_approval');
    expect((await act(otherManager, d.id, 'approve')).json().disposition.status).toBe('approved');
  });

  it('nobody approves a case they own, proposed or asked approval for', async () => {
    const transition = (by: Client, id: string, action: string, extra: Record<string, unknown> = {}) =>
      by.post(`/api/v1/cases/${id}/transitions`, { action, ...extra });
    // A manager does it all on his own case.
    const own = await openCase(manager);
    await env.admin.patch(`/api/v1/cases/${own.id}`, {
      version: (await env.admin.get(`/api/v1/cases/${own.id}`)).json().version,
      ownerId: manager.userId,
    });
    for (const action of ['acknowledge', 'propose', 'request_approval']) {
      expect((await transition(manager, own.id, action)).statusCode).toBe(200);
    }
    const self = await transition(manager, own.id, 'approve');
    expect(self.statusCode, self.body).toBe(403);
    expect(self.json().reason).toBe('self_approval');
    expect((await transition(otherManager, own.id, 'approve')).statusCode).toBe(200);

    // The owner did not propose, but still does not approve his own case.
    const owned = await openCase(agent);
    await env.admin.patch(`/api/v1/cases/${owned.id}`, {
      version: (await env.admin.get(`/api/v1/cases/${owned.id}`)).json().version,
      ownerId: manager.userId,
    });
    for (const action of ['acknowledge', 'propose', 'request_approval']) {
      expect((await transition(agent, owned.id, action)).statusCode).toBe(200);
    }
    expect((await transition(manager, owned.id, 'approve')).statusCode).toBe(403);
    expect((await transition(otherManager, owned.id, 'approve')).statusCode).toBe(200);
  });
});

describe('costs are for those who may read them', () => {
  it('refuses the case costs without costs:read and leaves costs out of disposition views', async () => {
    const c = await openCase();
    const d = await propose(agent, c.id, { kind: 'compensation', amount: 300, form: 'goods' });
    const cost = await agent.post(`/api/v1/cases/${c.id}/costs`, { category: 'compensation', amount: 300, dispositionId: d.id });
    expect(cost.statusCode, cost.body).toBe(201);
    for (const caller of [reader, agent, readToken]) {
      const res = await caller.get(`/api/v1/cases/${c.id}/costs`);
      expect(res.statusCode).toBe(403);
      const one = (await caller.get(`/api/v1/dispositions/${d.id}`)).json();
      expect(one).not.toHaveProperty('costs');
      expect(one).not.toHaveProperty('costTotal');
      const ofCase = (await caller.get(`/api/v1/cases/${c.id}/dispositions`)).json().items;
      expect(ofCase[0]).not.toHaveProperty('costs');
      const all = (await caller.get('/api/v1/dispositions?pageSize=200')).json().items;
      expect(all.every((x: object) => !('costs' in x))).toBe(true);
    }
    // Nor does the timeline tell them the amount.
    const costEvent = (events: { kind: string; data: Record<string, unknown> }[]) => events.find((e) => e.kind === 'cost_recorded');
    expect(costEvent((await reader.get(`/api/v1/cases/${c.id}/events`)).json().items)?.data).not.toHaveProperty('amount');
    expect(costEvent((await manager.get(`/api/v1/cases/${c.id}/events`)).json().items)?.data).toMatchObject({ amount: 300 });
    expect((await manager.get(`/api/v1/cases/${c.id}/costs`)).json().total).toBe(300);
    expect((await manager.get(`/api/v1/dispositions/${d.id}`)).json()).toMatchObject({ costTotal: 300 });
  });
});
