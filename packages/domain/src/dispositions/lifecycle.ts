import { APPROVAL_AUTHORITY, type Permission } from '../auth/schemas.ts';
import type { ApprovalKind, DispositionAction, DispositionDetails, DispositionKind, DispositionStatus } from './schemas.ts';

const OPEN: readonly DispositionStatus[] = ['proposed', 'awaiting_approval', 'approved', 'in_progress'];

export const isOpenDisposition = (s: DispositionStatus) => OPEN.includes(s);

/** Kinds that change goods or money hands: the customer must agree before work starts (PROCEDURE.md §5). */
export function needsCustomerConsent(details: DispositionDetails): boolean {
  if (details.kind === 'replacement' || details.kind === 'refund' || details.kind === 'compensation') return true;
  if ((details.kind === 'repair' || details.kind === 'spare_parts') && details.chargeable) return true;
  return false;
}

/** What must be on record before a disposition is done, as `{ field, message }` per gap. */
export function completionGaps(details: DispositionDetails, extra: { signed: boolean }): { field: string; message: string }[] {
  const gaps: { field: string; message: string }[] = [];
  const need = (ok: unknown, field: string, message: string) => {
    if (!ok) gaps.push({ field: `details.${field}`, message });
  };
  switch (details.kind) {
    case 'repair':
      need(details.workDone, 'workDone', 'record the work done');
      break;
    case 'replacement':
      need(details.faultySerial, 'faultySerial', 'record the serial of the faulty unit');
      need(details.replacementSerial, 'replacementSerial', 'record the serial of the replacement');
      break;
    case 'refund':
      need(details.paidOn, 'paidOn', 'record when the refund was paid');
      break;
    case 'rma':
      need(details.receivedOn, 'receivedOn', 'record when the goods arrived');
      need(details.inspection, 'inspection', 'record the receiving inspection');
      need(details.goodsDisposition, 'goodsDisposition', 'decide what happens to the returned goods');
      break;
    case 'spare_parts':
      need(details.shippedOn, 'shippedOn', 'record the shipment');
      need(details.receivedOn, 'receivedOn', 'record that the customer received the parts');
      break;
    case 'service_order':
      need(details.arrivedAt, 'arrivedAt', 'record the arrival on site');
      need(details.workDone, 'workDone', 'record the work done');
      if (!extra.signed) gaps.push({ field: 'signature', message: 'the customer signs the service memo first' });
      break;
    default:
      break;
  }
  return gaps;
}

export interface DispositionState {
  kind: DispositionKind;
  status: DispositionStatus;
  requiresApproval: boolean;
  customerDecision: 'pending' | 'accepted' | 'refused';
}

interface DispositionTransitionRule {
  from: readonly DispositionStatus[];
  /**
   * `same` leaves the status alone (facts recorded on the disposition); `after_submit` goes to
   * approval when the matrix requires one, else an explanation is done and the rest approved.
   */
  to: DispositionStatus | 'same' | 'after_submit';
  /** Approving or refusing spends approval authority; every other action carries the disposition out. */
  permission: Permission;
  /** Only while the customer has not answered, and never for an explanation (nothing to agree to). */
  customerAnswer?: true;
}

/**
 * The disposition lifecycle as data. The server calls `checkDispositionTransition` before every
 * action; the web app shows only the view's `allowedActions`; the database constrains the
 * statuses. The order of the keys is the order actions are offered in.
 */
export const DISPOSITION_TRANSITIONS: Readonly<Record<DispositionAction, DispositionTransitionRule>> = {
  submit: { from: ['proposed'], to: 'after_submit', permission: 'dispositions:write' },
  approve: { from: ['awaiting_approval'], to: 'approved', permission: 'cases:approve' },
  refuse: { from: ['awaiting_approval'], to: 'refused', permission: 'cases:approve' },
  start: { from: ['approved'], to: 'in_progress', permission: 'dispositions:write' },
  complete: { from: ['in_progress'], to: 'done', permission: 'dispositions:write' },
  update: { from: OPEN, to: 'same', permission: 'dispositions:write' },
  cancel: { from: OPEN, to: 'cancelled', permission: 'dispositions:write' },
  customer_accept: { from: OPEN, to: 'same', permission: 'dispositions:write', customerAnswer: true },
  customer_refuse: { from: OPEN, to: 'cancelled', permission: 'dispositions:write', customerAnswer: true },
};

export type DispositionTransitionCheck =
  | { ok: true; to: DispositionStatus }
  | { ok: false; reason: 'not_allowed_from_status'; from: DispositionStatus; allowed: DispositionAction[] };

const isAvailable = (d: DispositionState, rule: DispositionTransitionRule) =>
  rule.from.includes(d.status) && (!rule.customerAnswer || (d.customerDecision === 'pending' && d.kind !== 'explanation'));

/** The actions the lifecycle allows now (permissions and authority are checked by the server). */
export function dispositionActions(d: DispositionState): DispositionAction[] {
  return (Object.keys(DISPOSITION_TRANSITIONS) as DispositionAction[]).filter((a) => isAvailable(d, DISPOSITION_TRANSITIONS[a]));
}

/** Actions available now to someone holding `permissions` (guards and approval authority are checked on submit). */
export function allowedDispositionActions(d: DispositionState, permissions: ReadonlySet<string> | undefined): DispositionAction[] {
  return dispositionActions(d).filter((a) => permissions?.has(DISPOSITION_TRANSITIONS[a].permission));
}

/**
 * Whether `action` may move a disposition in `state`, and to which status. Pure. `submit` goes to
 * approval only when `state.requiresApproval` (the matrix, decided by the caller).
 */
export function checkDispositionTransition(d: DispositionState, action: DispositionAction): DispositionTransitionCheck {
  const rule = DISPOSITION_TRANSITIONS[action];
  if (!isAvailable(d, rule)) return { ok: false, reason: 'not_allowed_from_status', from: d.status, allowed: dispositionActions(d) };
  if (rule.to === 'same') return { ok: true, to: d.status };
  if (rule.to === 'after_submit') {
    return { ok: true, to: d.requiresApproval ? 'awaiting_approval' : d.kind === 'explanation' ? 'done' : 'approved' };
  }
  return { ok: true, to: rule.to };
}

/**
 * Whether roles `held` carry the authority a band requires: the required role itself, or one at or
 * above it in the ladder (`APPROVAL_AUTHORITY`); a role outside the ladder only by itself.
 */
export function mayApprove(held: readonly string[], required: string): boolean {
  if (held.includes(required)) return true;
  const need = (APPROVAL_AUTHORITY as readonly string[]).indexOf(required);
  if (need < 0) return false;
  return held.some((r) => (APPROVAL_AUTHORITY as readonly string[]).indexOf(r) >= need);
}

/** The roles that may approve a band requiring `required` (`mayApprove`'s other direction): whom to tell. */
export function rolesMayApprove(required: string): string[] {
  const need = (APPROVAL_AUTHORITY as readonly string[]).indexOf(required);
  return need < 0 ? [required] : APPROVAL_AUTHORITY.slice(need);
}

/**
 * The spending a disposition is, for the approval matrix (核决权限): its kind and amount, read from
 * the details and nowhere else — the amount approved is the amount paid. A refund or compensation
 * is its amount, a replacement its value, other kinds their goodwill amount.
 */
export function spendingOf(details: DispositionDetails): { kind: ApprovalKind | null; amount: number | null } {
  switch (details.kind) {
    case 'refund':
      return { kind: 'refund', amount: details.amount };
    case 'compensation':
      return { kind: 'compensation', amount: details.amount };
    case 'replacement':
      return { kind: 'free_replacement', amount: details.value ?? null };
    case 'repair':
    case 'rma':
    case 'spare_parts':
    case 'service_order':
      return details.goodwillAmount ? { kind: 'goodwill', amount: details.goodwillAmount } : { kind: null, amount: null };
    case 'explanation':
      return { kind: null, amount: null };
    default: {
      const exhaustive: never = details;
      throw new Error(`unknown disposition kind ${String(exhaustive)}`);
    }
  }
}

/** Statuses in which an approval was asked for or given: a change of money there asks again. */
export const APPROVAL_BOUND: readonly DispositionStatus[] = ['awaiting_approval', 'approved', 'in_progress'];
