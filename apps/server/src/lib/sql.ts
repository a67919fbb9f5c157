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
