import type { DispositionDetails, DispositionKind } from '@closeloop/domain';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';

/** The details a disposition of kind `K` is proposed with (defaults may be left out). */
export type DetailsInput = z.input<typeof DispositionDetails>;
export type DetailsOf<K extends DispositionKind> = Extract<DetailsInput, { kind: K }>;

type Fact<K extends DispositionKind> = Exclude<keyof DetailsOf<K>, 'kind'>;
/** Every fact any kind records. */
export type FactName = { [K in DispositionKind]: Fact<K> }[DispositionKind];

export interface PartRow {
  partNo?: string | null;
  name?: string | null;
  quantity?: number | null;
  serialOut?: string | null;
  serialIn?: string | null;
}

/** The facts as a form holds them: dates as dayjs, numbers possibly null. */
export interface DetailsValues {
  text?: string;
  where?: 'on_site' | 'factory' | 'service_point';
  fault?: string;
  workDone?: string;
  chargeable?: boolean;
  quote?: number | null;
  faultySerial?: string;
  replacementSerial?: string;
  quantity?: number | null;
  value?: number | null;
  amount?: number | null;
  goodwillAmount?: number | null;
  reason?: string;
  paidOn?: Dayjs | null;
  receivedOn?: Dayjs | null;
  returnedOn?: Dayjs | null;
  receivedQuantity?: number | null;
  inspection?: string;
  inspectionPassed?: boolean | null;
  goodsDisposition?: 'scrap' | 'rework' | 'return_to_supplier' | 'restock' | null;
  parts?: PartRow[];
  carrier?: string;
  trackingNo?: string;
  shippedOn?: Dayjs | null;
  engineerIds?: string[];
  plannedArrival?: Dayjs | null;
  arrivedAt?: Dayjs | null;
  departedAt?: Dayjs | null;
  partsUsed?: PartRow[];
  labourHours?: number | null;
  travelHours?: number | null;
  customerComment?: string;
  satisfaction?: number | null;
  form?: 'credit_note' | 'payment' | 'goods';
  note?: string;
}

/**
 * Which facts each kind records: `plan` when it is proposed, `progress` while it is carried out
 * (goods received and inspected, parts shipped, arrival and work on site, refund paid …).
 */
export const FACTS: { [K in DispositionKind]: { plan: Fact<K>[]; progress: Fact<K>[] } } = {
  explanation: { plan: ['text'], progress: [] },
  repair: { plan: ['where', 'fault', 'receivedOn', 'chargeable', 'quote', 'goodwillAmount'], progress: ['returnedOn', 'workDone'] },
  replacement: { plan: ['quantity', 'value', 'faultySerial'], progress: ['replacementSerial'] },
  refund: { plan: ['amount', 'reason'], progress: ['paidOn'] },
  rma: {
    plan: ['quantity', 'goodwillAmount'],
    progress: ['receivedOn', 'receivedQuantity', 'inspection', 'inspectionPassed', 'goodsDisposition'],
  },
  spare_parts: { plan: ['parts', 'chargeable', 'goodwillAmount'], progress: ['carrier', 'trackingNo', 'shippedOn', 'receivedOn'] },
  service_order: {
    plan: ['engineerIds', 'plannedArrival', 'goodwillAmount'],
    progress: ['arrivedAt', 'departedAt', 'workDone', 'partsUsed', 'labourHours', 'travelHours', 'customerComment', 'satisfaction'],
  },
  compensation: { plan: ['amount', 'form', 'note'], progress: [] },
};

export const factsOf = (kind: DispositionKind, which: 'plan' | 'progress' | 'all'): FactName[] => {
  const f = FACTS[kind] as { plan: FactName[]; progress: FactName[] };
  return which === 'all' ? [...f.progress, ...f.plan] : f[which];
};

/** Calendar dates (`YYYY-MM-DD`) and instants (ISO) among the facts. */
export const DATE_FACTS = new Set<FactName>(['paidOn', 'receivedOn', 'returnedOn', 'shippedOn']);

/** Facts a kind names its own way (a repair's `receivedOn` is the day the unit was sent in): the key of their label. */
const KIND_LABELS: Partial<Record<DispositionKind, Partial<Record<FactName, string>>>> = {
  repair: { receivedOn: 'fields.repairReceivedOn' },
};
/** The key of a fact's label in the `dispositions` messages, for a disposition of `kind` when known. */
export const factLabelKey = (n: string, kind?: DispositionKind) => KIND_LABELS[kind as DispositionKind]?.[n as FactName] ?? `fields.${n}`;
export const INSTANT_FACTS = new Set<FactName>(['plannedArrival', 'arrivedAt', 'departedAt']);

const cleanText = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function cleanParts(rows: PartRow[] | undefined, withSerials: boolean) {
  return (rows ?? [])
    .filter((r) => cleanText(r?.name))
    .map((r) => ({
      name: cleanText(r.name) as string,
      quantity: r.quantity ?? 1,
      ...(cleanText(r.partNo) ? { partNo: cleanText(r.partNo) } : {}),
      ...(withSerials && cleanText(r.serialOut) ? { serialOut: cleanText(r.serialOut) } : {}),
      ...(withSerials && cleanText(r.serialIn) ? { serialIn: cleanText(r.serialIn) } : {}),
    }));
}

/** One fact in the API's shape; undefined = leave it out. */
function factValue(name: FactName, v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (DATE_FACTS.has(name)) return dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : undefined;
  if (INSTANT_FACTS.has(name)) return dayjs.isDayjs(v) ? v.toISOString() : undefined;
  if (name === 'parts' || name === 'partsUsed') return cleanParts(v as PartRow[], name === 'partsUsed');
  if (name === 'engineerIds') return Array.isArray(v) ? v : undefined;
  if (typeof v === 'string') return cleanText(v);
  return v;
}

/** The facts `names` from the form, in the shape of the API (empty ones left out). */
export function factsFrom(values: DetailsValues, names: readonly FactName[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of names) {
    const v = factValue(n, (values as Record<string, unknown>)[n]);
    if (v !== undefined) out[n] = v;
  }
  return out;
}

/** The details of a new disposition of `kind` from the form's values. */
export function detailsFrom<K extends DispositionKind>(kind: K, values: DetailsValues): DetailsOf<K> {
  return { kind, ...factsFrom(values, factsOf(kind, 'plan')) } as DetailsOf<K>;
}

/** A disposition's details as the form holds them, for editing. */
export function valuesOf(details: DispositionDetails): DetailsValues {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (k === 'kind') continue;
    if (typeof v === 'string' && (DATE_FACTS.has(k as FactName) || INSTANT_FACTS.has(k as FactName))) out[k] = dayjs(v);
    else out[k] = v;
  }
  return out as DetailsValues;
}
