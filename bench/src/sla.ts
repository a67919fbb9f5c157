/**
 * Deadline benchmark on PostgreSQL: one SLA sweep over 1,000,000 open cases (finding the clocks
 * that are due through the partial index on next_check_at, then acting on them), the deadline
 * queues, and the cost of recomputing one case's clocks. Prints figures; asserts nothing.
 *
 *   DATABASE_URL=postgres://…/closeloop_bench npm run bench:sla -- --cases 1000000
 *   DATABASE_URL=… npm run bench:sla -- --skip-seed          # reuse the seeded database
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { bootstrap } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { databaseVersion, openDatabase } from '../../apps/server/src/db/connection.ts';
import { countCases } from '../../apps/server/src/features/cases/list-repository.ts';
import { recomputeCaseClocks } from '../../apps/server/src/features/sla/clocks.ts';
import { runSlaSweep } from '../../apps/server/src/features/sla/sweep.ts';
import { rowsOf } from '../../apps/server/src/lib/sql.ts';
import { existingCases, seed } from './seed.ts';
import { summarize, timeCalls } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    'skip-seed': { type: 'boolean', default: false },
    due: { type: 'string', default: '2000' },
    out: { type: 'string' },
  },
});

const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (t: number) => (performance.now() - t) / 1000;

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('bench:sla runs on PostgreSQL: set DATABASE_URL');
  const config = loadConfig({
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-bench-sla-')),
    CLOSELOOP_ADMIN_PASSWORD: 'bench-admin-password',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
  } as NodeJS.ProcessEnv);
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  const db = database.db;
  const q = async <T>(text: string) => rowsOf<T>(await db.execute(sql.raw(text)));
  await bootstrap({ db, config, now: () => new Date(), actor: undefined });
  const wanted = Number(args.cases);
  const due = Number(args.due);
  const now = new Date();

  if (!args['skip-seed']) {
    if ((await existingCases(db)) === 0) await seed(db, { cases: wanted, timeZone: config.timeZone, log });
    // Every case open, with a running acknowledgement and resolution clock spread over the coming
    // four weeks; `due` of them are due now (a sweep interval's worth after a busy hour).
    const t = performance.now();
    await q(
      `UPDATE cases SET status = 'investigating', hold_from_status = NULL, closed_at = NULL WHERE status IN ('closed', 'rejected', 'on_hold')`,
    );
    log(`opened every case (${seconds(t).toFixed(1)} s)`);
    const [policy] = await q<{ id: string }>(`SELECT id FROM sla_policies ORDER BY position DESC LIMIT 1`);
    const t2 = performance.now();
    await q('TRUNCATE case_clocks');
    await q(`DROP INDEX IF EXISTS case_clocks_next_check_idx`);
    await q(`
      INSERT INTO case_clocks (case_id, kind, policy_id, started_at, due_at, warn_at, state, next_check_at, updated_at)
      SELECT c.id, k.kind, '${policy!.id}', now() - interval '1 day',
             now() + (random() * interval '28 days') + interval '1 day',
             NULL, 'running', NULL, now()
        FROM cases c CROSS JOIN (VALUES ('acknowledge'), ('resolve')) AS k(kind)`);
    await q(`UPDATE case_clocks SET warn_at = due_at - interval '2 hours', next_check_at = due_at - interval '2 hours'`);
    await q(`CREATE INDEX case_clocks_next_check_idx ON case_clocks (next_check_at) WHERE next_check_at IS NOT NULL`);
    await q(`
      UPDATE cases c SET sla_due_at = k.due, sla_warn_at = k.warn
        FROM (SELECT case_id, min(due_at) AS due, min(warn_at) AS warn FROM case_clocks GROUP BY case_id) k
       WHERE k.case_id = c.id`);
    await q('VACUUM (ANALYZE) case_clocks');
    await q('VACUUM (ANALYZE) cases');
    log(`clocks for every case (${seconds(t2).toFixed(1)} s)`);
  }
  // Make `due` clocks due now: half at their warning, half past their due time.
  await q(`
    UPDATE case_clocks SET warn_at = now() - interval '10 minutes', due_at = CASE WHEN random() < 0.5 THEN now() + interval '1 hour' ELSE now() - interval '1 minute' END,
           next_check_at = now() - interval '10 minutes', warned_at = NULL, breached_at = NULL, escalation_level = 0, state = 'running', stale = false
     WHERE (case_id, kind) IN (SELECT case_id, kind FROM case_clocks ORDER BY next_check_at DESC NULLS LAST LIMIT ${due})`);
  await q('ANALYZE case_clocks');

  const openCases = (await q<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE status NOT IN ('closed', 'rejected')`))[0]?.n ?? 0;
  const clocks = (await q<{ n: number }>(`SELECT count(*)::int AS n FROM case_clocks`))[0]?.n ?? 0;
  log(`PostgreSQL ${await databaseVersion(db)}; ${openCases} open cases, ${clocks} clocks, ${due} due`);

  // 1. Finding what is due: the sweep's claim query.
  const plan = (
    await q<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT case_id, kind FROM case_clocks WHERE next_check_at <= now() ORDER BY next_check_at LIMIT 200 FOR UPDATE SKIP LOCKED`,
    )
  ).map((r) => r['QUERY PLAN']);
  log(`claim query plan:\n  ${plan.join('\n  ')}`);
  const find = summarize(
    await timeCalls(
      () => db.execute(sql`SELECT case_id, kind FROM case_clocks WHERE next_check_at <= ${now} ORDER BY next_check_at LIMIT 200`),
      50,
      { warmup: 5 },
    ),
  );

  // 2. One sweep: every due clock claimed, warned or breached and escalated, notifications written.
  const t = performance.now();
  const result = await runSlaSweep({ db, config, now: () => new Date() }, { batchSize: 200, maxBatches: 1000 });
  const sweepSeconds = seconds(t);
  // 3. The next sweep, with nothing due: the cost every interval pays over a million open cases.
  const idle = summarize(await timeCalls(() => runSlaSweep({ db, config, now: () => new Date() }), 20, { warmup: 2 }));

  // 4. Deadline queues (workspace counts, capped like every list count).
  const overdue = summarize(
    await timeCalls(() => countCases(db, { sla: { kind: 'overdue', now: new Date() } }, 10_000), 20, { warmup: 2 }),
  );
  const dueSoon = summarize(
    await timeCalls(() => countCases(db, { sla: { kind: 'due_soon', now: new Date() } }, 10_000), 20, { warmup: 2 }),
  );

  // 5. Recomputing one case's clocks from its timeline (what every change does in its transaction).
  const sample = await q<{ id: string }>(`SELECT id FROM cases ORDER BY random() LIMIT 300`);
  const recompute = summarize(
    await timeCalls((i) => db.transaction((tx) => recomputeCaseClocks(tx, config, sample[i % sample.length]!.id, new Date())), 300, {
      warmup: 20,
    }),
  );

  const rows = [
    ['find due clocks (claim query, LIMIT 200)', find],
    ['idle sweep (nothing due)', idle],
    ['count overdue (cap 10,000)', overdue],
    ['count due soon (cap 10,000)', dueSoon],
    ['recompute one case (transaction)', recompute],
  ] as const;
  log('\n| measurement | p50 ms | p95 ms | p99 ms | mean ms |\n|---|---|---|---|---|');
  for (const [name, s] of rows) log(`| ${name} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.mean} |`);
  log(
    `\nsweep over ${openCases} open cases: ${result.examined} clocks due, handled in ${sweepSeconds.toFixed(2)} s — ${result.warnings} warnings, ${result.breaches} breaches, ${result.escalations} escalation steps (${(result.examined / sweepSeconds).toFixed(0)} clocks/s)`,
  );
  const out = args.out ?? path.join('bench/results', `sla-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    JSON.stringify({ openCases, clocks, due, plan, find, sweepSeconds, result, idle, overdue, dueSoon, recompute }, null, 2),
  );
  log(`written ${out}`);
  await database.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
