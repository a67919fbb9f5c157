import { CASE_NUMBER_PATTERN, CASE_STATUSES, CASE_TYPES, casePeriod } from '@closeloop/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DemoDataPresentError, type DemoSummary, loadDemoData } from '../src/cli/demo-data.ts';
import { rowsOf } from '../src/lib/sql.ts';
import { createTestEnv, type TestEnv } from '../src/testing/index.ts';

let env: TestEnv;
let summary: DemoSummary;
const NOW = new Date('2026-11-20T10:00:00+08:00');
const YEAR_AGO = new Date(NOW.getTime() - 366 * 86_400_000);

const query = async <T>(text: string) => rowsOf<T>(await env.database.db.execute(sql.raw(text)));

beforeAll(async () => {
  env = await createTestEnv();
  summary = await loadDemoData({ db: env.database.db, config: env.config }, { cases: 100, now: NOW });
}, 240_000);
afterAll(async () => env?.close());

describe('demo data', () => {
  it('has cases of every type in every status, as the summary says', async () => {
    const rows = await query<{ status: string; type: string; n: number }>(
      'SELECT status, type, count(*)::int AS n FROM cases GROUP BY status, type',
    );
    const statuses = new Set(rows.map((r) => r.status));
    const types = new Set(rows.map((r) => r.type));
    for (const s of CASE_STATUSES) expect(statuses, s).toContain(s);
    for (const t of CASE_TYPES) expect(types, t).toContain(t);
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBe(summary.cases);
    expect(total).toBeGreaterThanOrEqual(100);
    for (const s of CASE_STATUSES) expect(summary.byStatus[s], s).toBe(rows.filter((r) => r.status === s).reduce((sum, r) => sum + r.n, 0));
    expect(summary).toMatchObject({ customers: 40, products: 16, units: 120 });
  });

  it('numbers cases YYMM-NNNN by month of registration, serials 1..n without gaps, in time order', async () => {
    const rows = await query<{ number: string; created_at: string | Date }>(
      'SELECT number, created_at FROM cases ORDER BY created_at, number',
    );
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    const byMonth = new Map<string, number[]>();
    for (const r of rows) {
      expect(r.number).toMatch(CASE_NUMBER_PATTERN);
      expect(r.number).toMatch(/^\d{4}-\d{4}$/);
      const [period, serial] = r.number.split('-') as [string, string];
      expect(period).toBe(casePeriod(new Date(r.created_at), env.config.timeZone));
      byMonth.set(period, [...(byMonth.get(period) ?? []), Number(serial)]);
    }
    expect(byMonth.size).toBeGreaterThanOrEqual(12);
    for (const [period, serials] of byMonth) {
      // Registered in time order, so the serials come out ascending and complete.
      expect(serials, period).toEqual(serials.map((_, i) => i + 1));
    }
  });

  it('closes complaints and returns only with a responsibility decision and a confirmation or reason', async () => {
    const rows = await query<{ n: number; bad: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE responsibility_party IS NULL OR (customer_confirmed IS NOT TRUE AND coalesce(close_reason, '') = ''))::int AS bad
         FROM cases WHERE status = 'closed' AND type IN ('complaint', 'return')`,
    );
    expect(rows[0]?.n).toBeGreaterThan(20);
    expect(rows[0]?.bad).toBe(0);
    const rejected = await query<{ n: number }>(
      "SELECT count(*)::int AS n FROM cases WHERE status = 'rejected' AND coalesce(rejection_explanation, '') = ''",
    );
    expect(rejected[0]?.n).toBe(0);
  });

  it('keeps every record inside the twelve months, each timeline in order', async () => {
    const bounds = await query<{ first: string | Date; last: string | Date; disordered: number }>(
      `SELECT min(e.at) AS first, max(e.at) AS last,
              count(*) FILTER (WHERE e.at < c.received_at)::int AS disordered
         FROM case_events e JOIN cases c ON c.id = e.case_id`,
    );
    expect(new Date(bounds[0]?.first ?? 0).getTime()).toBeGreaterThanOrEqual(YEAR_AGO.getTime());
    expect(new Date(bounds[0]?.last ?? 0).getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(bounds[0]?.disordered).toBe(0);
  });

  it('shows the history of a closed complaint on its timeline', async () => {
    const [closed] = await query<{ id: string; number: string }>(
      "SELECT id, number FROM cases WHERE status = 'closed' AND type = 'complaint' ORDER BY number LIMIT 1",
    );
    const res = await env.admin.get(`/api/v1/cases/${closed?.number}/events`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      kind: string;
      at: string;
      actor: { displayName: string } | null;
      data: { action?: string } | null;
      visibility: string | null;
    }[];
    expect(items[0]?.kind).toBe('created');
    const actions = items.filter((e) => e.kind === 'transition').map((e) => e.data?.action);
    expect(actions[0]).toBe('acknowledge');
    expect(actions.at(-1)).toBe('close');
    expect(actions).toContain('investigate');
    expect(items.some((e) => e.kind === 'commented' && e.visibility === 'customer')).toBe(true);
    expect(new Set(items.map((e) => e.actor?.displayName)).size).toBeGreaterThan(1);
    const times = items.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('reopens a closed complaint as a new linked case', async () => {
    const rows = await query<{ n: number }>("SELECT count(*)::int AS n FROM case_links WHERE kind = 'reopened_from'");
    expect(rows[0]?.n).toBeGreaterThanOrEqual(1);
  });

  it('finds cases by a Chinese word of their titles', async () => {
    const [titled] = await query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE title LIKE '%漏油%'");
    expect(titled?.n).toBeGreaterThan(0);
    const res = await env.admin.get(`/api/v1/cases?q=${encodeURIComponent('漏油')}&pageSize=100`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBeGreaterThanOrEqual(titled?.n ?? 1);
    expect((res.json().items as { title: string }[]).some((c) => c.title.includes('漏油'))).toBe(true);
  });

  it('lets the demo staff sign in with the printed password', async () => {
    const agent = await env.login('zhangmin', DEMO_PASSWORD);
    const me = (await agent.get('/api/v1/auth/me')).json().user;
    expect(me).toMatchObject({ displayName: '张敏', roles: ['agent'] });
    expect(summary.users.map((u) => u.login)).toEqual(expect.arrayContaining(['zhangmin', 'ligong', 'wangjingli', 'zhaozong']));
  });

  it('refuses to load a second time unless forced', async () => {
    await expect(loadDemoData({ db: env.database.db, config: env.config }, { cases: 5, now: NOW })).rejects.toBeInstanceOf(
      DemoDataPresentError,
    );
  });
});
