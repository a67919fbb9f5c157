import { sql } from 'drizzle-orm';
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Column builders every table uses. */
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => ts('created_at').notNull().defaultNow();
export const updatedAt = () => ts('updated_at').notNull().defaultNow();
export const version = () => integer('version').notNull().default(1);

/** `col IN ('a','b')` check for a closed vocabulary: pass the domain's list, never retyped literals. */
export const oneOf = (column: string, values: readonly string[]) => sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);

/** `col IS NULL OR col IN (…)` for an optional value of a closed vocabulary. */
export const nullOrOneOf = (column: string, values: readonly string[]) =>
  sql.raw(`${column} IS NULL OR ${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
