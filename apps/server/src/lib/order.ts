import { eq } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/connection.ts';
import { invalidField } from './errors.ts';

/**
 * Give the rows of an ordered table (SLA policies, assignment rules) positions 1…n in the order of
 * `ids`, which must name every row exactly once. Locks the rows for the caller's transaction.
 */
export async function reorderRows(tx: Executor, table: PgTable & { id: AnyPgColumn; position: AnyPgColumn }, ids: string[], what: string) {
  const all = (await tx.select({ id: table.id }).from(table).for('update')) as { id: string }[];
  const known = new Set(all.map((r) => r.id));
  if (new Set(ids).size !== ids.length || ids.length !== known.size || ids.some((i) => !known.has(i))) {
    throw invalidField('ids', `name every ${what} exactly once`);
  }
  for (const [i, id] of ids.entries())
    await tx
      .update(table)
      .set({ position: i + 1 } as never)
      .where(eq(table.id, id));
}
