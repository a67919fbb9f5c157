import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseClocks, notifications, outbox, slaBreaches } from '../src/db/schema.ts';
import { runSlaSweep } from '../src/features/sla/sweep.ts';
import { type Client, createTestEnv, type TestEnv } from '../src/testing/index.ts';

/**
 * Deadlines end to end with a pinned clock (no sleeping): the shipped Chinese calendar, the
 * default policies from PROCEDURE.md §4, pauses, the sweep's warning → breach → escalation
 * ladder, attribution to the department, resets, policy changes and the queues.
 */
let env: TestEnv;
let agent: Client & { userId: string };
let head: Client & { userId: string };
let gm: Client & { userId: string };
let qualityId: string;
let localCustomer: string;
let foreignCustomer: string;

/** Shanghai wall time. */
const sh = (s: string) => new Date(`${s}+08:00`);
const at = (s: string) => {
  env.clock.now = sh(s);
  return env.clock.now;
};
const sweep = () => runSlaSweep({ db: env.database.db, config: env.config, now: () => env.clock.now ?? new Date() });

async function departmentId(code: string) {
  const deps = (await env.admin.get('/api/v1/departments')).json().items as { id: string; code: string; version: number }[];
  return deps.find((d) => d.code === code)!;
}

beforeAll(async () => {
  env = await createTestEnv();
  // People sign in at real time; the clock is pinned to 2025 afterwards (sessions stay valid).
  agent = await env.userWith(['agent'], { department: 'quality', displayName: '张工' });
  head = await env.userWith(['manager'], { department: 'quality', displayName: '王经理' });
  gm = await env.userWith(['manager'], { department: 'gm_office', displayName: '总经理' });
  const quality = await departmentId('quality');
  qualityId = quality.id;
  expect(
    (await env.admin.patch(`/api/v1/departments/${quality.id}`, { version: quality.version, headUserId: head.userId })).statusCode,
  ).toBe(200);
  const gmOffice = await departmentId('gm_office');
  expect(
    (await env.admin.patch(`/api/v1/departments/${gmOffice.id}`, { version: gmOffice.version, headUserId: gm.userId })).statusCode,
  ).toBe(200);
  expect(
    (await env.admin.request('PUT', '/api/v1/settings/company', { companyName: '浙江精工机械', province: '浙江省', autoAcknowledge: true }))
      .statusCode,
  ).toBe(200);
  localCustomer = (
    await env.admin.post('/api/v1/customers', { kind: 'company', name: '宁波客户', country: 'CN', province: '浙江', tier: 'B' })
  ).json().id;
  foreignCustomer = (await env.admin.post('/api/v1/customers', { kind: 'company', name: 'Hamburg GmbH', country: 'DE', tier: 'B' })).json()
    .id;
});
afterAll(() => env.close());

async function openCase(body: Record<string, unknown>) {
  const res = await env.admin.post('/api/v1/cases', { type: 'complaint', title: '轴封漏油', channel: 'phone', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    number: string;
    version: number;
    clocks: { kind: string; state: string; dueAt: string | null; warnAt: string | null; pausedMs: number }[];
    slaDueAt: string | null;
    watchers: { userId: string; reason: string }[];
  };
}
const clock = (c: { clocks: { kind: string }[] }, kind: string) =>
  c.clocks.find((k) => k.kind === kind) as
    | {
        kind: string;
        state: string;
        dueAt: string | null;
        warnAt: string | null;
        pausedMs: number;
        breachedAt: string | null;
        stoppedAt: string | null;
        pausedSince: string | null;
        escalationLevel: number;
      }
    | undefined;
const view = async (id: string) => (await env.admin.get(`/api/v1/cases/${id}`)).json();

describe('first start', () => {
  it('ships the China calendar with 2025 and 2026 holidays and the default policies', async () => {
    const calendars = (await env.admin.get('/api/v1/calendars')).json().items;
    expect(calendars).toHaveLength(1);
    expect(calendars[0]).toMatchObject({ timeZone: 'Asia/Shanghai', isDefault: true });
    expect(calendars[0].years.map((y: { year: number }) => y.year)).toEqual([2025, 2026]);
    expect(calendars[0].years[0].working).toBeGreaterThan(0);
    const policies = (await env.admin.get('/api/v1/sla/policies')).json().items;
    expect(policies.map((p: { name: string }) => p.name)).toEqual([
      '紧急或致命 Urgent or critical',
      '国外客户 Foreign customers',
      '本省及邻省 Same or neighbouring province',
      '其他 All other cases',
    ]);
  });

  it('previews deadlines on working days across the National Day holiday', async () => {
    const [cal] = (await env.admin.get('/api/v1/calendars')).json().items;
    const res = await env.admin.get(
      `/api/v1/calendars/${cal.id}/preview?from=${encodeURIComponent('2025-09-30T10:00:00+08:00')}&amount=3&unit=working_days`,
    );
    expect(res.json().dueAt).toBe(sh('2025-10-11T17:30:00').toISOString());
  });
});

describe('clocks on a case', () => {
  it('sets due times from the matching policy, on the calendar, and shows them on the case', async () => {
    at('2025-09-30T10:00:00');
    const c = await openCase({ customerId: localCustomer, contactEmail: 'buyer@example.cn', contactName: '李先生' });
    // One working day after Tuesday 30 Sep: the holiday runs 1–8 Oct, so the end of Thursday 9 Oct.
    expect(clock(c, 'acknowledge')?.dueAt).toBe(sh('2025-10-09T17:30:00').toISOString());
    expect(clock(c, 'resolve')?.dueAt).toBe(sh('2025-10-13T10:00:00').toISOString());
    expect(clock(c, 'on_site')).toBeUndefined();
    expect(c.slaDueAt).toBe(sh('2025-10-09T17:30:00').toISOString());
    // The first responder watches the case; the customer got an acknowledgement in Chinese.
    expect(c.watchers).toEqual([expect.objectContaining({ reason: 'first_responder' })]);
    const mail = await env.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `ack:${c.id}`));
    expect(mail).toHaveLength(1);
    expect((mail[0]!.payload as { subject: string }).subject).toContain(c.number);
    expect((mail[0]!.payload as { to: string }).to).toBe('buyer@example.cn');
  });

  it('uses the foreign policy for customers abroad and the on-site clock when a visit is needed', async () => {
    at('2025-09-30T10:00:00');
    const c = await openCase({ customerId: foreignCustomer, visitRequired: true });
    expect(clock(c, 'resolve')?.dueAt).toBe(sh('2025-10-17T10:00:00').toISOString());
    expect(clock(c, 'on_site')?.dueAt).toBe(sh('2025-10-03T10:00:00').toISOString());
    at('2025-10-02T09:00:00');
    const arrived = await env.admin.post(`/api/v1/cases/${c.id}/site-arrival`, {});
    expect(arrived.statusCode, arrived.body).toBe(200);
    expect(arrived.json().items.find((k: { kind: string }) => k.kind === 'on_site')).toMatchObject({ state: 'met' });
    const again = await env.admin.post(`/api/v1/cases/${c.id}/site-arrival`, {});
    expect(again.statusCode).toBe(422);
  });

  it('starts the on-site clock when a visit becomes necessary, and stops it again when it no longer is', async () => {
    at('2025-10-09T09:00:00');
    const c = await openCase({ customerId: localCustomer });
    expect(clock(c, 'on_site')).toBeUndefined();
    at('2025-10-09T10:00:00');
    const needed = await env.admin.patch(`/api/v1/cases/${c.id}`, { version: c.version, visitRequired: true });
    expect(needed.statusCode, needed.body).toBe(200);
    expect(needed.json().visitRequired).toBe(true);
    expect(clock(needed.json(), 'on_site')).toMatchObject({ state: 'running', dueAt: sh('2025-10-11T10:00:00').toISOString() });
    const events = (await env.admin.get(`/api/v1/cases/${c.id}/events`)).json().items as { kind: string; changes: { field: string }[] }[];
    expect(events.some((e) => e.changes.some((ch) => ch.field === 'visitRequired'))).toBe(true);
    const notNeeded = await env.admin.patch(`/api/v1/cases/${c.id}`, { version: needed.json().version, visitRequired: false });
    expect(clock(notNeeded.json(), 'on_site')).toBeUndefined();
  });

  it('urgent cases follow the urgent policy, and a grade change recomputes', async () => {
    at('2025-10-09T09:00:00');
    const c = await openCase({ customerId: localCustomer });
    expect(clock(c, 'acknowledge')?.dueAt).toBe(sh('2025-10-10T17:30:00').toISOString());
    const res = await env.admin.patch(`/api/v1/cases/${c.id}`, { version: c.version, grade: 'urgent' });
    expect(res.statusCode, res.body).toBe(200);
    // Two working hours from Thursday 09:00.
    expect(clock(res.json(), 'acknowledge')?.dueAt).toBe(sh('2025-10-09T11:00:00').toISOString());
  });

  it('stops the acknowledgement clock on acknowledge and the first-reply clock on a customer-visible reply', async () => {
    at('2025-10-09T09:00:00');
    const c = await openCase({ customerId: localCustomer });
    at('2025-10-09T10:00:00');
    await env.admin.post(`/api/v1/cases/${c.id}/transitions`, { action: 'acknowledge' });
    await env.admin.post(`/api/v1/cases/${c.id}/comments`, { body: '内部记录', visibility: 'internal' });
    let v = await view(c.id);
    expect(clock(v, 'acknowledge')?.state).toBe('met');
    expect(clock(v, 'first_reply')?.state).toBe('running');
    await env.admin.post(`/api/v1/cases/${c.id}/comments`, { body: '您好，我们已安排工程师分析。', visibility: 'customer' });
    v = await view(c.id);
    expect(clock(v, 'first_reply')).toMatchObject({ state: 'met', stoppedAt: sh('2025-10-09T10:00:00').toISOString() });
  });

  it('pauses while on hold, shows the paused time, and moves the due time by it', async () => {
    at('2025-10-09T09:00:00');
    const c = await openCase({ customerId: localCustomer });
    await env.admin.post(`/api/v1/cases/${c.id}/transitions`, { action: 'acknowledge' });
    at('2025-10-10T09:00:00');
    const held = await env.admin.post(`/api/v1/cases/${c.id}/transitions`, { action: 'hold', reason: '等待客户寄回样品' });
    expect(held.statusCode, held.body).toBe(200);
    at('2025-10-12T09:00:00');
    let v = await view(c.id);
    expect(clock(v, 'resolve')).toMatchObject({ state: 'paused', pausedSince: sh('2025-10-10T09:00:00').toISOString(), dueAt: null });
    expect(clock(v, 'resolve')?.pausedMs).toBe(2 * 86_400_000);
    await env.admin.post(`/api/v1/cases/${c.id}/transitions`, { action: 'resume' });
    v = await view(c.id);
    // 13 days from 9 Oct 09:00 is 22 Oct; two paused days move it to 24 Oct.
    expect(clock(v, 'resolve')).toMatchObject({ state: 'running', dueAt: sh('2025-10-24T09:00:00').toISOString() });
  });
});

describe('the sweep: warning, breach, escalation ladder', () => {
  let c: Awaited<ReturnType<typeof openCase>>;

  beforeAll(async () => {
    at('2025-10-13T09:00:00'); // Monday
    c = await openCase({ customerId: localCustomer, ownerId: agent.userId, departmentId: qualityId, title: '电机异响' });
  });

  it('warns the owner at 75 % of the allowance, once', async () => {
    // Acknowledge: end of Tue 14 Oct 17:30, an allowance of 7 h (Mon) + 7.5 h (Tue) = 870 working
    // minutes; 75 % = 652.5 min → Tue 13:52:30 (after the lunch break).
    const k = clock(c, 'acknowledge');
    expect(k?.dueAt).toBe(sh('2025-10-14T17:30:00').toISOString());
    expect(k?.warnAt).toBe(sh('2025-10-14T13:52:30').toISOString());
    at('2025-10-14T14:00:00');
    const first = await sweep();
    expect(first.warnings).toBeGreaterThanOrEqual(1);
    expect((await sweep()).warnings).toBe(0);
    const bell = (await agent.get('/api/v1/me/notifications')).json();
    expect(
      bell.items.filter((n: { kind: string; caseId: string }) => n.kind === 'sla_warning' && n.caseId === c.id).length,
    ).toBeGreaterThanOrEqual(1);
    const queue = (await env.admin.get('/api/v1/cases?sla=due_soon')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(c.id);
  });

  it('records the breach against the department holding the case and climbs the ladder on working days', async () => {
    at('2025-10-14T17:31:00');
    const r = await sweep();
    expect(r.breaches).toBeGreaterThanOrEqual(1);
    const breaches = await env.database.db
      .select()
      .from(slaBreaches)
      .where(and(eq(slaBreaches.caseId, c.id), eq(slaBreaches.clock, 'acknowledge')));
    expect(breaches).toHaveLength(1);
    expect(breaches[0]!.departmentId).toBe(qualityId);
    let v = await view(c.id);
    expect(clock(v, 'acknowledge')).toMatchObject({ state: 'breached', escalationLevel: 1 });
    expect(v.slaBreached).toBe(true);
    // Step 1 (+0): owner, watchers and the department head hear of it.
    const headBell = (await head.get('/api/v1/me/notifications')).json();
    expect(headBell.items.some((n: { kind: string; caseId: string }) => n.kind === 'sla_breached' && n.caseId === c.id)).toBe(true);
    expect((await env.admin.get('/api/v1/cases?sla=overdue')).json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    const queues = (await env.admin.get('/api/v1/workspace/queues')).json();
    expect(queues.overdue).toBeGreaterThanOrEqual(1);

    // Step 2 (+1 working day = end of Wed 15 Oct): priority up, GM office told. Not before.
    at('2025-10-15T17:00:00');
    await sweep();
    expect(clock(await view(c.id), 'acknowledge')?.escalationLevel).toBe(1);
    at('2025-10-15T17:31:00');
    await sweep();
    v = await view(c.id);
    expect(clock(v, 'acknowledge')?.escalationLevel).toBe(2);
    expect(v.priority).toBe('P2');
    const gmBell = (await gm.get('/api/v1/me/notifications')).json();
    expect(gmBell.items.some((n: { kind: string; caseId: string }) => n.kind === 'sla_escalated' && n.caseId === c.id)).toBe(true);

    // Step 3 (+3 working days = end of Fri 17 Oct): reassigned to the department head; the agent keeps watching.
    at('2025-10-17T17:31:00');
    await sweep();
    v = await view(c.id);
    expect(v.owner.id).toBe(head.userId);
    expect(v.watchers.map((w: { userId: string }) => w.userId)).toContain(agent.userId);
    const events = (await env.admin.get(`/api/v1/cases/${c.id}/events`)).json().items as { kind: string }[];
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['sla_warning', 'sla_breached', 'sla_escalated']));

    // Nothing more happens however often the sweep runs.
    const before = await env.database.db.select().from(notifications).where(eq(notifications.caseId, c.id));
    at('2025-10-30T09:00:00');
    await sweep();
    await sweep();
    const after = await env.database.db.select().from(notifications).where(eq(notifications.caseId, c.id));
    expect(after.filter((n) => (n.params as { clock?: string }).clock === 'acknowledge')).toHaveLength(
      before.filter((n) => (n.params as { clock?: string }).clock === 'acknowledge').length,
    );
  });

  it('lists escalations and counts breaches per department', async () => {
    const list = (await env.admin.get('/api/v1/sla/escalations?open=true&pageSize=200')).json();
    const mine = list.items.filter((e: { caseId: string; clock: string }) => e.caseId === c.id && e.clock === 'acknowledge');
    expect(mine.map((e: { level: number }) => e.level).sort()).toEqual([0, 1, 2, 3]);
    const ack = await head.post(`/api/v1/sla/escalations/${mine[0].id}/acknowledge`, {});
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().acknowledgedAt).not.toBeNull();
    const summary = (await env.admin.get('/api/v1/sla/breaches/summary?from=2025-10-01&to=2025-10-31')).json().items;
    expect(summary.find((s: { departmentId: string }) => s.departmentId === qualityId)?.byClock.acknowledge).toBeGreaterThanOrEqual(1);
  });

  it('keeps the breach when the work is finally done, and a reset with a reason restarts a clock', async () => {
    await env.admin.post(`/api/v1/cases/${c.id}/transitions`, { action: 'acknowledge' });
    const v = await view(c.id);
    expect(clock(v, 'acknowledge')).toMatchObject({ state: 'breached' });
    expect(clock(v, 'acknowledge')?.stoppedAt).not.toBeNull();
    const noReason = await env.admin.post(`/api/v1/cases/${c.id}/clocks/reset`, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const stopped = await env.admin.post(`/api/v1/cases/${c.id}/clocks/reset`, { reason: '客户变更需求', kinds: ['acknowledge'] });
    expect(stopped.statusCode).toBe(400);
    const reset = await env.admin.post(`/api/v1/cases/${c.id}/clocks/reset`, { reason: '客户变更需求，重新计时', kinds: ['resolve'] });
    expect(reset.statusCode, reset.body).toBe(200);
    const resolve = reset.json().items.find((k: { kind: string }) => k.kind === 'resolve');
    expect(resolve.startedAt).toBe(sh('2025-10-30T09:00:00').toISOString());
    expect((await view(c.id)).slaBreached).toBe(true);
    const events = (await env.admin.get(`/api/v1/cases/${c.id}/events`)).json().items as { kind: string; body: string }[];
    expect(events.find((e) => e.kind === 'clocks_reset')?.body).toBe('客户变更需求，重新计时');
  });
});

describe('policy changes', () => {
  it('recomputes open clocks in the sweep after a policy changes', async () => {
    at('2025-11-03T09:00:00');
    const c = await openCase({ customerId: localCustomer });
    expect(clock(c, 'resolve')?.dueAt).toBe(sh('2025-11-16T09:00:00').toISOString());
    const local = (await env.admin.get('/api/v1/sla/policies')).json().items.find((p: { name: string }) => p.name.startsWith('本省'));
    const res = await env.admin.patch(`/api/v1/sla/policies/${local.id}`, {
      version: local.version,
      targets: { ...local.targets, resolve: { amount: 5, unit: 'working_days' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await env.database.db
      .select()
      .from(caseClocks)
      .where(and(eq(caseClocks.caseId, c.id), eq(caseClocks.kind, 'resolve')));
    expect(row?.stale).toBe(true);
    const r = await sweep();
    expect(r.recomputed).toBeGreaterThanOrEqual(1);
    expect(clock(await view(c.id), 'resolve')?.dueAt).toBe(sh('2025-11-10T17:30:00').toISOString());
  });

  it('rejects bad policies and calendars with the field named', async () => {
    const [cal] = (await env.admin.get('/api/v1/calendars')).json().items;
    const noTargets = await env.admin.post('/api/v1/sla/policies', { name: 'x', calendarId: cal.id, targets: {} });
    expect(noTargets.statusCode).toBe(400);
    expect(noTargets.json().errors[0].field).toBe('targets');
    const halfDay = await env.admin.post('/api/v1/sla/policies', {
      name: 'x',
      calendarId: cal.id,
      targets: { resolve: { amount: 1.5, unit: 'working_days' } },
    });
    expect(halfDay.json().errors[0].field).toBe('targets.resolve.amount');
    const badZone = await env.admin.post('/api/v1/calendars', {
      name: '海外',
      timeZone: 'Mars/Olympus',
      week: cal.week,
      makeUpWindows: cal.makeUpWindows,
    });
    expect(badZone.json().errors[0].field).toBe('timeZone');
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
    expect(overlap.json().errors[0].field).toMatch(/^week\.0/);
    const forbidden = await agent.post('/api/v1/sla/policies', {
      name: 'x',
      calendarId: cal.id,
      targets: { resolve: { amount: 1, unit: 'working_days' } },
    });
    expect(forbidden.statusCode).toBe(403);
  });
});

describe('calendar editing and import', () => {
  it('imports iCalendar, edits single days, and deadlines follow', async () => {
    const created = await env.admin.post('/api/v1/calendars', {
      name: '汉堡办事处 Hamburg office',
      timeZone: 'Europe/Berlin',
      week: [
        [{ start: '09:00', end: '17:00' }],
        [{ start: '09:00', end: '17:00' }],
        [{ start: '09:00', end: '17:00' }],
        [{ start: '09:00', end: '17:00' }],
        [{ start: '09:00', end: '17:00' }],
        [],
        [],
      ],
      makeUpWindows: [{ start: '09:00', end: '17:00' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
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
    expect(bad.json().errors.length).toBeGreaterThan(0);
    // Saturday 27 Dec worked (a make-up day); Monday 29 Dec off.
    expect(
      (await env.admin.request('PUT', `/api/v1/calendars/${id}/days/2025-12-27`, { kind: 'working', name: 'Inventur' })).statusCode,
    ).toBe(200);
    expect(
      (await env.admin.request('PUT', `/api/v1/calendars/${id}/days/2025-12-29`, { kind: 'off', name: 'Brückentag' })).statusCode,
    ).toBe(200);
    const days = (await env.admin.get(`/api/v1/calendars/${id}/days?from=2025-12-01&to=2025-12-31`)).json().items;
    expect(days.map((d: { date: string; kind: string }) => `${d.date}:${d.kind}`)).toEqual([
      '2025-12-24:off',
      '2025-12-25:off',
      '2025-12-26:off',
      '2025-12-27:working',
      '2025-12-29:off',
    ]);
    // 2 working days after Tue 23 Dec: Sat 27 (make-up), Tue 30 → end of Tue 30 Dec 17:00 Berlin.
    const preview = (
      await env.admin.get(
        `/api/v1/calendars/${id}/preview?from=${encodeURIComponent('2025-12-23T10:00:00+01:00')}&amount=2&unit=working_days`,
      )
    ).json();
    expect(preview.dueAt).toBe('2025-12-30T16:00:00.000Z');
    expect((await env.admin.delete(`/api/v1/calendars/${id}/days/2025-12-29`)).statusCode).toBe(204);
    const preview2 = (
      await env.admin.get(
        `/api/v1/calendars/${id}/preview?from=${encodeURIComponent('2025-12-23T10:00:00+01:00')}&amount=2&unit=working_days`,
      )
    ).json();
    expect(preview2.dueAt).toBe('2025-12-29T16:00:00.000Z');
    const [def] = (await env.admin.get('/api/v1/calendars')).json().items;
    expect((await env.admin.delete(`/api/v1/calendars/${def.id}`)).statusCode).toBe(422);
    expect((await env.admin.delete(`/api/v1/calendars/${id}`)).statusCode).toBe(204);
  });
});

describe('assignment rules', () => {
  it('routes new cases round-robin, skips people who are away, and keeps the first responder watching', async () => {
    at('2025-11-03T09:00:00');
    const a = await env.userWith(['agent'], { department: 'service', displayName: '售后甲' });
    const b = await env.userWith(['agent'], { department: 'service', displayName: '售后乙' });
    const rule = await env.admin.post('/api/v1/assignment-rules', {
      name: '服务请求 → 售后',
      conditions: { types: ['service_request'] },
      strategy: 'round_robin',
      userIds: [a.userId, b.userId],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const owners: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await openCase({ type: 'service_request', serviceKind: 'repair', title: `维修 ${i}` });
      owners.push((await view(c.id)).owner?.id);
    }
    expect(owners).toEqual([a.userId, b.userId, a.userId]);
    expect((await b.request('PUT', '/api/v1/me/away', { away: true })).json().away).toBe(true);
    const c = await openCase({ type: 'service_request', serviceKind: 'repair', title: '维修 away' });
    const v = await view(c.id);
    expect(v.owner.id).toBe(a.userId);
    expect(v.departmentId).not.toBeNull();
    expect(v.watchers).toEqual([expect.objectContaining({ reason: 'first_responder' })]);
    const bell = (await a.get('/api/v1/me/notifications')).json();
    expect(bell.items.filter((n: { kind: string }) => n.kind === 'case_assigned').length).toBe(3);
    // A complaint matches no rule and stays unassigned; naming an owner at intake skips the rules.
    const complaint = await openCase({ title: '不匹配' });
    expect((await view(complaint.id)).owner).toBeNull();
    const named = await openCase({ type: 'service_request', serviceKind: 'repair', ownerId: b.userId });
    expect((await view(named.id)).owner.id).toBe(b.userId);
  });

  it('fewest open cases picks the least loaded person', async () => {
    const x = await env.userWith(['agent'], { displayName: '甲' });
    const y = await env.userWith(['agent'], { displayName: '乙' });
    await openCase({ ownerId: x.userId, title: '已有案件' });
    const rules = (await env.admin.get('/api/v1/assignment-rules')).json().items;
    const res = await env.admin.post('/api/v1/assignment-rules', {
      name: '建议',
      conditions: { types: ['suggestion'] },
      strategy: 'fewest_open',
      userIds: [x.userId, y.userId],
    });
    expect(res.statusCode).toBe(201);
    await env.admin.post('/api/v1/assignment-rules/reorder', { ids: [res.json().id, ...rules.map((r: { id: string }) => r.id)] });
    const c = await openCase({ type: 'suggestion', title: '建议增加说明书' });
    expect((await view(c.id)).owner.id).toBe(y.userId);
    const bad = await env.admin.post('/api/v1/assignment-rules', { name: '空', strategy: 'fixed' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('departmentId');
  });
});
