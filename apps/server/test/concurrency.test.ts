import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlaSweep } from '../src/features/sla/sweep.ts';
import { sqlStateOf } from '../src/lib/sql.ts';
import { transaction } from '../src/lib/transaction.ts';
import { createTestEnv, type TestEnv } from '../src/testing/index.ts';

/**
 * Deadlocks under load: locks taken in one order, and a deadlock victim's use case run again.
 * Needs DATABASE_URL: PGlite runs one statement at a time and cannot deadlock.
 */
const url = process.env.DATABASE_URL;

describe.skipIf(!url)('transactions under contention (PostgreSQL)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env?.close());

  it('runs a deadlock victim again and both transactions succeed', async () => {
    const db = env.database.db;
    await db.execute(sql`CREATE TABLE deadlock_probe (id int PRIMARY KEY, v int NOT NULL)`);
    await db.execute(sql`INSERT INTO deadlock_probe VALUES (1, 0), (2, 0)`);
    // Each transaction locks one row, waits until the other holds its row, then wants the other's.
    let arrived = 0;
    let bothArrived: () => void = () => {};
    const barrier = new Promise<void>((r) => {
      bothArrived = r;
    });
    const meet = async () => {
      arrived++;
      if (arrived === 2) bothArrived();
      await barrier;
    };
    const attempts = { a: 0, b: 0 };
    const retried: string[] = [];
    const lockBoth = (name: 'a' | 'b', first: number, second: number) =>
      transaction(
        env.database,
        async (tx) => {
          attempts[name]++;
          await tx.execute(sql`UPDATE deadlock_probe SET v = v + 1 WHERE id = ${first}`);
          if (attempts[name] === 1) await meet();
          await tx.execute(sql`UPDATE deadlock_probe SET v = v + 1 WHERE id = ${second}`);
          return name;
        },
        { onRetry: (_attempt, e) => retried.push(`${name}:${sqlStateOf(e)}`) },
      );
    const results = await Promise.all([lockBoth('a', 1, 2), lockBoth('b', 2, 1)]);
    expect(results).toEqual(['a', 'b']);
    // PostgreSQL aborted exactly one of them as the deadlock victim; it ran once more.
    expect(retried).toHaveLength(1);
    expect(retried[0]).toMatch(/^[ab]:40P01$/);
    expect(attempts.a + attempts.b).toBe(3);
    // Each committed once: no attempt's effect was applied twice or lost.
    const rows = (await db.execute(sql`SELECT id, v FROM deadlock_probe ORDER BY id`)) as unknown as { rows: { v: number }[] };
    expect(rows.rows.map((r) => r.v)).toEqual([2, 2]);
  }, 30_000);

  it('edits and the deadline sweep on the same cases never answer 500', async () => {
    const customer = (await env.admin.post('/api/v1/customers', { kind: 'company', name: '并发客户', country: 'CN', tier: 'B' })).json();
    // Received three weeks ago: every clock is overdue and the ladder has steps to climb.
    const receivedAt = new Date(Date.now() - 21 * 86_400_000).toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await env.admin.post('/api/v1/cases', {
        type: 'complaint',
        title: `并发 ${i}`,
        channel: 'phone',
        customerId: customer.id,
        receivedAt,
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const sweep = () => runSlaSweep({ db: env.database.db, config: env.config, now: () => new Date() });
    const statuses: number[] = [];
    const failures: string[] = [];
    for (let round = 0; round < 6; round++) {
      // Everything due again, so each sweep locks every case the edits are changing.
      await env.database.db.execute(sql`UPDATE case_clocks SET next_check_at = now() - interval '1 second'`);
      const versions = await Promise.all(ids.map(async (id) => (await env.admin.get(`/api/v1/cases/${id}`)).json().version as number));
      await Promise.all([
        sweep().catch((e: unknown) => failures.push(`sweep: ${sqlStateOf(e)} ${(e as Error).message.split('\n')[0]}`)),
        sweep().catch((e: unknown) => failures.push(`sweep: ${sqlStateOf(e)} ${(e as Error).message.split('\n')[0]}`)),
        ...ids.map(async (id, i) => {
          const res = await env.admin.patch(`/api/v1/cases/${id}`, { version: versions[i], title: `并发 ${i} 第 ${round} 轮` });
          statuses.push(res.statusCode);
          if (res.statusCode >= 500) failures.push(`PATCH ${res.statusCode} ${res.body}`);
        }),
        ...ids.map(async (id) => {
          const res = await env.admin.post(`/api/v1/cases/${id}/comments`, { body: `回复客户 ${round}`, visibility: 'customer' });
          statuses.push(res.statusCode);
          if (res.statusCode >= 500) failures.push(`comment ${res.statusCode} ${res.body}`);
        }),
      ]);
    }
    expect(failures).toEqual([]);
    // A stale version may answer 409; nothing else.
    expect(statuses.every((s) => s === 200 || s === 201 || s === 409)).toBe(true);
  }, 120_000);
});
