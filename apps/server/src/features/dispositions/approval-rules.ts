import type { ApprovalRuleBody } from '@closeloop/domain';
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { approvalRules } from '../../db/schema.ts';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';

// The approval matrix (核决权限): who approves spending of which kind up to which amount.

const presentRule = (r: typeof approvalRules.$inferSelect) => ({
  id: r.id,
  kind: r.kind as z.infer<typeof ApprovalRuleBody>['kind'],
  minAmount: r.minAmount,
  maxAmount: r.maxAmount,
  roleCode: r.roleCode,
  version: r.version,
});

export async function listApprovalRules(ctx: Ctx) {
  ensure(ctx.actor, 'cases:read');
  return (await ctx.db.select().from(approvalRules).orderBy(asc(approvalRules.kind), asc(approvalRules.minAmount))).map(presentRule);
}

/** Replace the bands of one kind at once, so they can be checked to cover 0…∞ without gaps or overlaps. */
export async function replaceApprovalRules(
  ctx: Ctx,
  kind: z.infer<typeof ApprovalRuleBody>['kind'],
  bands: z.infer<typeof ApprovalRuleBody>[],
) {
  ensure(ctx.actor, 'approvals:manage');
  const sorted = [...bands].sort((a, b) => a.minAmount - b.minAmount);
  const problems: { field: string; message: string }[] = [];
  sorted.forEach((b, i) => {
    if (b.kind !== kind) problems.push({ field: `bands.${i}.kind`, message: `must be ${kind}` });
    const prev = sorted[i - 1];
    if (i === 0 && b.minAmount !== 0) problems.push({ field: `bands.${i}.minAmount`, message: 'the first band starts at 0' });
    if (prev && prev.maxAmount !== b.minAmount)
      problems.push({ field: `bands.${i}.minAmount`, message: `must continue from ${prev.maxAmount ?? '∞'}` });
    if (i < sorted.length - 1 && b.maxAmount === null)
      problems.push({ field: `bands.${i}.maxAmount`, message: 'only the last band is open-ended' });
  });
  if (sorted.length > 0 && sorted.at(-1)?.maxAmount !== null)
    problems.push({ field: `bands.${sorted.length - 1}.maxAmount`, message: 'the last band has no upper limit' });
  if (problems.length)
    throw new DomainError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { errors: problems });
  await ctx.db.transaction(async (tx) => {
    await tx.delete(approvalRules).where(eq(approvalRules.kind, kind));
    if (sorted.length) await tx.insert(approvalRules).values(sorted.map((b) => ({ ...b, createdAt: ctx.now(), updatedAt: ctx.now() })));
  });
  return listApprovalRules(ctx);
}
