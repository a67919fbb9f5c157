import fs from 'node:fs';
import path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type Config, ConfigError } from '../config.ts';
import { type Database, type DatabaseOptions, openDatabase, redactUrl } from '../db/connection.ts';
import { DataDirLockedError, lockDataDir } from '../db/lock.ts';

/** A refusal or a mistake of the person running the command: shown as a message, without a stack. */
export class CliError extends Error {}

/**
 * Run a command's `main`: expected errors (configuration, a locked data directory, refusals) print
 * their message only and exit 1, as at server start; anything else prints its stack.
 */
export function runCli(command: string, main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    if (e instanceof ConfigError || e instanceof DataDirLockedError || e instanceof CliError) {
      process.stderr.write(`\n${e.message}\n\n`);
    } else {
      process.stderr.write(`\n${command} failed: ${(e as Error).stack ?? String(e)}\n\n`);
    }
    process.exit(1);
  });
}

/** `node:util` parseArgs, with unknown options and missing values reported as a usage message. */
export function parseCommandLine<T extends ParseArgsConfig['options']>(usage: string, options: T, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n\n${usage}`);
  }
}

/** Print the usage and stop when `--help` was given. */
export function exitOnHelp(values: { help?: boolean | undefined }, usage: string) {
  if (!values.help) return;
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

const databaseOptions = (config: Config): DatabaseOptions =>
  config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }
    : { kind: 'embedded', dataDir: config.dataDir };

/** Whether an error means the PostgreSQL server could not be reached or refused us (not a bug to show a stack for). */
const isConnectionError = (e: unknown) => {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && (/^E[A-Z]+$/.test(code) || /^(08|28|3D)/.test(code));
};

/** Open the configured database (migrating it, as the server does); an unreachable server is a message, not a stack. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  try {
    return await openDatabase(databaseOptions(config));
  } catch (e) {
    if (config.databaseUrl && isConnectionError(e)) {
      throw new CliError(`Cannot use the PostgreSQL server at ${redactUrl(config.databaseUrl)}: ${(e as Error).message}`);
    }
    throw e;
  }
}

/** Where the embedded database keeps its files. */
export const pgdataOf = (config: Config) => path.join(config.dataDir, 'pgdata');

/** Whether a directory exists and holds anything. */
export const holdsFiles = (dir: string) => fs.existsSync(dir) && fs.readdirSync(dir).length > 0;

/**
 * A path the person typed, resolved against the directory they typed it in: `npm run` moves to the
 * project folder but keeps the original one in INIT_CWD.
 */
export const userPath = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

/** Local time as `YYYYMMDD-HHmmss`, for file names. */
export function fileStamp(at = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
}

/** The attachments archive written beside a database archive: `x.tar.gz` → `x.attachments.tar.gz`. */
export const attachmentsArchiveOf = (databaseArchive: string) =>
  `${databaseArchive.replace(/(\.tar\.gz|\.tgz|\.tar)$/i, '')}.attachments.tar.gz`;

/** Take the data-directory lock, turning "in use" into the advice to stop the server first. */
export function lockForMaintenance(config: Config, what: string): () => void {
  try {
    return lockDataDir(config.dataDir);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      throw new CliError(`${e.message}\n\nStop Closeloop first: ${what} needs the embedded database to itself.`);
    }
    throw e;
  }
}

/** Open PGlite on a data directory directly (the caller holds the lock), with the extensions the schema uses. */
export const openPglite = (pgdata: string, loadDataDir?: Blob) =>
  PGlite.create({ dataDir: pgdata, extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });

/** Row counts for a summary line; undefined for a table that does not exist yet. */
export async function countRows(query: (sql: string) => Promise<{ rows: unknown[] }>, tables: readonly string[]) {
  const out: Record<string, number | undefined> = {};
  for (const table of tables) {
    try {
      const result = await query(`SELECT count(*)::int AS n FROM ${table}`);
      out[table] = Number((result.rows[0] as { n: number } | undefined)?.n ?? 0);
    } catch {
      out[table] = undefined;
    }
  }
  return out;
}

export const plural = (n: number | undefined, word: string) =>
  n === undefined ? `no ${word}s table` : `${n} ${word}${n === 1 ? '' : 's'}`;
