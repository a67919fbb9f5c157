import type { CaseView } from '@closeloop/domain';
import dayjs, { type Dayjs } from 'dayjs';
import type { CasePatch } from './useSaveCase.tsx';

/** Fields the edit drawer offers, as the form holds them (dates as dayjs). */
export interface EditValues {
  title: string;
  description: string;
  serviceKind?: CaseView['serviceKind'];
  severity?: CaseView['severity'];
  grade?: CaseView['grade'];
  validity: CaseView['validity'];
  isQualityRelated: boolean;
  visitRequired: boolean;
  causeCategory?: CaseView['causeCategory'];
  rootCause6m?: CaseView['rootCause6m'];
  recurrence: CaseView['recurrence'];
  customerDemands: CaseView['customerDemands'];
  tags: string[];
  channel: CaseView['channel'];
  occurredAt?: Dayjs | null;
  occurredPlace?: string | null;
  environment?: string | null;
  customerActions?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  orderNo?: string | null;
  partNo?: string | null;
  batchNo?: string | null;
  deliveryDate?: Dayjs | null;
  quantityDelivered?: number | null;
  quantityDefective?: number | null;
  quantityDefectiveUndetermined: boolean;
  priorityOverride?: CaseView['priorityOverride'];
  priorityOverrideReason?: string | null;
}

const TEXTS = [
  'occurredPlace',
  'environment',
  'customerActions',
  'contactName',
  'contactPhone',
  'contactEmail',
  'orderNo',
  'partNo',
  'batchNo',
] as const;

export function toEditValues(c: CaseView): EditValues {
  return {
    title: c.title,
    description: c.description,
    serviceKind: c.serviceKind,
    severity: c.severity,
    grade: c.grade,
    validity: c.validity,
    isQualityRelated: c.isQualityRelated,
    visitRequired: c.visitRequired,
    causeCategory: c.causeCategory,
    rootCause6m: c.rootCause6m,
    recurrence: c.recurrence,
    customerDemands: c.customerDemands,
    tags: c.tags,
    channel: c.channel,
    occurredAt: c.occurredAt ? dayjs(c.occurredAt) : null,
    ...Object.fromEntries(TEXTS.map((k) => [k, c[k]])),
    deliveryDate: c.deliveryDate ? dayjs(c.deliveryDate) : null,
    quantityDelivered: c.quantityDelivered,
    quantityDefective: c.quantityDefective,
    quantityDefectiveUndetermined: c.quantityDefectiveUndetermined,
    priorityOverride: c.priorityOverride,
    priorityOverrideReason: c.priorityOverrideReason,
  };
}

const orNull = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);
const textOrNull = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** The form's values in the shape of the API (null clears a field). */
function normalized(v: EditValues): Record<string, unknown> {
  return {
    title: v.title.trim(),
    description: (v.description ?? '').trim(),
    serviceKind: orNull(v.serviceKind),
    severity: orNull(v.severity),
    grade: orNull(v.grade),
    validity: v.validity,
    isQualityRelated: v.isQualityRelated,
    visitRequired: v.visitRequired,
    causeCategory: orNull(v.causeCategory),
    rootCause6m: orNull(v.rootCause6m),
    recurrence: v.recurrence,
    customerDemands: v.customerDemands ?? [],
    tags: (v.tags ?? []).map((s) => s.trim()).filter(Boolean),
    channel: v.channel,
    occurredAt: v.occurredAt ? v.occurredAt.toISOString() : null,
    ...Object.fromEntries(TEXTS.map((k) => [k, textOrNull(v[k])])),
    deliveryDate: v.deliveryDate ? v.deliveryDate.format('YYYY-MM-DD') : null,
    quantityDelivered: orNull(v.quantityDelivered),
    quantityDefective: v.quantityDefectiveUndetermined ? null : orNull(v.quantityDefective),
    quantityDefectiveUndetermined: v.quantityDefectiveUndetermined,
    priorityOverride: orNull(v.priorityOverride),
  };
}

/** Only what the user changed, so a PATCH never overwrites fields they did not touch. */
export function changedFields(base: CaseView, values: EditValues): CasePatch {
  const before = normalized(toEditValues(base));
  const after = normalized(values);
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (JSON.stringify(v) !== JSON.stringify(before[k])) patch[k] = v;
  }
  if ('priorityOverride' in patch && patch.priorityOverride)
    patch.priorityOverrideReason = textOrNull(values.priorityOverrideReason) ?? undefined;
  // A new reason alone (same override) is still a change worth sending.
  if (
    !('priorityOverride' in patch) &&
    values.priorityOverride &&
    textOrNull(values.priorityOverrideReason) !== base.priorityOverrideReason
  ) {
    patch.priorityOverride = values.priorityOverride;
    patch.priorityOverrideReason = textOrNull(values.priorityOverrideReason) ?? undefined;
  }
  return patch as CasePatch;
}
