import type {
  CASE_TYPES,
  CHANNELS,
  CreateCaseBody,
  CUSTOMER_DEMANDS,
  GRADES,
  RECURRENCES,
  SERVICE_KINDS,
  SEVERITIES,
} from '@closeloop/domain';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';

/** What the intake form holds; names match the API's fields so server errors land on the right field. */
export interface IntakeValues {
  customerId?: string;
  contactId?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  productId?: string;
  serialNo?: string;
  unitId?: string;
  batchNo?: string;
  orderNo?: string;
  partNo?: string;
  purchaseDate?: Dayjs | null;
  purchaseChannel?: string;
  deliveryDate?: Dayjs | null;
  quantityDelivered?: number | null;
  quantityDefective?: number | null;
  quantityDefectiveUndetermined?: boolean;
  type: (typeof CASE_TYPES)[number];
  serviceKind?: (typeof SERVICE_KINDS)[number];
  title?: string;
  description?: string;
  occurredAt?: Dayjs | null;
  occurredPlace?: string;
  environment?: string;
  recurrence?: (typeof RECURRENCES)[number];
  customerActions?: string;
  severity?: (typeof SEVERITIES)[number];
  grade?: (typeof GRADES)[number];
  customerDemands?: (typeof CUSTOMER_DEMANDS)[number][];
  channel: (typeof CHANNELS)[number];
  receivedById?: string;
  receivedAt?: Dayjs | null;
}

export const initialValues = (userId: string): Partial<IntakeValues> => ({
  type: 'complaint',
  recurrence: 'unknown',
  channel: 'phone',
  customerDemands: [],
  quantityDefectiveUndetermined: false,
  receivedById: userId,
  receivedAt: dayjs(),
});

const str = (s: string | undefined | null) => {
  const v = s?.trim();
  return v ? v : undefined;
};
const date = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
const instant = (d: Dayjs | null | undefined) => (d ? d.toISOString() : undefined);
const num = (n: number | null | undefined) => (typeof n === 'number' ? n : undefined);

/** The body of `POST /cases`: empty text left out, dates as ISO strings. */
export function toCreateBody(v: IntakeValues): z.input<typeof CreateCaseBody> {
  const undetermined = Boolean(v.quantityDefectiveUndetermined);
  return {
    type: v.type,
    serviceKind: v.type === 'service_request' ? v.serviceKind : undefined,
    title: (v.title ?? '').trim(),
    description: (v.description ?? '').trim(),
    customerId: v.customerId,
    contactId: v.contactId,
    contactName: str(v.contactName),
    contactPhone: str(v.contactPhone),
    contactEmail: str(v.contactEmail),
    productId: v.productId,
    unitId: v.unitId,
    serialNo: str(v.serialNo),
    batchNo: str(v.batchNo),
    orderNo: str(v.orderNo),
    partNo: str(v.partNo),
    purchaseDate: date(v.purchaseDate),
    purchaseChannel: str(v.purchaseChannel),
    deliveryDate: date(v.deliveryDate),
    quantityDelivered: num(v.quantityDelivered),
    quantityDefective: undetermined ? undefined : num(v.quantityDefective),
    quantityDefectiveUndetermined: undetermined,
    occurredAt: instant(v.occurredAt),
    occurredPlace: str(v.occurredPlace),
    environment: str(v.environment),
    recurrence: v.recurrence ?? 'unknown',
    customerActions: str(v.customerActions),
    customerDemands: v.customerDemands ?? [],
    severity: v.severity,
    grade: v.grade,
    channel: v.channel,
    receivedById: v.receivedById,
    receivedAt: instant(v.receivedAt),
  };
}

/** A pasted image gets a name from the moment it was pasted. */
export const screenshotStamp = (at: Dayjs = dayjs()) => at.format('YYYYMMDD-HHmmss');

/** Image files on the clipboard of a paste event, renamed with `nameFor`. */
export function pastedImages(data: DataTransfer | null, nameFor: (index: number) => string): File[] {
  if (!data) return [];
  const files: File[] = [];
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind !== 'file' || !item.type.startsWith('image/')) continue;
    const blob = item.getAsFile();
    if (!blob) continue;
    const ext = blob.type === 'image/png' ? 'png' : (blob.type.split('/')[1] ?? 'png');
    files.push(new File([blob], nameFor(files.length).replace(/\.png$/, `.${ext}`), { type: blob.type }));
  }
  return files;
}
