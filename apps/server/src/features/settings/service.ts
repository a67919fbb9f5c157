import { CompanySettings } from '@closeloop/domain';
import type { Executor } from '../../db/connection.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalidField } from '../../lib/errors.ts';
import { transaction } from '../../lib/transaction.ts';
import { ensureMayChangeSettings, ensureMayReadSettings } from './policy.ts';
import * as repo from './repository.ts';

const KEY = 'company';

/**
 * What follows a change of company settings in the same transaction (the SLA feature marks
 * deadlines stale when the home province changes). Passed in by the composition root, so this
 * feature, which every other reads, depends on none of them.
 */
export type CompanySettingsChanged = (tx: Executor, before: CompanySettings, after: CompanySettings, now: Date) => Promise<void>;

/** Company-wide settings; defaults until an administrator saves them. */
export async function companySettings(db: Executor): Promise<CompanySettings> {
  return parseCompanySettings(await repo.readSetting(db, KEY));
}

export function parseCompanySettings(value: unknown): CompanySettings {
  const parsed = CompanySettings.safeParse(value ?? {});
  return parsed.success ? parsed.data : CompanySettings.parse({});
}

/** The department at the top of the escalation ladder: the configured one, else the default 总经理室. */
export async function gmOfficeDepartmentId(db: Executor, s: CompanySettings): Promise<string | null> {
  return s.gmOfficeDepartmentId ?? (await repo.departmentIdByCode(db, 'gm_office'));
}

export async function getCompanySettings(ctx: Ctx) {
  ensureMayReadSettings(ctx.actor);
  return companySettings(ctx.db);
}

export async function putCompanySettings(ctx: Ctx, input: CompanySettings, onChanged: CompanySettingsChanged) {
  ensureMayChangeSettings(ctx.actor);
  const now = ctx.now();
  if (input.gmOfficeDepartmentId && !(await repo.departmentExists(ctx.db, input.gmOfficeDepartmentId))) {
    throw invalidField('gmOfficeDepartmentId', 'no such department');
  }
  await transaction(ctx, async (tx) => {
    const before = await companySettings(tx);
    await repo.writeSetting(tx, KEY, input, now);
    await onChanged(tx, before, input, now);
  });
  return companySettings(ctx.db);
}
