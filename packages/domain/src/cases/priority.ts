import type { Grade, Priority, Severity } from './vocabulary.ts';

const byGrade: Record<Grade, number> = { urgent: 1, serious: 2, important: 3, general: 4 };
const bySeverity: Record<Severity, number> = { CR: 1, MA: 3, MI: 4 };

/**
 * Priority derived from complaint grade, defect severity and customer tier.
 * The more urgent of grade and severity wins; a key account (tier A) moves one step up.
 * With neither grade nor severity known the case is P3 (normal).
 */
export function derivePriority(input: { grade?: Grade | null; severity?: Severity | null; customerTier?: string | null }): Priority {
  const ranks = [input.grade ? byGrade[input.grade] : undefined, input.severity ? bySeverity[input.severity] : undefined].filter(
    (r): r is number => r !== undefined,
  );
  let rank = ranks.length > 0 ? Math.min(...ranks) : 3;
  if (input.customerTier === 'A') rank = Math.max(1, rank - 1);
  return `P${rank}` as Priority;
}

/** One step more urgent (P4 → P3 … P1 stays P1): the escalation ladder's "raise priority". */
export function raisePriority(p: Priority): Priority {
  const rank = Number(p.slice(1));
  return `P${Math.max(1, rank - 1)}` as Priority;
}
