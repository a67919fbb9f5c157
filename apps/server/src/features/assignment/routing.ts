import {
  type AssignmentConditions,
  type CompanySettings,
  type CustomerRegion,
  listAllows,
  regionAllows,
  regionOf,
} from '@closeloop/domain';
import type { Executor } from '../../db/connection.ts';
import { companySettings } from '../settings/index.ts';
import * as repo from './repository.ts';

/** What a rule's conditions look at, as the registration knows them. */
export interface RoutingFacts {
  type: string;
  causeCategory: string | null;
  productLine: string | null;
  customerId: string | null;
  customerCountry: string | null;
  customerProvince: string | null;
}

export function ruleMatches(c: AssignmentConditions, f: RoutingFacts & { region: CustomerRegion }) {
  return (
    listAllows(c.types, f.type) &&
    listAllows(c.causeCategories, f.causeCategory) &&
    listAllows(c.productLines, f.productLine) &&
    regionAllows(c.regions, f.region) &&
    listAllows(c.customerIds, f.customerId)
  );
}

/** The next person present after the one chosen last, in the rule's order (from the start when the last one left the list). */
function nextInTurn(candidates: readonly string[], last: string | null, present: ReadonlySet<string>): string | null {
  const lastIndex = last ? candidates.indexOf(last) : -1;
  for (let i = 1; i <= candidates.length; i++) {
    const c = candidates[(lastIndex + i + candidates.length) % candidates.length]!;
    if (present.has(c)) return c;
  }
  return null;
}

/** The person with the fewest open cases; the first in order on a tie. */
const leastLoaded = (ordered: readonly string[], open: ReadonlyMap<string, number>) =>
  ordered.reduce((best, id) => ((open.get(id) ?? 0) < (open.get(best) ?? 0) ? id : best), ordered[0]!);

/**
 * Apply the first matching active rule to a new case that names no owner or department:
 * fixed (the first person present), round-robin (the next person present after the last one
 * chosen), or fewest open cases. People marked away are skipped; with nobody present the case
 * goes to the rule's department unassigned.
 */
export async function route(
  tx: Executor,
  config: { companyCountry: string },
  facts: RoutingFacts,
  now: Date,
  /** The company settings when the caller has read them already. */
  settings?: CompanySettings,
): Promise<{ ruleId: string; ruleName: string; departmentId: string | null; ownerId: string | null } | undefined> {
  const rules = await repo.activeRules(tx);
  if (rules.length === 0) return undefined;
  const company = settings ?? (await companySettings(tx));
  const region = facts.customerCountry
    ? regionOf(
        { country: config.companyCountry, province: company.province },
        { country: facts.customerCountry, province: facts.customerProvince },
      )
    : 'domestic';
  const rule = rules.find((r) => ruleMatches(r.conditions as AssignmentConditions, { ...facts, region }));
  if (!rule) return undefined;

  let candidates = rule.userIds;
  if (candidates.length === 0 && rule.departmentId && rule.strategy !== 'fixed') {
    candidates = await repo.activeMembersOf(tx, rule.departmentId);
  }
  const present = candidates.length > 0 ? await repo.presentUserIds(tx, candidates, now) : new Set<string>();
  const ordered = candidates.filter((id) => present.has(id));
  let ownerId: string | null = null;
  if (ordered.length > 0) {
    if (rule.strategy === 'fixed') ownerId = ordered[0]!;
    else if (rule.strategy === 'round_robin') {
      ownerId = nextInTurn(candidates, await repo.lockLastChosen(tx, rule.id), present);
      await repo.setLastChosen(tx, rule.id, ownerId);
    } else {
      ownerId = leastLoaded(ordered, await repo.openCaseCounts(tx, ordered));
    }
  }
  const departmentId = rule.departmentId ?? (ownerId ? await repo.departmentOfUser(tx, ownerId) : null);
  return { ruleId: rule.id, ruleName: rule.name, departmentId, ownerId };
}
