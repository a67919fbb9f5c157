import type { Permission } from '../auth/schemas.ts';
import type { CaseStatus, CaseType, ResponsibilityParty } from './vocabulary.ts';

/**
 * The case lifecycle as data (DESIGN.md §4). The server calls `checkTransition` before every
 * status change; the web app shows only `allowedActions`; the database constrains the values.
 */
export const CASE_ACTIONS = [
  'acknowledge',
  'investigate',
  'propose',
  'request_approval',
  'approve',
  'decline',
  'start_resolution',
  'request_confirmation',
  'close',
  'reject',
  'hold',
  'resume',
  'reopen',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

interface TransitionRule {
  from: readonly CaseStatus[];
  /** `previous` returns to the status held before `on_hold`; `same` leaves the status alone. */
  to: CaseStatus | 'previous' | 'same';
  permission: Permission;
}

const WORKING: readonly CaseStatus[] = [
  'new',
  'acknowledged',
  'investigating',
  'proposing',
  'awaiting_approval',
  'resolving',
  'awaiting_confirmation',
];

export const TRANSITIONS: Readonly<Record<CaseAction, TransitionRule>> = {
  acknowledge: { from: ['new'], to: 'acknowledged', permission: 'cases:handle' },
  investigate: { from: ['acknowledged'], to: 'investigating', permission: 'cases:handle' },
  propose: { from: ['acknowledged', 'investigating'], to: 'proposing', permission: 'cases:handle' },
  request_approval: { from: ['proposing'], to: 'awaiting_approval', permission: 'cases:handle' },
  approve: { from: ['awaiting_approval'], to: 'resolving', permission: 'cases:approve' },
  decline: { from: ['awaiting_approval'], to: 'proposing', permission: 'cases:approve' },
  start_resolution: {
    from: ['acknowledged', 'investigating', 'proposing'],
    to: 'resolving',
    permission: 'cases:handle',
  },
  request_confirmation: { from: ['resolving'], to: 'awaiting_confirmation', permission: 'cases:handle' },
  close: {
    from: ['acknowledged', 'investigating', 'proposing', 'resolving', 'awaiting_confirmation'],
    to: 'closed',
    permission: 'cases:close',
  },
  reject: { from: ['new', 'acknowledged', 'investigating', 'proposing'], to: 'rejected', permission: 'cases:reject' },
  hold: { from: WORKING, to: 'on_hold', permission: 'cases:handle' },
  resume: { from: ['on_hold'], to: 'previous', permission: 'cases:handle' },
  reopen: { from: ['closed', 'rejected'], to: 'same', permission: 'cases:handle' },
};

/** Types whose closure needs a responsibility decision and the customer's confirmation (PROCEDURE.md §5). */
export const TYPES_NEEDING_RESPONSIBILITY: readonly CaseType[] = ['complaint', 'return'];

/** What a guard needs to know about the case. */
export interface CaseLifecycleState {
  type: CaseType;
  status: CaseStatus;
  holdFromStatus: CaseStatus | null;
  responsibilityParty: ResponsibilityParty | null;
  rejectionExplanation?: string | null;
}

/** What the caller supplies with the action; validated for shape by `TransitionBody`. */
export interface TransitionInput {
  action: CaseAction;
  responsibility?: { party: ResponsibilityParty } | undefined;
  customerConfirmed?: boolean | undefined;
  closeReason?: string | undefined;
  explanation?: string | undefined;
  reason?: string | undefined;
}

export interface GuardViolation {
  field: string;
  code: string;
  message: string;
}

export type TransitionCheck =
  | { ok: true; to: CaseStatus }
  | { ok: false; reason: 'not_allowed_from_status'; from: CaseStatus }
  | { ok: false; reason: 'guard_failed'; violations: GuardViolation[] };

const blank = (s: string | undefined | null) => s === undefined || s === null || s.trim() === '';

function guardViolations(state: CaseLifecycleState, input: TransitionInput): GuardViolation[] {
  const out: GuardViolation[] = [];
  switch (input.action) {
    case 'close':
      if (TYPES_NEEDING_RESPONSIBILITY.includes(state.type)) {
        if (!state.responsibilityParty && !input.responsibility) {
          out.push({
            field: 'responsibility',
            code: 'responsibility_required',
            message: 'a complaint cannot close without a responsibility decision',
          });
        }
        if (input.customerConfirmed !== true && blank(input.closeReason)) {
          out.push({
            field: 'customerConfirmed',
            code: 'confirmation_or_reason_required',
            message: "closing needs the customer's confirmation or a recorded reason (closeReason)",
          });
        }
      }
      break;
    case 'reject':
      if (blank(input.explanation)) {
        out.push({
          field: 'explanation',
          code: 'explanation_required',
          message: 'rejecting needs the explanation given to the customer',
        });
      }
      break;
    case 'hold':
    case 'decline':
    case 'reopen':
      if (blank(input.reason)) {
        out.push({ field: 'reason', code: 'reason_required', message: `${input.action} needs a reason` });
      }
      break;
    case 'acknowledge':
    case 'investigate':
    case 'propose':
    case 'request_approval':
    case 'approve':
    case 'start_resolution':
    case 'request_confirmation':
    case 'resume':
      break;
    default: {
      const exhaustive: never = input.action;
      throw new Error(`unknown action ${String(exhaustive)}`);
    }
  }
  return out;
}

/** Decide whether `input` may move a case in `state`, and to which status. Pure. */
export function checkTransition(state: CaseLifecycleState, input: TransitionInput): TransitionCheck {
  const rule = TRANSITIONS[input.action];
  if (!rule.from.includes(state.status)) return { ok: false, reason: 'not_allowed_from_status', from: state.status };
  const violations = guardViolations(state, input);
  if (violations.length > 0) return { ok: false, reason: 'guard_failed', violations };
  if (rule.to === 'previous') return { ok: true, to: state.holdFromStatus ?? 'acknowledged' };
  if (rule.to === 'same') return { ok: true, to: state.status };
  return { ok: true, to: rule.to };
}

/** Actions available from the case's status to someone holding `permissions` (guards are checked on submit). */
export function allowedActions(state: Pick<CaseLifecycleState, 'status'>, permissions: ReadonlySet<string>): CaseAction[] {
  return CASE_ACTIONS.filter((a) => {
    const rule = TRANSITIONS[a];
    return rule.from.includes(state.status) && permissions.has(rule.permission);
  });
}
