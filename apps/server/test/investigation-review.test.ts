import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';

/**
 * The review of the investigation report (issue 9): management (manager, deputy GM, GM) reads the
 * submitted report and writes its instruction (批示); a returned report is edited and submitted
 * again; nobody reviews a report they submitted.
 */
let env: TestEnv;
type User = Client & { userId: string };
let qe: User;
let manager: User;
let deputy: User;
let gm: User;
let customerId: string;

beforeAll(async () => {
  env = await createTestEnv();
  qe = await env.userWith(['quality_engineer'], { displayName: '李工', department: 'quality' });
  manager = await env.userWith(['manager'], { displayName: '王经理', department: 'quality' });
  deputy = await env.userWith(['deputy_gm'], { displayName: '陈副总', department: 'gm_office' });
  gm = await env.userWith(['gm'], { displayName: '赵总', department: 'gm_office' });
  customerId = (await env.admin.post('/api/v1/customers', { kind: 'company', name: '宁波精密', country: 'CN', province: '浙江' })).json()
    .id;
});
afterAll(() => env.close());

async function reportedBy(who: Client) {
  const c = await env.admin.post('/api/v1/cases', { type: 'complaint', title: '封口温度波动', channel: 'phone', customerId });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  const saved = await who.request('PUT', `/api/v1/cases/${id}/investigation`, {
    version: 0,
    facts: '温控器采样线接头松动',
    rootCause: '装配工艺缺少扭矩要求',
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const reported = await who.post(`/api/v1/cases/${id}/investigation/report`, {});
  expect(reported.statusCode, reported.body).toBe(200);
  return id;
}
const review = (who: Client, caseId: string, body: Record<string, unknown>) =>
  who.post(`/api/v1/cases/${caseId}/investigation/review`, body);
const read = async (caseId: string) => (await env.admin.get(`/api/v1/cases/${caseId}/investigation`)).json();

describe('review of the investigation report', () => {
  it('returned with an instruction, edited and submitted again, then accepted — each on the timeline', async () => {
    const id = await reportedBy(qe);
    expect(await read(id)).toMatchObject({
      reportStatus: 'submitted',
      reportSubmittedBy: { id: qe.userId, displayName: '李工' },
      review: null,
    });
    // Under review the report stands as submitted.
    const edit = await qe.request('PUT', `/api/v1/cases/${id}/investigation`, { version: 2, facts: '改动' });
    expect(edit.statusCode).toBe(409);

    // A quality engineer does not review; returning needs the instruction.
    expect((await review(qe, id, { decision: 'accepted' })).statusCode).toBe(403);
    const bare = await review(gm, id, { decision: 'returned' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().errors.map((e: { field: string }) => e.field)).toEqual(['instruction']);

    const returned = await review(gm, id, { decision: 'returned', instruction: '补充同批次其他机台的排查结果' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({
      reportStatus: 'returned',
      review: { decision: 'returned', instruction: '补充同批次其他机台的排查结果', reviewedBy: { id: gm.userId, displayName: '赵总' } },
    });
    expect(returned.json().review.reviewedAt).toEqual(expect.any(String));
    expect((await review(deputy, id, { decision: 'accepted' })).statusCode).toBe(409);

    const v = (await read(id)).version;
    const again = await qe.request('PUT', `/api/v1/cases/${id}/investigation`, {
      version: v,
      facts: '同批次 12 台已排查，另有 2 台接头松动',
    });
    expect(again.statusCode, again.body).toBe(200);
    const resubmitted = await qe.post(`/api/v1/cases/${id}/investigation/report`, {});
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json()).toMatchObject({ reportStatus: 'submitted', review: null });

    const accepted = await review(deputy, id, { decision: 'accepted', instruction: '同意，按纠正措施执行' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      reportStatus: 'accepted',
      review: { decision: 'accepted', reviewedBy: { id: deputy.userId } },
    });
    // Accepted is final.
    expect(
      (await qe.request('PUT', `/api/v1/cases/${id}/investigation`, { version: accepted.json().version, facts: 'x' })).statusCode,
    ).toBe(409);
    expect((await qe.post(`/api/v1/cases/${id}/investigation/report`, {})).statusCode).toBe(409);

    const events = (await env.admin.get(`/api/v1/cases/${id}/events`)).json().items as { kind: string; actor: unknown; data: unknown }[];
    expect(events.filter((e) => e.kind === 'investigation_reviewed').map((e) => e.data)).toEqual([
      { decision: 'returned', instruction: '补充同批次其他机台的排查结果' },
      { decision: 'accepted', instruction: '同意，按纠正措施执行' },
    ]);
  });

  it('nobody reviews a report they submitted; an unsubmitted report has nothing to review', async () => {
    const id = await reportedBy(manager);
    const own = await review(manager, id, { decision: 'accepted' });
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'forbidden', reason: 'self_review' });
    expect((await review(gm, id, { decision: 'accepted' })).statusCode).toBe(200);

    const c = await env.admin.post('/api/v1/cases', { type: 'complaint', title: '未提交', channel: 'phone', customerId });
    const draft = await review(gm, c.json().id, { decision: 'accepted' });
    expect(draft.statusCode).toBe(409);
    expect(draft.json()).toMatchObject({ code: 'transition_not_allowed', reportStatus: 'draft' });
  });
});
