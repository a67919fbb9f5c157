import {
  allowedDispositionActions,
  type CostView,
  type DispositionQueueItem,
  type DispositionState,
  type DispositionView,
} from '@closeloop/domain';
import type { ApprovalWithNames, CostRow, DispositionRow } from './repository.ts';

/** Rows → API views. Pure: what a view shows of costs is decided by the caller (`canSeeCosts`). */

/** The lifecycle's view of a disposition row. */
export const stateOf = (d: DispositionRow): DispositionState => ({
  kind: d.kind as DispositionView['kind'],
  status: d.status,
  requiresApproval: d.requiresApproval,
  customerDecision: d.customerDecision as DispositionView['customerDecision'],
});

export const presentCost = (c: CostRow): CostView => ({
  id: c.id,
  dispositionId: c.dispositionId,
  category: c.category as CostView['category'],
  amount: c.amount,
  description: c.description,
  bearer: c.bearer as CostView['bearer'],
  departmentId: c.departmentId,
  externalParty: c.externalParty,
  incurredOn: c.incurredOn,
  recoveredAmount: c.recoveredAmount,
});

const presentApproval = ({ a, requesterName, deciderName }: ApprovalWithNames): DispositionView['approvals'][number] => ({
  id: a.id,
  requiredRole: a.requiredRole,
  amount: a.amount,
  status: a.status as DispositionView['approvals'][number]['status'],
  requestedBy: a.requestedById ? { id: a.requestedById, displayName: requesterName ?? '' } : null,
  decidedBy: a.decidedById ? { id: a.decidedById, displayName: deciderName ?? '' } : null,
  decidedAt: a.decidedAt ? a.decidedAt.toISOString() : null,
  note: a.note,
});

export interface DispositionFacts {
  approvals: readonly ApprovalWithNames[];
  /** Undefined for a caller who may not see costs: the view leaves `costs` and `costTotal` out. */
  costs: readonly CostRow[] | undefined;
  /** The caller's permissions: the actions offered are those they may take. */
  permissions: ReadonlySet<string> | undefined;
}

export function presentDisposition(d: DispositionRow, caseNumber: string, facts: DispositionFacts): DispositionView {
  const state = stateOf(d);
  const { costs } = facts;
  return {
    id: d.id,
    caseId: d.caseId,
    caseNumber,
    number: d.number,
    kind: state.kind,
    status: state.status,
    details: d.details as DispositionView['details'],
    approvalKind: d.approvalKind as DispositionView['approvalKind'],
    amount: d.amount,
    requiresApproval: d.requiresApproval,
    customerDecision: state.customerDecision,
    warranty: d.warranty ?? null,
    approvals: facts.approvals.map(presentApproval),
    ...(costs ? { costs: costs.map(presentCost), costTotal: Math.round(costs.reduce((s, c) => s + c.amount, 0) * 100) / 100 } : {}),
    signature: (d.signature as DispositionView['signature']) ?? null,
    allowedActions: allowedDispositionActions(state, facts.permissions),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    version: d.version,
  };
}

/** Many dispositions with the approvals and costs loaded for all of them at once. */
export function presentDispositions(
  rows: readonly { d: DispositionRow; caseNumber: string }[],
  approvals: readonly ApprovalWithNames[],
  costs: readonly CostRow[] | undefined,
  permissions: ReadonlySet<string> | undefined,
): DispositionView[] {
  const approvalsBy = groupBy(approvals, (a) => a.a.dispositionId);
  const costsBy = costs ? groupBy(costs, (c) => c.dispositionId ?? '') : undefined;
  return rows.map(({ d, caseNumber }) =>
    presentDisposition(d, caseNumber, {
      approvals: approvalsBy.get(d.id) ?? [],
      costs: costsBy ? (costsBy.get(d.id) ?? []) : undefined,
      permissions,
    }),
  );
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** A line of a work list. */
export const presentQueueItem = ({ d, caseNumber }: { d: DispositionRow; caseNumber: string }): DispositionQueueItem => ({
  id: d.id,
  number: d.number,
  caseId: d.caseId,
  caseNumber,
  kind: d.kind as DispositionQueueItem['kind'],
  status: d.status,
});
