import { z } from 'zod';
import { Id, IsoDateTime } from '../common/schemas.ts';

/** `GET /workspace/queues`: how many cases wait in each of the caller's queues. */
export const QueueCounts = z.object({
  /** Open cases the caller owns. */
  mine: z.number().int(),
  /** Open cases of the caller's department (0 without a department). */
  department: z.number().int(),
  /** Open cases without an owner. */
  unassigned: z.number().int(),
  open: z.number().int(),
  /** Cases changed in the last 24 hours. */
  recentlyUpdated: z.number().int(),
  /** Open cases past their warning threshold but not yet due (即将到期). */
  dueSoon: z.number().int(),
  /** Open cases with a clock past due and still counting (已超期). */
  overdue: z.number().int(),
  /** Counting stops here: a count above this means "more than countCap". */
  countCap: z.number().int(),
  departmentId: Id.nullable(),
  userId: Id,
});
export type QueueCounts = z.infer<typeof QueueCounts>;

/** The name of a personal setting: letters, digits, `.`, `_`, `-`. */
export const PreferenceKey = z.string().regex(/^[a-zA-Z0-9._-]{1,64}$/, 'letters, digits, . _ - (at most 64)');

/** `PUT /me/preferences/{key}`: any JSON the web app stores (saved filters, chosen columns); null removes it. */
export const PutPreferenceBody = z.object({ value: z.unknown() });

/** A personal setting; `value` and `updatedAt` are null when it was never saved (or removed). */
export const PreferenceView = z.object({ key: z.string(), value: z.unknown(), updatedAt: IsoDateTime.nullable() });
export type PreferenceView = z.infer<typeof PreferenceView>;
