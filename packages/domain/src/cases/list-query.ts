import { z } from 'zod';
import { Locale } from '../auth/schemas.ts';
import { Id, IsoDate, IsoDateTime, listOf, PageQuery, text } from '../common/schemas.ts';
import { CASE_STATUSES, CASE_TYPES, GRADES, PRIORITIES, SEVERITIES } from './vocabulary.ts';

/** The case register's list and export: filters, deadline queues and sorts (`GET /cases`, `GET /cases/export.csv`). */

export const CASE_SORTS = [
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'receivedAt',
  '-receivedAt',
  'number',
  '-number',
  'priority',
  '-priority',
  'slaDueAt',
  '-slaDueAt',
] as const;

/** Deadline queues: warning reached but not yet due; past due and still counting; ever breached. */
export const SLA_FILTERS = ['due_soon', 'overdue', 'breached'] as const;

export const ListCasesQuery = PageQuery.extend({
  q: text(200).optional(),
  status: listOf(z.enum([...CASE_STATUSES, 'open'] as const)),
  type: listOf(z.enum(CASE_TYPES)),
  severity: listOf(z.enum(SEVERITIES)),
  grade: listOf(z.enum(GRADES)),
  priority: listOf(z.enum(PRIORITIES)),
  departmentId: Id.optional(),
  /** A user id, or `none` for unassigned cases. */
  ownerId: z.union([Id, z.literal('none')]).optional(),
  customerId: Id.optional(),
  productId: Id.optional(),
  unitId: Id.optional(),
  tag: text(40).optional(),
  /** Registration (received) date range, inclusive, in ISO date or date-time. */
  from: z.union([IsoDate, IsoDateTime]).optional(),
  to: z.union([IsoDate, IsoDateTime]).optional(),
  /** Only cases changed at or after this instant (the "recently updated" queue). */
  updatedFrom: IsoDateTime.optional(),
  sla: z.enum(SLA_FILTERS).optional(),
  sort: z.enum(CASE_SORTS).default('-createdAt'),
});
export type ListCasesQuery = z.infer<typeof ListCasesQuery>;

/** `GET /cases/export.csv`: a case list's filter without paging, and the language of the column names. */
export const ExportCasesQuery = ListCasesQuery.omit({ page: true, pageSize: true }).extend({ lang: Locale.default('zh-CN') });
export type ExportCasesQuery = z.infer<typeof ExportCasesQuery>;
