import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Config, loadConfig } from '../config.ts';
import { migrationsFolder, redactUrl } from '../db/connection.ts';
import { rowsOf } from '../lib/sql.ts';
import {
  CliError,
  exitOnHelp,
  lockForMaintenance,
  openConfiguredDatabase,
  openPglite,
  parseCommandLine,
  pgdataOf,
  runCli,
} from './common.ts';

const USAGE = `Usage: npm run db:migrate

Bring the database schema up to date without starting the server: the embedded database in
DATA_DIR/pgdata, or the PostgreSQL server of DATABASE_URL. The server does the same at start.`;

/** drizzle-orm's bookkeeping of applied migrations. */
const APPLIED = 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations';

/** Migration names in the order they apply. */
function migrationTags(): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((e) => e.tag);
}

/** How many migrations the database has applied before this run (0 for a new database). */
async function appliedBefore(config: Config): Promise<number> {
  if (config.databaseUrl) {
    const client = new pg.Client({ connectionString: config.databaseUrl });
    client.on('error', () => {}); // a lost connection fails the query below, not the process
    try {
      await client.connect();
    } catch (e) {
      throw new CliError(`Cannot use the PostgreSQL server at ${redactUrl(config.databaseUrl)}: ${(e as Error).message}`);
    }
    try {
      return Number((await client.query(APPLIED)).rows[0]?.n ?? 0);
    } catch {
      return 0;
    } finally {
      await client.end();
    }
  }
  const pgdata = pgdataOf(config);
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) return 0;
  const release = lockForMaintenance(config, 'migrating');
  try {
    const client = await openPglite(pgdata);
    try {
      return Number(rowsOf<{ n: number }>(await client.query(APPLIED))[0]?.n ?? 0);
    } catch {
      return 0;
    } finally {
      await client.close();
    }
  } finally {
    release();
  }
}

async function main() {
  const { values } = parseCommandLine(USAGE, {});
  exitOnHelp(values, USAGE);
  const config = loadConfig();
  const before = await appliedBefore(config);
  const database = await openConfiguredDatabase(config);
  await database.close();
  const tags = migrationTags();
  const applied = tags.slice(before);
  const where = database.kind === 'embedded' ? `embedded in ${database.location}` : database.location;
  const lines =
    applied.length === 0
      ? [`Database is up to date: ${where}`, `  nothing to apply; ${tags.length} migrations, the latest ${tags.at(-1)}`]
      : [
          `Database is up to date: ${where}`,
          `  ${before === 0 ? 'created the schema' : 'applied'}: ${applied.join(', ')}`,
          `  ${tags.length} migrations in all`,
        ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

runCli('db:migrate', main);
