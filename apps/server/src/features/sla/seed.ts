import type { Ctx } from '../../lib/context.ts';
import { transaction } from '../../lib/transaction.ts';
import { seedDefaultCalendar } from './calendars.ts';
import { seedDefaultPolicies } from './policies.ts';

/** The working-day calendar with the shipped Chinese holidays and the default SLA policies (PROCEDURE.md §4); idempotent. */
export async function seedDeadlineDefaults(ctx: Ctx) {
  const calendarId = await transaction(ctx, (tx) => seedDefaultCalendar(tx));
  await transaction(ctx, (tx) => seedDefaultPolicies(tx, calendarId));
}
