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

/** The actions the lifecycle allows now (permissions and authority are checked by the server). */
export function dispositionActions(d: DispositionState): DispositionAction[] {
  const out: DispositionAction[] = [];
  if (d.status === 'proposed') out.push('submit');
  if (d.status === 'awaiting_approval') out.push('approve', 'refuse');
  if (d.status === 'approved') out.push('start');
  if (d.status === 'in_progress') out.push('complete');
  if (isOpenDisposition(d.status)) out.push('update', 'cancel');
  if (isOpenDisposition(d.status) && d.customerDecision === 'pending' && d.kind !== 'explanation')
    out.push('customer_accept', 'customer_refuse');
  return out;
}

/** Where an action leads. `submit` goes to approval only when the matrix requires one. */
export function dispositionNext(d: DispositionState, action: DispositionAction): DispositionStatus {
  switch (action) {
    case 'submit':
      return d.requiresApproval ? 'awaiting_approval' : d.kind === 'explanation' ? 'done' : 'approved';
    case 'approve':
      return 'approved';
    case 'refuse':
      return 'refused';
    case 'start':
      return 'in_progress';
    case 'complete':
      return 'done';
    case 'cancel':
    case 'customer_refuse':
      return 'cancelled';
    default:
      return d.status;
  }
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
