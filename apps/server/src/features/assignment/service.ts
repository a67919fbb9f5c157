import type { AssignmentRuleBody, AssignmentRuleView, UpdateAssignmentRuleBody } from '@closeloop/domain';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { transaction } from '../../lib/transaction.ts';
import { canManageAssignmentRules, canReadAssignmentRules } from './policy.ts';
import { presentRule } from './presenter.ts';
import * as repo from './repository.ts';

/** Managing the ordered assignment rules; routing a new case by them is `routing.ts`. */

export async function listRules(ctx: Ctx): Promise<AssignmentRuleView[]> {
  canReadAssignmentRules(ctx.actor);
  return (await repo.listRules(ctx.db)).map(presentRule);
}

/** The department and people a rule names exist, and nobody is listed twice. */
async function checkRefs(db: Executor, input: { departmentId?: string | null | undefined; userIds?: string[] | undefined }) {
  if (input.departmentId && !(await repo.departmentExists(db, input.departmentId))) {
    throw invalidField('departmentId', 'no such department');
  }
  if (input.userIds?.length) {
    if (new Set(input.userIds).size !== input.userIds.length) throw invalidField('userIds', 'a person is listed twice');
    const known = await repo.existingUserIds(db, input.userIds);
    const missing = input.userIds.findIndex((id) => !known.has(id));
    if (missing >= 0) throw invalidField(`userIds.${missing}`, 'no such user');
  }
}

/** Add a rule at the end. */
export async function createRule(ctx: Ctx, input: AssignmentRuleBody): Promise<AssignmentRuleView> {
  canManageAssignmentRules(ctx.actor);
  const now = ctx.now();
  const row = await transaction(ctx, async (tx) => {
    await checkRefs(tx, input);
    const position = await repo.nextRulePosition(tx);
    return repo.insertRule(tx, { ...input, position, createdAt: now, updatedAt: now });
  });
  return presentRule(row);
}

export async function updateRule(ctx: Ctx, id: string, input: z.infer<typeof UpdateAssignmentRuleBody>): Promise<AssignmentRuleView> {
  canManageAssignmentRules(ctx.actor);
  const row = await transaction(ctx, async (tx) => {
    await checkRefs(tx, input);
    const current = await repo.findRuleForUpdate(tx, id);
    if (!current) throw notFound('assignment rule', id);
    if (current.version !== input.version) throw versionConflict(`assignment rule ${current.name}`, current.version);
    const merged = {
      departmentId: input.departmentId !== undefined ? input.departmentId : current.departmentId,
      userIds: input.userIds ?? current.userIds,
    };
    if (!merged.departmentId && merged.userIds.length === 0) throw invalidField('departmentId', 'name a department, people, or both');
    const { version: _v, ...fields } = input;
    return repo.updateRule(tx, id, { ...fields, updatedAt: ctx.now(), version: current.version + 1 });
  });
  return presentRule(row);
}

export async function deleteRule(ctx: Ctx, id: string): Promise<void> {
  canManageAssignmentRules(ctx.actor);
  await transaction(ctx, async (tx) => {
    if (!(await repo.deleteRule(tx, id))) throw notFound('assignment rule', id);
  });
}

/** Put the rules in a new order: the list must name each rule once. */
export async function reorderRules(ctx: Ctx, ids: string[]): Promise<AssignmentRuleView[]> {
  canManageAssignmentRules(ctx.actor);
  await transaction(ctx, (tx) => repo.reorderRules(tx, ids));
  // The answer to an allowed change: not checked against the read permission again (a token may hold sla:manage only).
  return (await repo.listRules(ctx.db)).map(presentRule);
}
