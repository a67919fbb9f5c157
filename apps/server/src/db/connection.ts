import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { rowsOf } from '../lib/sql.ts';
import { lockDataDir } from './lock.ts';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or a transaction: repositories accept both. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'embedded' | 'postgres';
  /** Where the data lives, for messages: a directory or a redacted URL. */
  location: string;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Any key will do as long as every instance uses the same one: it serializes migrations. */
const MIGRATION_LOCK_KEY = 7_203_316_420;

export type DatabaseOptions = (
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'memory' }
) & {
  /** Called with the text of every statement the application runs (tests count them). */
  onQuery?: (query: string) => void;
};

/** How long a request waits for a database connection before it fails (and answers 503). */
const CONNECT_TIMEOUT_MS = 10_000;

/** `close` may be called twice (a signal during shutdown, a test closing under the app). */
const once = (fn: () => Promise<void>) => {
  let done: Promise<void> | undefined;
  return () => {
    done ??= fn();
    return done;
  };
};

export const redactUrl = (url: string) => url.replace(/\/\/([^:/@]+)(:[^@]*)?@/, '//$1:***@');

/** Open the database and bring its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    await migratePostgres(options.url);
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // A request waits this long for a connection (pool busy, server unreachable), then fails with 503.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // A connection lost while idle in the pool: the pool drops it and opens another on next use.
    pool.on('error', () => {});
    // A connection lost while checked out (in a transaction) emits 'error' on its client, which
    // the pool does not listen to then: without this the process would die of an unhandled
    // 'error' event. The query in flight fails on its own; the pool discards the client on release.
    pool.on('connect', (client) => {
      client.on('error', () => {});
    });
    const db = drizzlePg(pool, { schema, logger: loggerOf(options) }) as unknown as Db;
    return { db, kind: 'postgres', location: redactUrl(options.url), close: once(() => pool.end()) };
  }

  let release = () => {};
  let dataDir: string | undefined;
  if (options.kind === 'embedded') {
    release = lockDataDir(options.dataDir);
    dataDir = path.join(options.dataDir, 'pgdata');
    fs.mkdirSync(dataDir, { recursive: true });
  }
  try {
    const client = await PGlite.create({ dataDir, extensions: { pg_trgm }, relaxedDurability: true });
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    const db = drizzlePglite(client, { schema, logger: loggerOf(options) });
    return {
      db: db as unknown as Db,
      kind: 'embedded',
      location: dataDir ?? 'memory',
      close: once(async () => {
        await client.close();
        release();
      }),
    };
  } catch (e) {
    release();
    throw e;
  }
}

const loggerOf = (options: DatabaseOptions) => {
  const onQuery = options.onQuery;
  return onQuery ? { logQuery: (query: string) => onQuery(query) } : false;
};

/** Migrate on one dedicated connection under an advisory lock, so instances starting together take turns. */
async function migratePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  // The connection lost mid-migration fails the migration (and the start), not the process by an 'error' event.
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

export async function databaseVersion(db: Db): Promise<string> {
  const result = await db.execute(sql`SELECT current_setting('server_version') AS v`);
  return String(rowsOf<{ v: string }>(result)[0]?.v);
}
