import type { Executor } from '../../db/connection.ts';
import { caseEvents } from '../../db/schema.ts';

export type EventInsert = typeof caseEvents.$inferInsert;

/** The INSERT of timeline rows, unexecuted: for a caller that writes them inside a larger statement. */
export const eventsInsert = (tx: Executor, events: EventInsert[]) => tx.insert(caseEvents).values(events);

export async function insertEvents(tx: Executor, events: EventInsert[]) {
  if (events.length === 0) return [];
  return tx.insert(caseEvents).values(events).returning();
}
