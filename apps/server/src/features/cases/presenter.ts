import {
  type AttachmentView,
  allowedActions,
  type CaseSummary,
  type CaseView,
  COST_EVENT_KINDS,
  EventChange,
  type EventView,
  parseCaseEvent,
} from '@closeloop/domain';
import type { caseEvents } from '../../db/schema.ts';
import type { Actor } from '../../lib/actor.ts';
import { cleanFilename } from '../../lib/names.ts';
import type { CaseListRow } from './list-repository.ts';
import type { CaseDetailRow, findAttachment } from './repository.ts';

const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Links = { caseId: string; number: string; kind: string }[];

type Extras = Pick<CaseView, 'clocks' | 'watchers'>;

export function presentCase(r: CaseDetailRow, links: Links, actor: Actor, extras: Extras): CaseView {
  const c = r.c;
  return {
    id: c.id,
    number: c.number,
    type: c.type as CaseView['type'],
    status: c.status as CaseView['status'],
    holdFromStatus: c.holdFromStatus as CaseView['holdFromStatus'],
    title: c.title,
    description: c.description,
    serviceKind: c.serviceKind as CaseView['serviceKind'],
    customer: c.customerId
      ? { id: c.customerId, name: r.customerName ?? '', tier: r.customerTier ?? 'C', market: r.customerMarket ?? 'domestic' }
      : null,
    contactId: c.contactId,
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    contactEmail: c.contactEmail,
    product: c.productId ? { id: c.productId, model: r.productModel ?? '', name: r.productName ?? '' } : null,
    unit: c.unitId ? { id: c.unitId, serial: r.unitSerial ?? '', warrantyEnd: r.unitWarrantyEnd } : null,
    batchNo: c.batchNo,
    serialNo: c.serialNo,
    orderNo: c.orderNo,
    partNo: c.partNo,
    purchaseDate: c.purchaseDate,
    purchaseChannel: c.purchaseChannel,
    deliveryDate: c.deliveryDate,
    quantityDelivered: c.quantityDelivered,
    quantityDefective: c.quantityDefective,
    quantityDefectiveUndetermined: c.quantityDefectiveUndetermined,
    occurredAt: iso(c.occurredAt),
    occurredPlace: c.occurredPlace,
    environment: c.environment,
    recurrence: c.recurrence as CaseView['recurrence'],
    customerActions: c.customerActions,
    customerDemands: c.customerDemands as CaseView['customerDemands'],
    channel: c.channel as CaseView['channel'],
    receivedBy: person(c.receivedById, r.receivedByName),
    receivedAt: c.receivedAt.toISOString(),
    firstResponder: person(c.firstResponderId, r.firstResponderName),
    validity: c.validity as CaseView['validity'],
    isQualityRelated: c.isQualityRelated,
    severity: c.severity as CaseView['severity'],
    grade: c.grade as CaseView['grade'],
    causeCategory: c.causeCategory as CaseView['causeCategory'],
    rootCause6m: c.rootCause6m as CaseView['rootCause6m'],
    owner: person(c.ownerId, r.ownerName),
    departmentId: c.departmentId,
    priority: c.priority as CaseView['priority'],
    derivedPriority: c.derivedPriority as CaseView['priority'],
    priorityOverride: c.priorityOverride as CaseView['priorityOverride'],
    priorityOverrideReason: c.priorityOverrideReason,
    responsibility: c.responsibilityParty
      ? {
          party: c.responsibilityParty as NonNullable<CaseView['responsibility']>['party'],
          departmentId: c.responsibilityDepartmentId,
          externalParty: c.responsibilityExternalParty,
          reason: c.responsibilityReason ?? '',
        }
      : null,
    proposal: c.proposal,
    resolution: c.resolution,
    customerConfirmed: c.customerConfirmed,
    confirmationNote: c.confirmationNote,
    closeReason: c.closeReason,
    rejectionExplanation: c.rejectionExplanation,
    tags: c.tags,
    links: links.map((l) => ({ caseId: l.caseId, number: l.number, kind: l.kind as CaseView['links'][number]['kind'] })),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    closedAt: iso(c.closedAt),
    version: c.version,
    allowedActions: allowedActions({ status: c.status }, actor.permissions),
    visitRequired: c.visitRequired,
    siteArrivedAt: iso(c.siteArrivedAt),
    slaDueAt: iso(c.slaDueAt),
    slaBreached: c.slaBreached,
    ...extras,
  };
}

export const presentCaseSummary = (r: CaseListRow): CaseSummary => ({
  id: r.c.id,
  number: r.c.number,
  type: r.c.type as CaseSummary['type'],
  status: r.c.status as CaseSummary['status'],
  title: r.c.title,
  severity: r.c.severity as CaseSummary['severity'],
  grade: r.c.grade as CaseSummary['grade'],
  priority: r.c.priority as CaseSummary['priority'],
  channel: r.c.channel as CaseSummary['channel'],
  departmentId: r.c.departmentId,
  receivedAt: r.c.receivedAt.toISOString(),
  createdAt: r.c.createdAt.toISOString(),
  updatedAt: r.c.updatedAt.toISOString(),
  version: r.c.version,
  customer: r.c.customerId ? { id: r.c.customerId, name: r.customerName ?? '' } : null,
  product: r.c.productId ? { id: r.c.productId, model: r.productModel ?? '' } : null,
  owner: person(r.c.ownerId, r.ownerName),
  slaDueAt: iso(r.c.slaDueAt),
  slaWarnAt: iso(r.c.slaWarnAt),
  slaBreached: r.c.slaBreached,
});

const EventChanges = EventChange.array();
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A stored event as the API shows it: its data typed by kind. A row whose data (or changes) does not
 * match its kind — written before the timeline was typed, or edited by hand — is shown as
 * `unrecognized` with its `recordedKind` and data as stored, so one odd row never fails the timeline.
 */
export function presentEvent(r: { event: typeof caseEvents.$inferSelect; actorName: string | null }): EventView {
  const e = r.event;
  const changes = EventChanges.safeParse(e.changes);
  const base = {
    id: String(e.id),
    at: e.at.toISOString(),
    actor: person(e.actorId, r.actorName),
    channel: e.channel,
    changes: changes.success ? changes.data : [],
    body: e.body,
    visibility: e.visibility as EventView['visibility'],
  };
  const typed = changes.success ? parseCaseEvent(e.kind, e.data) : undefined;
  if (typed) return { ...base, ...typed };
  return { ...base, kind: 'unrecognized', recordedKind: e.kind, data: isRecord(e.data) ? e.data : null };
}

const COST_KINDS: ReadonlySet<string> = new Set(COST_EVENT_KINDS);

/** The event without a cost's amount, for callers lacking `costs:read` (unrecognized cost rows too). */
export function withoutCostAmount(event: EventView): EventView {
  switch (event.kind) {
    case 'cost_recorded': {
      const { amount: _amount, ...data } = event.data;
      return { ...event, data };
    }
    case 'cost_recovered': {
      const { amount: _amount, ...data } = event.data;
      return { ...event, data };
    }
    case 'unrecognized': {
      if (!COST_KINDS.has(event.recordedKind) || !event.data) return event;
      const { amount: _amount, ...data } = event.data;
      return { ...event, data };
    }
    default:
      return event;
  }
}

export const presentAttachment = (r: NonNullable<Awaited<ReturnType<typeof findAttachment>>>): AttachmentView => ({
  id: r.a.id,
  caseId: r.a.caseId,
  filename: cleanFilename(r.a.filename),
  contentType: r.a.contentType,
  size: r.a.size,
  sha256: r.a.sha256,
  uploadedBy: person(r.a.uploadedById, r.uploaderName),
  createdAt: r.a.createdAt.toISOString(),
});
