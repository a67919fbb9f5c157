import type { CaseAction, CaseView, RESPONSIBILITY_PARTIES, TransitionBody } from '@closeloop/domain';
import type { z } from 'zod';

type Party = (typeof RESPONSIBILITY_PARTIES)[number];

/** What the action dialog's form holds; names follow the API's so guard errors land on their field. */
export interface ActionValues {
  note?: string;
  proposal?: string;
  resolution?: string;
  responsibility?: { party?: Party; departmentId?: string; externalParty?: string; reason?: string };
  customerConfirmed?: boolean;
  confirmationNote?: string;
  closeReason?: string;
  explanation?: string;
  reason?: string;
}

/** Which form an action needs. */
export type ActionForm = 'close' | 'reject' | 'reason' | 'proposal' | 'resolution' | 'note';
export function formOf(action: CaseAction): ActionForm {
  switch (action) {
    case 'close':
      return 'close';
    case 'reject':
      return 'reject';
    case 'hold':
    case 'decline':
    case 'reopen':
      return 'reason';
    case 'propose':
      return 'proposal';
    case 'request_confirmation':
      return 'resolution';
    default:
      return 'note';
  }
}

const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

export function initialActionValues(action: CaseAction, c: CaseView): ActionValues {
  switch (formOf(action)) {
    case 'close':
      return {
        resolution: c.resolution ?? undefined,
        customerConfirmed: false,
        responsibility: c.responsibility
          ? {
              party: c.responsibility.party,
              departmentId: c.responsibility.departmentId ?? undefined,
              externalParty: c.responsibility.externalParty ?? undefined,
              reason: c.responsibility.reason,
            }
          : {},
      };
    case 'proposal':
      return { proposal: c.proposal ?? undefined };
    case 'resolution':
      return { resolution: c.resolution ?? undefined };
    default:
      return {};
  }
}

/**
 * The body of `POST /cases/{id}/transitions` for the action, with the version the page loaded. The
 * responsibility decision goes along only from those who may decide it (`canDecide`).
 */
export function toTransitionBody(action: CaseAction, v: ActionValues, version: number, canDecide = false): z.input<typeof TransitionBody> {
  const base = { action, version };
  switch (formOf(action)) {
    case 'close': {
      const r = v.responsibility;
      const confirmed = Boolean(v.customerConfirmed);
      return {
        ...base,
        resolution: text(v.resolution),
        responsibility:
          canDecide && r?.party
            ? {
                party: r.party,
                departmentId: r.party === 'ours' ? r.departmentId : undefined,
                externalParty: r.party === 'supplier' || r.party === 'carrier' ? text(r.externalParty) : undefined,
                reason: (r.reason ?? '').trim(),
              }
            : undefined,
        customerConfirmed: confirmed,
        confirmationNote: confirmed ? text(v.confirmationNote) : undefined,
        closeReason: confirmed ? undefined : text(v.closeReason),
      };
    }
    case 'reject':
      return { ...base, explanation: text(v.explanation) };
    case 'reason':
      return { ...base, reason: text(v.reason) };
    case 'proposal':
      return { ...base, proposal: text(v.proposal) };
    case 'resolution':
      return { ...base, resolution: text(v.resolution) };
    default:
      return { ...base, note: text(v.note) };
  }
}

/** A guard's field → the dialog's field. */
export function actionFieldName(field: string): (string | number)[] | undefined {
  if (field === 'responsibility') return ['responsibility', 'party'];
  if (field === 'customerConfirmed') return ['closeReason'];
  if (field.startsWith('responsibility.')) return field.split('.');
  const known = ['note', 'proposal', 'resolution', 'confirmationNote', 'closeReason', 'explanation', 'reason'];
  return known.includes(field) ? [field] : undefined;
}
