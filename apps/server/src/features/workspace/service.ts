import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, invalidField } from '../../lib/errors.ts';
import { findUserById } from '../auth/index.ts';
import { countCases } from '../cases/index.ts';
import * as repo from './repository.ts';

/** A saved filter or a column choice is a few hundred bytes; these bounds only stop abuse. */
const MAX_PREFERENCE_BYTES = 32 * 1024;
const MAX_PREFERENCE_KEYS = 50;
/** Queue counts stop at this; a count of cap + 1 reads "more than 10,000". */
export const QUEUE_COUNT_CAP = 10_000;

export async function getPreference(ctx: Ctx, key: string) {
  if (!ctx.actor) throw new DomainError('unauthenticated', 'sign in');
  const row = await repo.findPreference(ctx.db, ctx.actor.userId, key);
  return { key, value: row?.value ?? null, updatedAt: row?.updatedAt.toISOString() ?? null };
}

export async function putPreference(ctx: Ctx, key: string, value: unknown) {
  ensure(ctx.actor, 'profile:write');
  if (Buffer.byteLength(JSON.stringify(value) ?? '') > MAX_PREFERENCE_BYTES)
    throw invalidField('value', `at most ${MAX_PREFERENCE_BYTES} bytes`);
  const userId = ctx.actor.userId;
  if (value === null || value === undefined) {
    // Saving nothing removes the setting (and frees its place under the cap).
    await repo.deletePreference(ctx.db, userId, key);
    return { key, value: null, updatedAt: null };
  }
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    // Counted under a lock on the user's row, so parallel saves cannot pass the cap together.
    const keys = await repo.lockPreferenceKeys(tx, userId);
    if (!keys.includes(key) && keys.length >= MAX_PREFERENCE_KEYS) {
      throw invalidField('key', `at most ${MAX_PREFERENCE_KEYS} personal settings; save null to one to remove it`);
    }
    await repo.upsertPreference(tx, userId, key, value, now);
  });
  return { key, value, updatedAt: now.toISOString() };
}

/** Counts for the workspace queues of the caller. */
export async function countQueues(ctx: Ctx) {
  ensure(ctx.actor, 'cases:read');
  const me = await findUserById(ctx.db, ctx.actor.userId);
  const open = ['open'];
  const since = new Date(ctx.now().getTime() - 24 * 3600_000);
  const now = ctx.now();
  const [mine, department, unassigned, allOpen, recentlyUpdated, dueSoon, overdue] = await Promise.all([
    countCases(ctx.db, { status: open, ownerId: ctx.actor.userId }, QUEUE_COUNT_CAP),
    me?.departmentId ? countCases(ctx.db, { status: open, departmentId: me.departmentId }, QUEUE_COUNT_CAP) : Promise.resolve(0),
    countCases(ctx.db, { status: open, ownerId: 'none' }, QUEUE_COUNT_CAP),
    countCases(ctx.db, { status: open }, QUEUE_COUNT_CAP),
    countCases(ctx.db, { updatedSince: since }, QUEUE_COUNT_CAP),
    countCases(ctx.db, { sla: { kind: 'due_soon', now } }, QUEUE_COUNT_CAP),
    countCases(ctx.db, { sla: { kind: 'overdue', now } }, QUEUE_COUNT_CAP),
  ]);
  return {
    mine,
    department,
    unassigned,
    open: allOpen,
    recentlyUpdated,
    dueSoon,
    overdue,
    countCap: QUEUE_COUNT_CAP,
    departmentId: me?.departmentId ?? null,
    userId: ctx.actor.userId,
  };
}
