/**
 * Print EXPLAIN (ANALYZE, BUFFERS) of the two queries behind one list request: the page (listCases)
 * and the total (countCases), exactly as the repository builds them. PostgreSQL only.
 *
 *   DATABASE_URL=postgres://… node --import tsx bench/src/explain.ts 'status=open&sort=-priority'
 */
import { ListCasesQuery } from '@closeloop/domain';
import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../../apps/server/src/db/connection.ts';
import * as schema from '../../apps/server/src/db/schema.ts';
import * as repo from '../../apps/server/src/features/cases/list-repository.ts';
import { caseFilterOf } from '../../apps/server/src/features/cases/service.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const queryString = process.argv[2] ?? 'status=open';
const timeZone = process.env.TIME_ZONE ?? 'Asia/Shanghai';

const captured: { sql: string; params: unknown[] }[] = [];
const logger: Logger = { logQuery: (sql, params) => captured.push({ sql, params }) };

const pool = new pg.Pool({ connectionString: url, max: 1 });
const db = drizzle(pool, { schema, logger }) as unknown as Db;
const query = ListCasesQuery.parse(Object.fromEntries(new URLSearchParams(queryString)));
const filter = caseFilterOf(query, timeZone, new Date());
await repo.listCases(db, filter, query.sort, query.page, query.pageSize);
await repo.countCases(db, filter);

for (const [i, q] of captured.entries()) {
  process.stdout.write(
    `\n-- ${i === 0 ? 'page (listCases)' : 'total (countCases)'}: ${queryString}\n${q.sql}\n-- params: ${JSON.stringify(q.params)}\n`,
  );
  const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
  for (const row of plan.rows as { 'QUERY PLAN': string }[]) process.stdout.write(`${row['QUERY PLAN']}\n`);
}
await pool.end();
