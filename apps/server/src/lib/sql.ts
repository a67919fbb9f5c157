import { type SQL, sql } from 'drizzle-orm';

/** Escape `%`, `_` and `\` so user text is matched literally by LIKE/ILIKE. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `%text%` pattern for a substring match. */
export const containsPattern = (s: string) => `%${likeEscape(s)}%`;

export const inList = (column: SQL | unknown, values: readonly string[]) =>
  sql`${column} IN (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

/** Offset for a page. */
export const offsetOf = (page: number, pageSize: number) => (page - 1) * pageSize;

/** Rows of a raw `db.execute` result: both drivers (pg and PGlite) answer `{ rows }`. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** A unique-constraint violation (SQLSTATE 23505), as thrown by pg or PGlite, possibly wrapped by Drizzle. */
export const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code === '23505' || err.cause?.code === '23505';
};

/** The errors an error wraps: Drizzle's `cause`, an AggregateError's `errors` (one per address tried). */
function* errorChain(e: unknown, depth = 0): Generator<{ code?: unknown; message?: unknown }> {
  if (!e || typeof e !== 'object' || depth > 5) return;
  yield e as { code?: unknown; message?: unknown };
  yield* errorChain((e as { cause?: unknown }).cause, depth + 1);
  const errors = (e as { errors?: unknown }).errors;
  if (Array.isArray(errors)) for (const inner of errors) yield* errorChain(inner, depth + 1);
}

/** The SQLSTATE of a database error, looking through wrappers. */
export function sqlStateOf(e: unknown): string | undefined {
  for (const err of errorChain(e)) {
    if (typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code)) return err.code;
  }
  return undefined;
}

const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** What node-postgres, pg-pool and PGlite say when the connection, not the statement, failed. */
const CONNECTION_MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end|PGlite is closed/i;

/**
 * The database could not be reached or dropped the connection (server shut down or restarted,
 * backend terminated, network gone, pool exhausted past its timeout): the statement may succeed
 * when tried again later, so callers answer 503, not 500.
 */
export function isConnectionError(e: unknown): boolean {
  for (const err of errorChain(e)) {
    const code = typeof err.code === 'string' ? err.code : '';
    // 08 connection exception; 57P01–57P03 admin/crash shutdown, cannot connect now; 53300 too many connections
    if (/^08[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300') return true;
    if (CONNECTION_ERRNOS.has(code)) return true;
    if (typeof err.message === 'string' && CONNECTION_MESSAGES.test(err.message)) return true;
  }
  return false;
}

/** A serialization failure (40001) or a deadlock (40P01): the transaction can run again as it was. */
export const isTransientConflict = (e: unknown) => {
  const state = sqlStateOf(e);
  return state === '40001' || state === '40P01';
};
