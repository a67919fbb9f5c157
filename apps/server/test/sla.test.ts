import type {
  AssignmentRuleView,
  BreachRow,
  CalendarDayView,
  CalendarView,
  CaseSummary,
  CaseView,
  ClockKind,
  ClockView,
  DeadlinePreview,
  DepartmentView,
  EscalationView,
  EventView,
  Items,
  MeView,
  NotificationPage,
  Page,
  Problem,
  QueueCounts,
  SlaPolicyView,
  UserView,
} from '@closeloop/domain';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { caseClocks, notifications, outbox, slaBreaches } from '../src/db/schema.ts';
import { runSlaSweep, type SweepResult } from '../src/features/sla/index.ts';
import { rowsOf } from '../src/lib/sql.ts';
import {
  buildAssignmentRule,
  buildCase,
  buildCustomer,
  buildDepartment,
  buildProduct,
  buildSlaPolicy,
  unique,
} from '../src/testing/factories.ts';
import { Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';

/**
 * Deadlines end to end with a pinned clock (no sleeping): the shipped Chinese calendar, the
 * default policies from PROCEDURE.md §4, pauses, the sweep's warning → breach → escalation
 * ladder, attribution to the department, resets, policy changes and the queues.
 *
 * Every test builds what it looks at (customers, people, departments, cases, policies, rules); the
 * file shares only the database, the company (浙江 as home province, with automatic acknowledgement)
 * and the head of its GM office.
 */
let env: TestEnv;
let gm: Client & { userId: string };
let adminId: string;

/** Shanghai wall time. */
const sh = (s: string) => new Date(`${s}+08:00`);
const iso = (s: string) => sh(s).toISOString();
const at = (s: string) => {
  env.clock.now = sh(s);
  return env.clock.now;
};
const sweep = () => runSlaSweep({ db: env.database.db, config: env.config, now: () => env.clock.now ?? new Date() });
const nothing: SweepResult = { examined: 0, recomputed: 0, warnings: 0, breaches: 0, escalations: 0 };

/** The answer of a GET that must succeed, as the domain types it. */
async function read<T>(client: Client, url: string): Promise<T> {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}
const viewCase = (id: string) => read<CaseView>(env.admin, `/api/v1/cases/${id}`);
const eventsOf = async (id: string) => (await read<Items<EventView>>(env.admin, `/api/v1/cases/${id}/events`)).items;
const clock = (clocks: readonly ClockView[], kind: ClockKind) => clocks.find((k) => k.kind === kind);
const defaultCalendar = async () =>
  (await read<Items<CalendarView>>(env.admin, '/api/v1/calendars')).items.find((c) => c.isDefault) as CalendarView;

/**
 * Sign someone in at real time: a session begun at a pinned moment would run out as a test moves
 * the clock days ahead (the pinned 2025 dates lie before real time, so a real session stays valid).
 */
async function person(roles: string[], options: { department?: string; displayName?: string } = {}) {
  const pinned = env.clock.now;
  env.clock.now = undefined;
  try {
    return await env.userWith(roles, options);
  } finally {
    env.clock.now = pinned;
  }
}

/** A department with a head who is a member of it. */
async function departmentWithHead() {
  const department = await buildDepartment(env.admin);
  const head = await person(['manager'], { department: department.code, displayName: '王经理' });
  const res = await env.admin.patch(`/api/v1/departments/${department.id}`, { version: department.version, headUserId: head.userId });
  expect(res.statusCode, res.body).toBe(200);
  return { department: res.json() as DepartmentView, head };
}

const localCustomer = () => buildCustomer(env.admin, { province: '浙江', name: unique('宁波客户') });

beforeAll(async () => {
  env = await createTestEnv();
  adminId = (await read<MeView>(env.admin, '/api/v1/auth/me')).user.id;
  gm = await env.userWith(['manager'], { department: 'gm_office', displayName: '总经理' });
  const gmOffice = (await read<Items<DepartmentView>>(env.admin, '/api/v1/departments')).items.find((d) => d.code === 'gm_office')!;
  expect(
    (await env.admin.patch(`/api/v1/departments/${gmOffice.id}`, { version: gmOffice.version, headUserId: gm.userId })).statusCode,
  ).toBe(200);
  const company = await env.admin.request('PUT', '/api/v1/settings/company', {
    companyName: '浙江精工机械',
    province: '浙江省',
    autoAcknowledge: true,
  });
  expect(company.statusCode, company.body).toBe(200);
});
afterAll(() => env.close());

describe('first start', () => {
  it('ships the China calendar with 2025 and 2026 holidays and the default policies', async () => {
    const calendars = (await read<Items<CalendarView>>(env.admin, '/api/v1/calendars')).items;
    expect(calendars.filter((c) => c.isDefault)).toEqual([
      expect.objectContaining({
        name: '中国大陆工作日 China mainland',
        timeZone: 'Asia/Shanghai',
        years: [
          { year: 2025, off: 28, working: 5 },
          { year: 2026, off: 33, working: 6 },
        ],
      }),
    ]);
    const policies = (await read<Items<SlaPolicyView>>(env.admin, '/api/v1/sla/policies')).items;
    expect(policies.map((p) => p.name)).toEqual([
      '紧急或致命 Urgent or critical',
      '国外客户 Foreign customers',
      '本省及邻省 Same or neighbouring province',
      '其他 All other cases',
    ]);
  });

  it('previews deadlines on working days across the National Day holiday', async () => {
    const cal = await defaultCalendar();
    const preview = await read<DeadlinePreview>(
      env.admin,
      `/api/v1/calendars/${cal.id}/preview?from=${encodeURIComponent('2025-09-30T10:00:00+08:00')}&amount=3&unit=working_days`,
    );
    expect(preview).toEqual({ dueAt: iso('2025-10-11T17:30:00') });
  });
});

describe('clocks on a case', () => {
  it('sets due times from the matching policy, on the calendar, and shows them on the case', async () => {
    const customer = await localCustomer();
    at('2025-09-30T10:00:00');
    const c = await buildCase(env.admin, { customerId: customer.id, contactEmail: 'buyer@example.cn', contactName: '李先生' });
    expect(c.clocks.map((k) => [k.kind, k.policyName, k.dueAt])).toEqual([
      // One working day after Tuesday 30 Sep: the holiday runs 1–8 Oct, so the end of Thursday 9 Oct.
      ['acknowledge', '本省及邻省 Same or neighbouring province', iso('2025-10-09T17:30:00')],
      ['first_reply', '本省及邻省 Same or neighbouring province', iso('2025-10-09T17:30:00')],
      // Thirteen calendar days.
      ['resolve', '本省及邻省 Same or neighbouring province', iso('2025-10-13T10:00:00')],
    ]);
    expect(c.slaDueAt).toBe(iso('2025-10-09T17:30:00'));
    // The first responder watches the case; the customer got an acknowledgement in Chinese.
    expect(c.watchers).toEqual([expect.objectContaining({ userId: adminId, reason: 'first_responder' })]);
    const mail = await env.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `ack:${c.id}`));
    expect(mail).toHaveLength(1);
    expect((mail[0]!.payload as { subject: string }).subject).toContain(c.number);
    expect((mail[0]!.payload as { to: string }).to).toBe('buyer@example.cn');
  });

  it('uses the foreign policy for customers abroad and the on-site clock when a visit is needed', async () => {
    const customer = await buildCustomer(env.admin, { country: 'DE', name: unique('Hamburg GmbH') });
    at('2025-09-30T10:00:00');
    const c = await buildCase(env.admin, { customerId: customer.id, visitRequired: true });
    expect(clock(c.clocks, 'resolve')).toMatchObject({ policyName: '国外客户 Foreign customers', dueAt: iso('2025-10-17T10:00:00') });
    expect(clock(c.clocks, 'on_site')?.dueAt).toBe(iso('2025-10-03T10:00:00'));
    at('2025-10-02T09:00:00');
    const arrived = await env.admin.post(`/api/v1/cases/${c.id}/site-arrival`, {});
    expect(arrived.statusCode, arrived.body).toBe(200);
    expect(clock((arrived.json() as Items<ClockView>).items, 'on_site')).toMatchObject({
      state: 'met',
      stoppedAt: iso('2025-10-02T09:00:00'),
    });
    const again = await env.admin.post(`/api/v1/cases/${c.id}/site-arrival`, {});
    expect(again.statusCode).toBe(422);
    expect((again.json() as Problem).code).toBe('guard_failed');
  });

  it('starts the on-site clock when a visit becomes necessary, and stops it again when it no longer is', async () => {
    const customer = await localCustomer();
    at('2025-10-09T09:00:00');
    const c = await buildCase(env.admin, { customerId: customer.id });
    expect(clock(c.clocks, 'on_site')).toBeUndefined();
    at('2025-10-09T10:00:00');
    const needed = await env.admin.patch(`/api/v1/cases/${c.id}`, { version: c.version, visitRequired: true });
    expect(needed.statusCode, needed.body).toBe(200);
    const withVisit = needed.json() as CaseView;
    expect(withVisit.visitRequired).toBe(true);
    expect(clock(withVisit.clocks, 'on_site')).toMatchObject({ state: 'running', dueAt: iso('2025-10-11T10:00:00') });
    const changes = (await eventsOf(c.id)).flatMap((e) => e.changes).filter((ch) => ch.field === 'visitRequired');
    expect(changes).toEqual([{ field: 'visitRequired', from: false, to: true }]);
    const notNeeded = await env.admin.patch(`/api/v1/cases/${c.id}`, { version: withVisit.version, visitRequired: false });
    expect(notNeeded.statusCode, notNeeded.body).toBe(200);
    expect(clock((notNeeded.json() as CaseView).clocks, 'on_site')).toBeUndefined();
  });

  it('urgent cases follow the urgent policy, and a grade change recomputes', async () => {
    const customer = await localCustomer();
    at('2025-10-09T09:00:00');
    const c = await buildCase(env.admin, { customerId: customer.id });
    expect(clock(c.clocks, 'acknowledge')?.dueAt).toBe(iso('2025-10-10T17:30:00'));
    const res = await env.admin.patch(`/api/v1/cases/${c.id}`, { version: c.version, grade: 'urgent' });
    expect(res.statusCode, res.body).toBe(200);
    // Two working hours from Thursday 09:00.
    expect(clock((res.json() as CaseView).clocks, 'acknowledge')).toMatchObject({
      policyName: '紧急或致命 Urgent or critical',
      dueAt: iso('2025-10-09T11:00:00'),
    });
  });

  it('stops the acknowledgement clock on acknowledge and the first-reply clock on a customer-visible reply', async () => {
    const customer = await localCustomer();
    at('2025-10-09T09:00:00');
    const c = await buildCase(env.admin, { customerId: customer.id });
    at('2025-10-09T10:00:00');
    expect((await env.admin.post(`/api/v1/cases/${c.id}/transitions`, { action: 'acknowledge' })).statusCode).toBe(200);
    expect((await env.admin.post(`/api/v1/cases/${c.id}/comments`, { body: '内部记录', visibility: 'internal' })).statusCode).toBe(201);
    let v = await viewCase(c.id);
    expect(clock(v.clocks, 'acknowledge')).toMatchObject({ state: 'met', stoppedAt: iso('2025-10-09T10:00:00') });
    expect(clock(v.clocks, 'first_reply')).toMatchObject({ state: 'running', stoppedAt: null });
    const reply = await env.admin.post(`/api/v1/cases/${c.id}/comments`, { body: '您好，我们已安排工程师分析。', visibility: 'customer' });
    expect(reply.statusCode, reply.body).toBe(201);
    v = await viewCase(c.id);
    expect(clock(v.clocks, 'first_reply')).toMatchObject({ state: 'met', stoppedAt: iso('2025-10-09T10:00:00') });
  });

  it('pauses while on hold, shows the paused time, and moves the due time by it', async () => {
    const customer = await localCustomer();
    at('2025-10-09T09:00:00');
    const c = await buildCase(env.admin, { customerId: customer.id });
    expect((await env.admin.post(`/api/v1/cases/${c.id}/transitions`, { action: 'acknowledge' })).statusCode).toBe(200);
    at('2025-10-10T09:00:00');
    const held = await env.admin.post(`/api/v1/cases/${c.id}/transitions`, { action: 'hold', reason: '等待客户寄回样品' });
    expect(held.statusCode, held.body).toBe(200);
    at('2025-10-12T09:00:00');
    let v = await viewCase(c.id);
    expect(clock(v.clocks, 'resolve')).toMatchObject({
      state: 'paused',
      pausedSince: iso('2025-10-10T09:00:00'),
      pausedMs: 2 * 86_400_000,
      dueAt: null,
    });
    expect((await env.admin.post(`/api/v1/cases/${c.id}/transitions`, { action: 'resume' })).statusCode).toBe(200);
    v = await viewCase(c.id);
    // 13 days from 9 Oct 09:00 is 22 Oct; two paused days move it to 24 Oct.
    expect(clock(v.clocks, 'resolve')).toMatchObject({ state: 'running', pausedSince: null, dueAt: iso('2025-10-24T09:00:00') });
  });
});

describe('the sweep: warning, breach, escalation ladder', () => {
  /**
   * The sweep acts on every clock in the database. Run it once far ahead first: the clocks of other
   * tests' cases climb their whole ladder and have nothing left to do, so what a test's sweep
   * reports is its own case alone.
   */
  beforeEach(async () => {
    env.clock.now = new Date('2030-01-01T00:00:00Z');
    await sweep();
    env.clock.now = undefined;
  });

  /**
   * A complaint of a local customer, registered on Monday 13 Oct 2025 at 09:00 and owned by an agent
   * of a new department with its head. Acknowledge and first reply are due at the end of Tuesday
   * 14 Oct 17:30, an allowance of 7 h (Mon) + 7.5 h (Tue) = 870 working minutes; 75 % = 652.5 min
   * → Tue 13:52:30 (after the lunch break). Resolve is due thirteen calendar days later.
   */
  async function overdueSoon(title: string) {
    const { department, head } = await departmentWithHead();
    const agent = await person(['agent'], { department: department.code, displayName: '张工' });
    const customer = await localCustomer();
    at('2025-10-13T09:00:00');
    const c = await buildCase(env.admin, { customerId: customer.id, ownerId: agent.userId, departmentId: department.id, title });
    return { department, head, agent, c };
  }
  const bellOf = async (client: Client, caseId: string, kind: string) =>
    (await read<NotificationPage>(client, '/api/v1/me/notifications?pageSize=100')).items.filter(
      (n) => n.caseId === caseId && n.kind === kind,
    );

  it('warns the owner at 75 % of the allowance, once', async () => {
    const { agent, c } = await overdueSoon('电机异响');
    expect(clock(c.clocks, 'acknowledge')).toMatchObject({ dueAt: iso('2025-10-14T17:30:00'), warnAt: iso('2025-10-14T13:52:30') });
    expect(clock(c.clocks, 'first_reply')).toMatchObject({ dueAt: iso('2025-10-14T17:30:00'), warnAt: iso('2025-10-14T13:52:30') });

    at('2025-10-14T14:00:00');
    expect(await sweep()).toEqual({ ...nothing, examined: 2, warnings: 2 });
    expect(await sweep()).toEqual(nothing);
    const warned = await bellOf(agent, c.id, 'sla_warning');
    expect(warned.map((n) => n.params.clock).sort()).toEqual(['acknowledge', 'first_reply']);
    const slaEvents = (await eventsOf(c.id)).filter((e) => e.kind.startsWith('sla_'));
    expect(slaEvents.map((e) => e.kind)).toEqual(['sla_warning', 'sla_warning']);
    const dueSoon = await read<Page<CaseSummary>>(env.admin, '/api/v1/cases?sla=due_soon&pageSize=100');
    expect(dueSoon.items.map((i) => i.id)).toContain(c.id);
  });

  it('records the breach against the department holding the case and climbs the ladder on working days', async () => {
    const { department, head, agent, c } = await overdueSoon('电机异响');
    // A sweep after the due time goes straight to the breach and the first step (+0), without a warning.
    at('2025-10-14T17:31:00');
    expect(await sweep()).toEqual({ ...nothing, examined: 2, breaches: 2, escalations: 2 });
    const breaches = await env.database.db.select().from(slaBreaches).where(eq(slaBreaches.caseId, c.id));
    expect(breaches.map((b) => [b.clock, b.departmentId, b.dueAt.toISOString()]).sort()).toEqual([
      ['acknowledge', department.id, iso('2025-10-14T17:30:00')],
      ['first_reply', department.id, iso('2025-10-14T17:30:00')],
    ]);
    let v = await viewCase(c.id);
    expect(clock(v.clocks, 'acknowledge')).toMatchObject({ state: 'breached', escalationLevel: 1 });
    expect(v.slaBreached).toBe(true);
    // Step 1 (+0): owner, watchers and the department head hear of it.
    expect((await bellOf(head, c.id, 'sla_breached')).map((n) => n.params.clock).sort()).toEqual(['acknowledge', 'first_reply']);
    expect((await bellOf(agent, c.id, 'sla_breached')).map((n) => n.params.clock).sort()).toEqual(['acknowledge', 'first_reply']);
    const overdue = await read<Page<CaseSummary>>(env.admin, '/api/v1/cases?sla=overdue&pageSize=100');
    expect(overdue.items.map((i) => i.id)).toContain(c.id);
    expect((await read<QueueCounts>(env.admin, '/api/v1/workspace/queues')).overdue).toBe(overdue.total);

    // Step 2 (+1 working day = end of Wed 15 Oct): priority up, GM office told. Not before.
    at('2025-10-15T17:00:00');
    expect(await sweep()).toEqual(nothing);
    expect(clock((await viewCase(c.id)).clocks, 'acknowledge')?.escalationLevel).toBe(1);
    at('2025-10-15T17:31:00');
    expect(await sweep()).toEqual({ ...nothing, examined: 2, escalations: 2 });
    v = await viewCase(c.id);
    expect(clock(v.clocks, 'acknowledge')?.escalationLevel).toBe(2);
    expect(v.priority).toBe('P2');
    expect((await bellOf(gm, c.id, 'sla_escalated')).map((n) => n.params.clock).sort()).toEqual(['acknowledge', 'first_reply']);

    // Step 3 (+3 working days = end of Fri 17 Oct): reassigned to the department head; the agent keeps watching.
    at('2025-10-17T17:31:00');
    expect(await sweep()).toEqual({ ...nothing, examined: 2, escalations: 2 });
    v = await viewCase(c.id);
    expect(clock(v.clocks, 'acknowledge')?.escalationLevel).toBe(3);
    expect(v.owner?.id).toBe(head.userId);
    expect(v.watchers.map((w) => [w.userId, w.reason])).toEqual([
      [adminId, 'first_responder'],
      [agent.userId, 'previous_owner'],
    ]);
    // Per clock (acknowledge, then first reply): the breach with step 1, then steps 2 and 3 at their sweeps.
    const slaEvents = (await eventsOf(c.id)).filter((e) => e.kind.startsWith('sla_')).map((e) => e.kind);
    const breachAndFirstStep = ['sla_breached', 'sla_escalated'];
    const laterStep = ['sla_escalated', 'sla_escalated'];
    expect(slaEvents).toEqual([...breachAndFirstStep, ...breachAndFirstStep, ...laterStep, ...laterStep]);

    // Nothing more happens to these clocks however often the sweep runs.
    const acknowledgeNotices = async () =>
      (await env.database.db.select().from(notifications).where(eq(notifications.caseId, c.id))).filter(
        (n) => (n.params as { clock?: string }).clock === 'acknowledge',
      ).length;
    const before = await acknowledgeNotices();
    at('2025-10-30T09:00:00');
    await sweep();
    expect(await sweep()).toEqual(nothing);
    expect(await acknowledgeNotices()).toBe(before);
    expect(clock((await viewCase(c.id)).clocks, 'acknowledge')).toMatchObject({ state: 'breached', escalationLevel: 3 });
  });

  it('lists escalations and counts breaches per department', async () => {
    const { department, head, c } = await overdueSoon('电机异响');
    at('2025-10-14T14:00:00');
    await sweep();
    at('2025-10-17T17:31:00');
    await sweep();
    const open = `/api/v1/sla/escalations?open=true&departmentId=${department.id}&pageSize=200`;
    const list = await read<Page<EscalationView>>(env.admin, open);
    // A warning (level 0) and three steps for each of the two clocks, newest first.
    expect(list.total).toBe(8);
    expect(list.items.every((e) => e.caseId === c.id && e.acknowledgedAt === null)).toBe(true);
    const acknowledgeSteps = list.items.filter((e) => e.clock === 'acknowledge');
    expect(acknowledgeSteps.map((e) => e.level)).toEqual([3, 2, 1, 0]);
    // The third step reassigns to the head and raises the priority a second time.
    expect(acknowledgeSteps[0]).toMatchObject({ reassignedTo: head.userId, priority: { from: 'P2', to: 'P1' } });

    at('2025-10-20T09:00:00');
    const ack = await head.post(`/api/v1/sla/escalations/${acknowledgeSteps[0]!.id}/acknowledge`, {});
    expect(ack.statusCode, ack.body).toBe(200);
    expect((ack.json() as EscalationView).acknowledgedAt).toBe(iso('2025-10-20T09:00:00'));
    expect((await read<Page<EscalationView>>(env.admin, open)).total).toBe(7);
    const seen = await read<Page<EscalationView>>(env.admin, `/api/v1/sla/escalations?open=false&departmentId=${department.id}`);
    expect(seen.items.map((e) => e.id)).toEqual([acknowledgeSteps[0]!.id]);

    const summary = (await read<Items<BreachRow>>(env.admin, '/api/v1/sla/breaches/summary?from=2025-10-01&to=2025-10-31')).items;
    expect(summary.find((s) => s.departmentId === department.id)).toEqual({
      departmentId: department.id,
      breaches: 2,
      byClock: { acknowledge: 1, first_reply: 1 },
    });
  });

  it('keeps the breach when the work is finally done, and a reset with a reason restarts a clock', async () => {
    const { c } = await overdueSoon('电机异响');
    at('2025-10-14T17:31:00');
    await sweep();
    at('2025-10-30T09:00:00');
    expect((await env.admin.post(`/api/v1/cases/${c.id}/transitions`, { action: 'acknowledge' })).statusCode).toBe(200);
    const v = await viewCase(c.id);
    expect(clock(v.clocks, 'acknowledge')).toMatchObject({ state: 'breached', stoppedAt: iso('2025-10-30T09:00:00') });

    const noReason = await env.admin.post(`/api/v1/cases/${c.id}/clocks/reset`, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect((noReason.json() as Problem).errors?.[0]?.field).toBe('reason');
    const stopped = await env.admin.post(`/api/v1/cases/${c.id}/clocks/reset`, { reason: '客户变更需求', kinds: ['acknowledge'] });
    expect(stopped.statusCode).toBe(400);
    expect((stopped.json() as Problem).errors).toEqual([expect.objectContaining({ field: 'kinds', message: 'not running: acknowledge' })]);

    const reset = await env.admin.post(`/api/v1/cases/${c.id}/clocks/reset`, { reason: '客户变更需求，重新计时', kinds: ['resolve'] });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(clock((reset.json() as Items<ClockView>).items, 'resolve')).toMatchObject({
      state: 'running',
      startedAt: iso('2025-10-30T09:00:00'),
      breachedAt: null,
    });
    expect((await viewCase(c.id)).slaBreached).toBe(true);
    const resets = (await eventsOf(c.id)).filter((e) => e.kind === 'clocks_reset');
    expect(resets.map((e) => e.body)).toEqual(['客户变更需求，重新计时']);
  });
});

describe('policy changes', () => {
  it('recomputes open clocks in the sweep after a policy changes', async () => {
    const productLine = unique('液压件');
    const product = await buildProduct(env.admin, { productLine });
    const calendar = await defaultCalendar();
    const policy = await buildSlaPolicy(env.admin, {
      conditions: { productLines: [productLine] },
      calendarId: calendar.id,
      targets: { resolve: { amount: 13, unit: 'calendar_days' } },
    });
    const others = (await read<Items<SlaPolicyView>>(env.admin, '/api/v1/sla/policies')).items.filter((p) => p.id !== policy.id);
    expect((await env.admin.post('/api/v1/sla/policies/reorder', { ids: [policy.id, ...others.map((p) => p.id)] })).statusCode).toBe(200);
    at('2025-11-03T09:00:00');
    const c = await buildCase(env.admin, { productId: product.id });
    expect(clock(c.clocks, 'resolve')).toMatchObject({ policyName: policy.name, dueAt: iso('2025-11-16T09:00:00') });

    const current = (await read<Items<SlaPolicyView>>(env.admin, '/api/v1/sla/policies')).items.find((p) => p.id === policy.id)!;
    const res = await env.admin.patch(`/api/v1/sla/policies/${policy.id}`, {
      version: current.version,
      targets: { resolve: { amount: 5, unit: 'working_days' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await env.database.db
      .select()
      .from(caseClocks)
      .where(and(eq(caseClocks.caseId, c.id), eq(caseClocks.kind, 'resolve')));
    expect(row?.stale).toBe(true);
    // A policy change marks every running clock stale; the sweep recomputes each such case once.
    const [stale] = rowsOf<{ n: number }>(
      await env.database.db.execute(sql`SELECT count(DISTINCT case_id)::int AS n FROM case_clocks WHERE stale`),
    );
    expect((await sweep()).recomputed).toBe(Number(stale?.n));
    expect(clock((await viewCase(c.id)).clocks, 'resolve')?.dueAt).toBe(iso('2025-11-10T17:30:00'));
    expect((await env.admin.delete(`/api/v1/sla/policies/${policy.id}`)).statusCode).toBe(204);
  });

  it('rejects bad policies and calendars with the field named', async () => {
    const cal = await defaultCalendar();
    const fieldOf = (res: { json: () => unknown }) => (res.json() as Problem).errors?.[0]?.field;
    const noTargets = await env.admin.post('/api/v1/sla/policies', { name: 'x', calendarId: cal.id, targets: {} });
    expect(noTargets.statusCode).toBe(400);
    expect(fieldOf(noTargets)).toBe('targets');
    const halfDay = await env.admin.post('/api/v1/sla/policies', {
      name: 'x',
      calendarId: cal.id,
      targets: { resolve: { amount: 1.5, unit: 'working_days' } },
    });
    expect(halfDay.statusCode).toBe(400);
    expect(fieldOf(halfDay)).toBe('targets.resolve.amount');
    const badZone = await env.admin.post('/api/v1/calendars', {
      name: '海外',
      timeZone: 'Mars/Olympus',
      week: cal.week,
      makeUpWindows: cal.makeUpWindows,
    });
    expect(badZone.statusCode).toBe(400);
    expect(fieldOf(badZone)).toBe('timeZone');
    const noHours = await env.admin.post('/api/v1/calendars', {
      name: '空',
      timeZone: 'Europe/Berlin',
      week: [[], [], [], [], [], [], []],
      makeUpWindows: [],
    });
    expect(noHours.statusCode).toBe(400);
    const overlap = await env.admin.post('/api/v1/calendars', {
      name: '重叠',
      timeZone: 'Europe/Berlin',
      week: [
        [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
        [],
        [],
        [],
        [],
        [],
        [],
      ],
      makeUpWindows: [{ start: '09:00', end: '17:00' }],
    });
    expect(overlap.statusCode).toBe(400);
    expect(fieldOf(overlap)).toMatch(/^week\.0/);
    const agent = await person(['agent']);
    const forbidden = await agent.post('/api/v1/sla/policies', {
      name: 'x',
      calendarId: cal.id,
      targets: { resolve: { amount: 1, unit: 'working_days' } },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'forbidden', permission: 'sla:manage' });
  });
});

describe('a token that may manage deadlines but not read cases', () => {
  it('gets the answer of its change (the answer is not checked against cases:read after the commit)', async () => {
    const issued = await env.admin.post('/api/v1/api-tokens', { name: 'SLA 维护', scopes: ['sla:manage'] });
    expect(issued.statusCode, issued.body).toBe(201);
    const token = new Client(env.app, { bearer: issued.json().token });
    const policies = (await env.admin.get('/api/v1/sla/policies')).json().items as { id: string }[];
    const reordered = await token.post('/api/v1/sla/policies/reorder', { ids: policies.map((p) => p.id) });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect((reordered.json().items as { id: string }[]).map((p) => p.id)).toEqual(policies.map((p) => p.id));
    // Reading stays refused: the token has no cases:read.
    expect((await token.get('/api/v1/sla/policies')).statusCode).toBe(403);
  });
});

describe('calendar editing and import', () => {
  it('imports iCalendar, edits single days, and deadlines follow', async () => {
    const workday = [{ start: '09:00', end: '17:00' }];
    const created = await env.admin.post('/api/v1/calendars', {
      name: unique('汉堡办事处 Hamburg office'),
      timeZone: 'Europe/Berlin',
      week: [workday, workday, workday, workday, workday, [], []],
      makeUpWindows: workday,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as CalendarView).id;
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20251224',
      'DTEND;VALUE=DATE:20251227',
      'SUMMARY:Weihnachten',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const imported = await env.admin.post(`/api/v1/calendars/${id}/import`, { format: 'icalendar', content: ics });
    expect(imported.json()).toEqual({ imported: 3, years: [2025] });
    const bad = await env.admin.post(`/api/v1/calendars/${id}/import`, {
      format: 'holiday_cn_json',
      content: '{"year": 2027, "days": [{"date": "2027-13-01"}]}',
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as Problem).errors?.length).toBeGreaterThan(0);
    // Saturday 27 Dec worked (a make-up day); Monday 29 Dec off.
    const inventory = await env.admin.request('PUT', `/api/v1/calendars/${id}/days/2025-12-27`, { kind: 'working', name: 'Inventur' });
    expect(inventory.statusCode, inventory.body).toBe(200);
    expect(inventory.json() as CalendarDayView).toEqual({ date: '2025-12-27', kind: 'working', name: 'Inventur', source: 'manual' });
    expect(
      (await env.admin.request('PUT', `/api/v1/calendars/${id}/days/2025-12-29`, { kind: 'off', name: 'Brückentag' })).statusCode,
    ).toBe(200);
    const days = (await read<Items<CalendarDayView>>(env.admin, `/api/v1/calendars/${id}/days?from=2025-12-01&to=2025-12-31`)).items;
    expect(days.map((d) => `${d.date}:${d.kind}:${d.source}`)).toEqual([
      '2025-12-24:off:import',
      '2025-12-25:off:import',
      '2025-12-26:off:import',
      '2025-12-27:working:manual',
      '2025-12-29:off:manual',
    ]);
    // 2 working days after Tue 23 Dec: Sat 27 (make-up), Tue 30 → end of Tue 30 Dec 17:00 Berlin.
    const preview = `/api/v1/calendars/${id}/preview?from=${encodeURIComponent('2025-12-23T10:00:00+01:00')}&amount=2&unit=working_days`;
    expect(await read<DeadlinePreview>(env.admin, preview)).toEqual({ dueAt: '2025-12-30T16:00:00.000Z' });
    expect((await env.admin.delete(`/api/v1/calendars/${id}/days/2025-12-29`)).statusCode).toBe(204);
    expect(await read<DeadlinePreview>(env.admin, preview)).toEqual({ dueAt: '2025-12-29T16:00:00.000Z' });
    const def = await defaultCalendar();
    expect((await env.admin.delete(`/api/v1/calendars/${def.id}`)).statusCode).toBe(422);
    expect((await env.admin.delete(`/api/v1/calendars/${id}`)).statusCode).toBe(204);
  });
});

describe('assignment rules', () => {
  it('routes new cases round-robin, skips people who are away, and keeps the first responder watching', async () => {
    const service = (await read<Items<DepartmentView>>(env.admin, '/api/v1/departments')).items.find((d) => d.code === 'service')!;
    const a = await person(['agent'], { department: 'service', displayName: '售后甲' });
    const b = await person(['agent'], { department: 'service', displayName: '售后乙' });
    const customer = await localCustomer();
    await buildAssignmentRule(env.admin, {
      name: '服务请求 → 售后',
      conditions: { types: ['service_request'], customerIds: [customer.id] },
      strategy: 'round_robin',
      userIds: [a.userId, b.userId],
    });
    at('2025-11-03T09:00:00');
    const repair = (title: string) =>
      buildCase(env.admin, { type: 'service_request', serviceKind: 'repair', customerId: customer.id, title });
    const owners: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) owners.push((await repair(`维修 ${i}`)).owner?.id);
    expect(owners).toEqual([a.userId, b.userId, a.userId]);
    const away = await b.request('PUT', '/api/v1/me/away', { away: true });
    expect((away.json() as UserView).away).toBe(true);
    const c = await viewCase((await repair('维修 away')).id);
    expect(c.owner?.id).toBe(a.userId);
    expect(c.departmentId).toBe(service.id);
    expect(c.watchers).toEqual([expect.objectContaining({ userId: adminId, reason: 'first_responder' })]);
    const bell = await read<NotificationPage>(a, '/api/v1/me/notifications?pageSize=100');
    expect(bell.items.filter((n) => n.kind === 'case_assigned')).toHaveLength(3);
    // A complaint matches no rule and stays unassigned; naming an owner at intake skips the rules.
    expect((await buildCase(env.admin, { customerId: customer.id, title: '不匹配' })).owner).toBeNull();
    const named = await buildCase(env.admin, {
      type: 'service_request',
      serviceKind: 'repair',
      customerId: customer.id,
      ownerId: b.userId,
    });
    expect(named.owner?.id).toBe(b.userId);
  });

  it('fewest open cases picks the least loaded person', async () => {
    const x = await person(['agent'], { displayName: '甲' });
    const y = await person(['agent'], { displayName: '乙' });
    const customer = await localCustomer();
    at('2025-11-03T09:00:00');
    await buildCase(env.admin, { ownerId: x.userId, title: '已有案件' });
    const rules = (await read<Items<AssignmentRuleView>>(env.admin, '/api/v1/assignment-rules')).items;
    const rule = await buildAssignmentRule(env.admin, {
      name: '建议',
      conditions: { types: ['suggestion'], customerIds: [customer.id] },
      strategy: 'fewest_open',
      userIds: [x.userId, y.userId],
    });
    const reordered = await env.admin.post('/api/v1/assignment-rules/reorder', { ids: [rule.id, ...rules.map((r) => r.id)] });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect((reordered.json() as Items<AssignmentRuleView>).items[0]).toMatchObject({ id: rule.id, position: 1 });
    const c = await buildCase(env.admin, { type: 'suggestion', customerId: customer.id, title: '建议增加说明书' });
    expect(c.owner?.id).toBe(y.userId);
    const bad = await env.admin.post('/api/v1/assignment-rules', { name: '空', strategy: 'fixed' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as Problem).errors?.[0]?.field).toBe('departmentId');
  });
});
