import { ASSIGNMENT_STRATEGIES } from '@closeloop/domain';
import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { departments } from './auth.ts';
import { createdAt, id, oneOf, updatedAt, version } from './columns.ts';

/** Ordered routing rules applied to a new case that names no owner or department. */
export const assignmentRules = pgTable(
  'assignment_rules',
  {
    id: id(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    /** `{ types?, causeCategories?, productLines?, regions?, customerIds? }`. */
    conditions: jsonb('conditions').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    strategy: text('strategy').$type<(typeof ASSIGNMENT_STRATEGIES)[number]>().notNull(),
    /** Candidates, in order (fixed: the first one present; round-robin: in turn). */
    userIds: uuid('user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Round-robin: who was chosen last. */
    lastUserId: uuid('last_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  () => [check('assignment_rules_strategy_check', oneOf('strategy', ASSIGNMENT_STRATEGIES))],
);
