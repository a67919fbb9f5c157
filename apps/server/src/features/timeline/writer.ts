import { CaseEvent, type CaseEventInput, type CommentVisibility, type EventChange, SYSTEM_EVENT_KINDS } from '@closeloop/domain';
import type { Executor } from '../../db/connection.ts';
import { channelOf } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import * as repo from './repository.ts';

/** One timeline entry to record: its kind and data (typed by the domain union) and what any entry may carry. */
export type NewCaseEvent = CaseEventInput & {
  /** Default: the context's `now` when the statement is built. */
  at?: Date;
  changes?: EventChange[];
  body?: string | null;
  visibility?: CommentVisibility | null;
  /** For an entry on another case than the writer's: the far side of a link, the original of a reopened case. */
  caseId?: string;
};

/** Who records: the caller (none for the system) and the clock. */
export type Recorder = Pick<Ctx, 'actor' | 'now'>;

const SYSTEM_KINDS: ReadonlySet<string> = new Set(SYSTEM_EVENT_KINDS);

/**
 * The row of one event, its data checked against its kind's schema (a writer's mistake throws
 * before anything is written). Kinds the system records carry no person; otherwise the caller is
 * the actor, through the channel they came by.
 */
export function toEventRow(ctx: Recorder, caseId: string, event: NewCaseEvent, at: Date = ctx.now()): repo.EventInsert {
  const typed = CaseEvent.safeParse({ kind: event.kind, data: event.data });
  if (!typed.success) throw new Error(`timeline event "${event.kind}" does not match its schema: ${typed.error.message}`);
  const actor = SYSTEM_KINDS.has(typed.data.kind) ? undefined : ctx.actor;
  return {
    caseId: event.caseId ?? caseId,
    at: event.at ?? at,
    actorId: actor?.userId ?? null,
    channel: actor ? channelOf(actor) : 'system',
    kind: typed.data.kind,
    changes: event.changes ?? [],
    body: event.body ?? null,
    visibility: event.visibility ?? null,
    data: typed.data.data,
  };
}

/**
 * Record events on a case's timeline — the one way into `case_events` — in one statement.
 * Answers the rows written, in order.
 */
export async function recordCaseEvents(tx: Executor, ctx: Recorder, caseId: string, events: readonly NewCaseEvent[]) {
  if (events.length === 0) return [];
  const at = ctx.now();
  return repo.insertEvents(
    tx,
    events.map((e) => toEventRow(ctx, caseId, e, at)),
  );
}

/** The same INSERT unexecuted, for a registration that writes the case and its rows in one statement (`insertCaseWith`). */
export function caseEventsInsert(tx: Executor, ctx: Recorder, caseId: string, events: readonly NewCaseEvent[]) {
  const at = ctx.now();
  return repo.eventsInsert(
    tx,
    events.map((e) => toEventRow(ctx, caseId, e, at)),
  );
}
