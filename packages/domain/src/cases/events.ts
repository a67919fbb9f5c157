import { z } from 'zod';
import { Id, IsoDateTime } from '../common/schemas.ts';
import { COST_BEARERS, COST_CATEGORIES, DISPOSITION_ACTIONS, DISPOSITION_KINDS, DISPOSITION_STATUSES } from '../dispositions/schemas.ts';
import { CLOCK_KINDS } from '../sla/schemas.ts';
import { CASE_ACTIONS } from './lifecycle.ts';
import { PersonRef } from './schemas.ts';
import { CASE_STATUSES, CASE_TYPES, CHANNELS, COMMENT_VISIBILITIES, LINK_KINDS, PRIORITIES } from './vocabulary.ts';

/**
 * The case timeline (处理记录), typed: a closed list of event kinds and one schema per kind's `data`,
 * combined into a union on `kind`. The server writes only these (one writer validates each event;
 * a CHECK constraint built from `CASE_EVENT_KINDS` refuses any other kind), the API document shows
 * each kind's data, and the web app renders each kind through an exhaustive switch.
 *
 * Adding a kind: add it here with its data schema, then a migration (`db:generate` sees the CHECK
 * change) and a renderer (the web app's typecheck fails without one).
 */
export const CASE_EVENT_KINDS = [
  'created',
  'updated',
  'commented',
  'transition',
  'linked',
  'reopened',
  'attachment_added',
  'assigned_by_rule',
  'clocks_reset',
  'site_arrived',
  'sla_warning',
  'sla_breached',
  'sla_escalated',
  'disposition_proposed',
  'disposition_approval_requested',
  'disposition_approved',
  'disposition_refused',
  'disposition_updated',
  'service_memo_signed',
  'cost_recorded',
  'cost_recovered',
  'investigation_updated',
  'investigation_reported',
  'investigation_reviewed',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];
/** The data of one kind of event, as a writer gives it. */
export type CaseEventData<K extends keyof typeof CASE_EVENT_DATA> = z.input<(typeof CASE_EVENT_DATA)[K]>;

/** Kinds the system records on its own (rules, the deadline sweep): never a person's, whoever's request caused them. */
export const SYSTEM_EVENT_KINDS = [
  'assigned_by_rule',
  'sla_warning',
  'sla_breached',
  'sla_escalated',
] as const satisfies readonly CaseEventKind[];

/** Kinds whose data carries a cost's amount: shown without it to callers lacking `costs:read`. */
export const COST_EVENT_KINDS = ['cost_recorded', 'cost_recovered'] as const satisfies readonly CaseEventKind[];

/** `{ field, from, to }`: one changed field of the case, by its API name. */
export const EventChange = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export type EventChange = z.infer<typeof EventChange>;

/** Kinds whose facts are in `body`, `changes` or `visibility` alone. */
const NoData = z.null().default(null);
const CaseRef = z.object({ caseId: Id, number: z.string() });
const Amount = z.number();
const Disposition = { dispositionId: Id, number: z.string().describe('the disposition number') };

/** One schema per kind's `data`. Stored as JSON in `case_events.data`. */
export const CASE_EVENT_DATA = {
  /** Registered; `reopenedFrom` when reopened from a closed case, `followUpOf` when the customer refused a disposition. */
  created: z.object({
    number: z.string(),
    type: z.enum(CASE_TYPES).optional(),
    intakeChannel: z.enum(CHANNELS).optional(),
    reopenedFrom: CaseRef.optional(),
    followUpOf: CaseRef.extend({ disposition: z.string().describe('the refused disposition number') }).optional(),
  }),
  /** The record edited: the fields in `changes`, a priority override's reason in `body`. */
  updated: NoData,
  /** A comment in `body`, internal or customer-visible by `visibility`. */
  commented: NoData,
  /** A lifecycle move (`changes` has the fields it set, `body` its note or reason). */
  transition: z.object({ action: z.enum(CASE_ACTIONS), from: z.enum(CASE_STATUSES), to: z.enum(CASE_STATUSES) }),
  /** Linked to another case; recorded on both. */
  linked: CaseRef.extend({ kind: z.enum(LINK_KINDS) }),
  /** Reopened as a new case (the reason in `body`). */
  reopened: z.object({ newCase: CaseRef }),
  attachment_added: z.object({ attachmentId: Id, filename: z.string(), size: z.number().int(), contentType: z.string() }),
  /** Routed by an assignment rule (`changes`: owner, department). */
  assigned_by_rule: z.object({ ruleId: Id, ruleName: z.string() }),
  /** Clocks restarted (the reason in `body`). */
  clocks_reset: z.object({ clocks: z.array(z.enum(CLOCK_KINDS)) }),
  site_arrived: z.object({ arrivedAt: IsoDateTime }),
  sla_warning: z.object({ clock: z.enum(CLOCK_KINDS), dueAt: IsoDateTime }),
  sla_breached: z.object({ clock: z.enum(CLOCK_KINDS), dueAt: IsoDateTime }),
  /** A rung of the escalation ladder: how many were notified, who the case went to, how far the priority rose. */
  sla_escalated: z.object({
    clock: z.enum(CLOCK_KINDS),
    level: z.number().int().min(1),
    notified: z.number().int().min(0),
    reassignedTo: Id.nullable(),
    priority: z.object({ from: z.enum(PRIORITIES), to: z.enum(PRIORITIES) }).nullable(),
  }),
  disposition_proposed: z.object({
    ...Disposition,
    kind: z.enum(DISPOSITION_KINDS),
    amount: Amount.nullable(),
    requiredRole: z.string().nullable().describe('role code that approves the amount; null when no approval is needed'),
  }),
  /** `previousAmount` and `reason` when money changed after submission and the request was filed again. */
  disposition_approval_requested: z.object({
    ...Disposition,
    requiredRole: z.string(),
    amount: Amount.nullable(),
    previousAmount: Amount.nullable().optional(),
    reason: z.literal('amount_changed').optional(),
  }),
  disposition_approved: z.object({ ...Disposition, amount: Amount, role: z.string() }),
  disposition_refused: z.object({ ...Disposition, amount: Amount, role: z.string() }),
  /** A step of the disposition's lifecycle; `newCaseId` when the customer's refusal opened a follow-up case. */
  disposition_updated: z.object({
    ...Disposition,
    kind: z.enum(DISPOSITION_KINDS),
    action: z.enum(DISPOSITION_ACTIONS),
    from: z.enum(DISPOSITION_STATUSES),
    to: z.enum(DISPOSITION_STATUSES),
    newCaseId: Id.optional(),
  }),
  service_memo_signed: z.object({ ...Disposition, signedBy: z.string(), attachmentId: Id }),
  cost_recorded: z.object({
    costId: z.number().int(),
    category: z.enum(COST_CATEGORIES),
    amount: Amount,
    bearer: z.enum(COST_BEARERS),
    departmentId: Id.nullable(),
    externalParty: z.string().nullable(),
  }),
  /** `from`: the supplier or carrier named on the cost, else its bearer. */
  cost_recovered: z.object({ costId: z.number().int(), amount: Amount, from: z.string() }),
  /** The investigation fields saved, by their API names. */
  investigation_updated: z.object({ fields: z.array(z.string()) }),
  investigation_reported: z.object({ late: z.boolean(), dueAt: IsoDateTime.nullable() }),
  /** The GM office's review of the investigation report: accepted, or returned with what to do. */
  investigation_reviewed: z.object({ decision: z.enum(['accepted', 'returned']), instruction: z.string().nullable() }),
} as const satisfies Record<CaseEventKind, z.ZodType>;

/** What the API shows of each kind: as stored, except that cost amounts are left out for callers without `costs:read`. */
const CASE_EVENT_VIEW_DATA = {
  ...CASE_EVENT_DATA,
  cost_recorded: CASE_EVENT_DATA.cost_recorded.extend({ amount: Amount.optional().describe('absent without costs:read') }),
  cost_recovered: CASE_EVENT_DATA.cost_recovered.extend({ amount: Amount.optional().describe('absent without costs:read') }),
} as const satisfies Record<CaseEventKind, z.ZodType>;

type DataSchemas = { readonly [K in CaseEventKind]: z.ZodType };
type MemberOf<S extends z.core.$ZodShape, D extends DataSchemas> = {
  [K in CaseEventKind]: z.ZodObject<S & { kind: z.ZodLiteral<K>; data: D[K] }>;
}[CaseEventKind];

/** One object schema per kind: `shape` plus the kind and its data. */
function membersOf<S extends z.core.$ZodShape, D extends DataSchemas>(shape: S, data: D) {
  const members = CASE_EVENT_KINDS.map((kind) => z.object({ ...shape, kind: z.literal(kind), data: data[kind] }));
  // The list cannot be spelled as a tuple type from CASE_EVENT_KINDS; each member is exactly one of MemberOf.
  return members as unknown as [MemberOf<S, D>, ...MemberOf<S, D>[]];
}

/** What a writer records and a reader of the timeline gets back: `{ kind, data }`, typed by kind. */
export const CaseEvent = z.discriminatedUnion('kind', membersOf({}, CASE_EVENT_DATA));
export type CaseEvent = z.infer<typeof CaseEvent>;
/** A writer's input: kinds without data may leave `data` out. */
export type CaseEventInput = z.input<typeof CaseEvent>;

/** The stored event as typed data, or undefined when it does not match its kind (rows from before the kinds were typed). */
export function parseCaseEvent(kind: string, data: unknown): CaseEvent | undefined {
  const parsed = CaseEvent.safeParse({ kind, data });
  return parsed.success ? parsed.data : undefined;
}

const EventBase = {
  id: z.string(),
  at: IsoDateTime,
  actor: PersonRef.describe('null when the system recorded the event'),
  /** How the change arrived: web, api (token), email, system. */
  channel: z.string(),
  changes: z.array(EventChange),
  body: z.string().nullable(),
  visibility: z.enum(COMMENT_VISIBILITIES).nullable(),
};

/**
 * A stored event whose data does not match its kind's schema (written before the timeline was
 * typed, or changed by hand): shown as it is stored, under its `recordedKind`, so the timeline
 * never fails on one row.
 */
export const UnrecognizedEventView = z.object({
  ...EventBase,
  kind: z.literal('unrecognized'),
  recordedKind: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

/** One timeline entry as the API answers it: the data typed by kind, or `unrecognized`. */
export const EventView = z.discriminatedUnion('kind', [...membersOf(EventBase, CASE_EVENT_VIEW_DATA), UnrecognizedEventView]);
export type EventView = z.infer<typeof EventView>;
