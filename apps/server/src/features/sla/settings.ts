import { CompanySettings } from '@closeloop/domain';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { departments, settings } from '../../db/schema.ts';
import { invalidField } from '../../http/errors.ts';
import type { Ctx } from '../../lib/context.ts';
import { ensure } from '../auth/actor.ts';
import { markClocksStale } from './clocks.ts';

const KEY = 'company';

/** Company-wide settings; defaults until an administrator saves them. */
export async function companySettings(db: Executor): Promise<CompanySettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY)).limit(1);
  return parseCompanySettings(row?.value);
}

export function parseCompanySettings(value: unknown): CompanySettings {
  const parsed = CompanySettings.safeParse(value ?? {});
  return parsed.success ? parsed.data : CompanySettings.parse({});
}

/** The department at the top of the escalation ladder: the configured one, else the default 总经理室. */
export async function gmOfficeDepartmentId(db: Executor, s: CompanySettings): Promise<string | null> {
  if (s.gmOfficeDepartmentId) return s.gmOfficeDepartmentId;
  const [gm] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, 'gm_office')).limit(1);
  return gm?.id ?? null;
}

export async function getCompanySettings(ctx: Ctx) {
  ensure(ctx.actor, 'cases:read');
  return companySettings(ctx.db);
}

export async function putCompanySettings(ctx: Ctx, input: CompanySettings) {
  ensure(ctx.actor, 'sla:manage');
  const now = ctx.now();
  if (input.gmOfficeDepartmentId) {
    const [d] = await ctx.db.select({ id: departments.id }).from(departments).where(eq(departments.id, input.gmOfficeDepartmentId));
    if (!d) throw invalidField('gmOfficeDepartmentId', 'no such department');
  }
  await ctx.db.transaction(async (tx) => {
    const before = await companySettings(tx);
    await tx
      .insert(settings)
      .values({ key: KEY, value: input, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: input, updatedAt: now } });
    // The province decides which customers are local: deadlines may change.
    if (before.province !== input.province) await markClocksStale(tx, now);
  });
  return companySettings(ctx.db);
}
