import type { InvestigationReportStatus, InvestigationView, ReviewDecision } from '@closeloop/domain';
import type { InvestigationRow, InvestigationViewRow } from './repository.ts';

/** Not submitted, waiting for management's review, or reviewed (the review is cleared when the report is submitted again). */
export const reportStatusOf = (r: InvestigationRow | undefined): InvestigationReportStatus =>
  !r?.reportSubmittedAt ? 'draft' : ((r.reviewDecision as ReviewDecision | null) ?? 'submitted');

/** The investigation as the API shows it; a case not yet investigated shows an empty draft (version 0). */
export function presentInvestigation(row: InvestigationViewRow, caseId: string): InvestigationView {
  const r = row?.r;
  return {
    caseId,
    facts: r?.facts ?? '',
    fiveWhys: (r?.fiveWhys as { why: string; because: string }[]) ?? [],
    fishbone: (r?.fishbone as Record<string, string[]>) ?? {},
    rootCause6m: r?.rootCause6m ?? null,
    rootCause: r?.rootCause ?? null,
    appraisalRequired: r?.appraisalRequired ?? false,
    appraisalReport: r?.appraisalReport ?? null,
    appraisedAt: r?.appraisedAt?.toISOString() ?? null,
    reportDueAt: r?.reportDueAt?.toISOString() ?? null,
    reportSubmittedAt: r?.reportSubmittedAt?.toISOString() ?? null,
    version: r?.version ?? 0,
    reportSubmittedBy: r?.reportSubmittedById ? { id: r.reportSubmittedById, displayName: row?.submitterName ?? '' } : null,
    reportStatus: reportStatusOf(r),
    review:
      r?.reviewDecision && r.reviewedAt
        ? {
            decision: r.reviewDecision as ReviewDecision,
            instruction: r.reviewInstruction,
            reviewedBy: r.reviewedById ? { id: r.reviewedById, displayName: row?.reviewerName ?? '' } : null,
            reviewedAt: r.reviewedAt.toISOString(),
          }
        : null,
  };
}
