import type { Ctx } from '../../lib/context.ts';
import { seedDefaultCalendar } from './calendars.ts';
import { seedDefaultPolicies } from './policies.ts';

/** The working-day calendar with the shipped Chinese holidays and the default SLA policies (PROCEDURE.md §4); idempotent. */
export async function seedDeadlineDefaults(ctx: Ctx) {
  const calendarId = await ctx.db.transaction((tx) => seedDefaultCalendar(tx));
  await ctx.db.transaction((tx) => seedDefaultPolicies(tx, calendarId));
}
