import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../src/db/connection.ts';
import * as schema from '../src/db/schema.ts';
import { seedDefaultCalendar } from '../src/features/sla/calendars.ts';
import { seedDefaultPolicies } from '../src/features/sla/policies.ts';
import { rowsOf } from '../src/lib/sql.ts';

/**
 * Hand-written data migrations, run on a database as an earlier release left it: migrate up to the
 * migration before, put in what that release wrote, then migrate the rest.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A copy of the migrations folder holding only the migrations before `tag`. */
function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-migrations-'));
  dirs.push(dir);
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  const entries = journal.entries.slice(0, at);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

async function databaseBefore(tag: string) {
  const client = await PGlite.create({ extensions: { pg_trgm } });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: migrationsBefore(tag) });
  return { client, db, rest: () => migrate(db, { migrationsFolder }) };
}

const URGENT = '紧急或致命 Urgent or critical';
const TAG_0012 = '0012_critical_policy_investigation_review';

describe('0012: the default urgent policy takes critical (CR) cases', () => {
  /** An install seeded by the release before: the urgent policy matched the grade only. */
  async function oldInstall() {
    const d = await databaseBefore(TAG_0012);
    const calendarId = await d.db.transaction((tx) => seedDefaultCalendar(tx));
    await d.db.transaction((tx) => seedDefaultPolicies(tx, calendarId));
    await d.db.execute(sql`UPDATE sla_policies SET conditions = '{"grades": ["urgent"]}'::jsonb WHERE name = ${URGENT}`);
    const openCase = async (number: string, severity: string, grade: string) => {
      const [c] = rowsOf<{ id: string }>(
        await d.db.execute(sql`
          INSERT INTO cases (number, type, title, channel, received_at, priority, derived_priority, severity, grade)
          VALUES (${number}, 'complaint', '轴封漏油', 'phone', now(), 'P1', 'P1', ${severity}, ${grade}) RETURNING id`),
      );
      await d.db.execute(sql`INSERT INTO case_clocks (case_id, kind, started_at, state) VALUES (${c!.id}, 'resolve', now(), 'running')`);
      return c!.id;
    };
    const critical = await openCase('2511-0001', 'CR', 'general');
    const major = await openCase('2511-0002', 'MA', 'general');
    return { ...d, critical, major };
  }
  const policy = async (db: Awaited<ReturnType<typeof oldInstall>>['db']) =>
    rowsOf<{ conditions: unknown; version: number }>(
      await db.execute(sql`SELECT conditions, version FROM sla_policies WHERE name = ${URGENT}`),
    )[0]!;
  const staleOf = async (db: Awaited<ReturnType<typeof oldInstall>>['db'], caseId: string) =>
    rowsOf<{ stale: boolean }>(await db.execute(sql`SELECT stale FROM case_clocks WHERE case_id = ${caseId}`))[0]!.stale;

  it('widens the policy as seeded to grade urgent or severity CR, and recomputes the clocks of open CR cases', async () => {
    const d = await oldInstall();
    const before = await policy(d.db);
    await d.rest();
    const after = await policy(d.db);
    expect(after.conditions).toEqual({ anyOf: { grades: ['urgent'], severities: ['CR'] } });
    expect(after.version).toBe(before.version + 1);
    expect(await staleOf(d.db, d.critical)).toBe(true);
    expect(await staleOf(d.db, d.major)).toBe(false);
    await d.client.close();
  });

  it('leaves a policy the company changed alone', async () => {
    const d = await oldInstall();
    await d.db.execute(sql`UPDATE sla_policies SET conditions = '{"grades": ["urgent", "serious"]}'::jsonb WHERE name = ${URGENT}`);
    const before = await policy(d.db);
    await d.rest();
    expect(await policy(d.db)).toEqual(before);
    expect(await staleOf(d.db, d.critical)).toBe(false);
    await d.client.close();
  });

  it('leaves the policy alone when the company has a policy for CR already', async () => {
    const d = await oldInstall();
    await d.db.execute(sql`
      INSERT INTO sla_policies (name, position, conditions, targets, calendar_id, pause_statuses, escalation)
      SELECT '致命缺陷', 9, '{"severities": ["CR"]}'::jsonb, targets, calendar_id, pause_statuses, escalation
        FROM sla_policies WHERE name = ${URGENT}`);
    const before = await policy(d.db);
    await d.rest();
    expect(await policy(d.db)).toEqual(before);
    await d.client.close();
  });
});

describe('0012: investigation reports keep who submitted them', () => {
  it('takes the submitter of a report submitted before from the timeline', async () => {
    const d = await databaseBefore(TAG_0012);
    const [user] = rowsOf<{ id: string }>(
      await d.db.execute(sql`INSERT INTO users (login, display_name, password_hash) VALUES ('ligong', '李工', 'x') RETURNING id`),
    );
    const [c] = rowsOf<{ id: string }>(
      await d.db.execute(sql`
        INSERT INTO cases (number, type, title, channel, received_at, priority, derived_priority)
        VALUES ('2511-0003', 'complaint', '封口温度波动', 'phone', now(), 'P3', 'P3') RETURNING id`),
    );
    await d.db.execute(sql`INSERT INTO case_investigations (case_id, facts, root_cause, report_submitted_at)
      VALUES (${c!.id}, '接头松动', '缺少扭矩要求', now())`);
    await d.db.execute(
      sql`INSERT INTO case_events (case_id, actor_id, channel, kind) VALUES (${c!.id}, ${user!.id}, 'web', 'investigation_reported')`,
    );
    await d.rest();
    const [row] = rowsOf<{ submitter: string | null; decision: string | null }>(
      await d.db.execute(sql`SELECT report_submitted_by_id AS submitter, review_decision AS decision FROM case_investigations`),
    );
    expect(row).toEqual({ submitter: user!.id, decision: null });
    await d.client.close();
  });
});
