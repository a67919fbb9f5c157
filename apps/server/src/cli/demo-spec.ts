import {
  CASE_STATUSES,
  CASE_TYPES,
  type CaseStatus,
  type CaseType,
  type CreateCaseBody,
  type Grade,
  type Severity,
} from '@closeloop/domain';
import type { z } from 'zod';
import {
  CASE_TYPE_WEIGHTS,
  COMPLAINTS,
  type DemoProduct,
  INQUIRIES,
  type ProblemTemplate,
  type QuestionTemplate,
  RETURNS,
  SERVICE_REQUESTS,
  type ServiceTemplate,
  type StaffKey,
  SUGGESTIONS,
} from './demo-catalog.ts';
import { DAY, HOUR, MINUTE, type Rng, type WorkCalendar } from './demo-random.ts';

/**
 * What each demo case is about — customer, unit, kind of problem, where it stands today — and its
 * registration record. demo-plan.ts turns these into histories.
 */
export interface DemoCustomerRecord {
  id: string;
  name: string;
  tier: string;
  foreign: boolean;
  contacts: { id: string; name: string; phone: string | null; email: string | null }[];
}

export interface DemoUnitRecord {
  id: string;
  serial: string;
  batch: string | null;
  customerId: string;
  shippedAt: number;
  shipDate: string;
  warrantyEnd: string | null;
  product: DemoProduct & { id: string };
}

export interface PlanWorld {
  rng: Rng;
  calendar: WorkCalendar;
  /** The twelve months end here ("today"). */
  end: number;
  staff: Record<StaffKey, string>;
  departments: ReadonlyMap<string, string>;
  customers: readonly DemoCustomerRecord[];
  units: readonly DemoUnitRecord[];
  products: readonly (DemoProduct & { id: string })[];
}

/** A case as the plan follows it: filled in from the service's answers while the steps run. */
export interface Slot {
  id?: string;
  number?: string;
  version: number;
  status: CaseStatus;
  type: CaseType;
}

/** Put `{name}` values into a catalog text. */
export const fill = (template: string, vars: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));

export interface CaseSpec {
  slot: Slot;
  type: CaseType;
  target: CaseStatus;
  openAt: number;
  lang: 'zh' | 'en';
  receiver: StaffKey;
  owner: StaffKey;
  ownerDepartment: string;
  customer: DemoCustomerRecord;
  contact: DemoCustomerRecord['contacts'][number] | undefined;
  unit: DemoUnitRecord | undefined;
  product: DemoProduct & { id: string };
  vars: Record<string, string | number>;
  problem?: ProblemTemplate;
  service?: ServiceTemplate;
  question?: QuestionTemplate;
  /** Set at registration or in the classification step. */
  severity?: Severity;
  grade?: Grade;
  quantityUndetermined: boolean;
  /** Owner and department given at registration (else in a classification step after acknowledging). */
  assignedAtIntake: boolean;
  /** Severity and grade given at registration. */
  gradedAtIntake: boolean;
  reopen: boolean;
}

/** Where cases stand by age: old ones mostly finished (a few overdue), recent ones in every stage. */
const OLD: Partial<Record<CaseStatus, number>> = {
  closed: 80,
  rejected: 9,
  on_hold: 3,
  awaiting_confirmation: 3,
  resolving: 3,
  investigating: 1,
  proposing: 1,
};
const MIDDLE: Partial<Record<CaseStatus, number>> = {
  closed: 40,
  rejected: 6,
  resolving: 12,
  awaiting_confirmation: 12,
  on_hold: 6,
  awaiting_approval: 8,
  proposing: 8,
  investigating: 8,
};
const RECENT: Partial<Record<CaseStatus, number>> = {
  new: 18,
  acknowledged: 16,
  investigating: 18,
  proposing: 10,
  awaiting_approval: 8,
  resolving: 12,
  awaiting_confirmation: 8,
  on_hold: 4,
  closed: 6,
  rejected: 2,
};

/** Where a case of this age typically stands, adjusted to what its type can reach. */
function targetFor(rng: Rng, type: CaseType, ageDays: number): CaseStatus {
  const target = rng.weighted(ageDays > 45 ? OLD : ageDays > 14 ? MIDDLE : RECENT);
  if (type === 'inquiry' || type === 'suggestion') {
    if (['new', 'acknowledged', 'investigating', 'on_hold', 'closed'].includes(target)) return target;
    return ageDays > 14 ? 'closed' : 'acknowledged';
  }
  if (type === 'service_request' && target === 'rejected') return 'closed';
  return target;
}

const gradeFor = (rng: Rng, severity: Severity): Grade =>
  severity === 'CR'
    ? rng.chance(0.7)
      ? 'urgent'
      : 'serious'
    : severity === 'MA'
      ? rng.weighted<Grade>({ important: 60, serious: 25, general: 15 })
      : rng.weighted<Grade>({ general: 70, important: 30 });

const DOMESTIC_CHANNELS = {
  phone: 34,
  email: 14,
  sales_rep: 14,
  web_form: 10,
  chat: 8,
  dealer: 6,
  visit: 5,
  social_media: 3,
  letter_fax: 2,
  api: 4,
} as const;
const FOREIGN_CHANNELS = { email: 55, chat: 10, sales_rep: 10, dealer: 10, phone: 10, web_form: 5 } as const;

/** Choose who, what and when for every case; then make sure every type and status appears. */
export function specify(world: PlanWorld, count: number): CaseSpec[] {
  const { rng, end } = world;
  const start = end - 365 * DAY;
  // Business grows: besides an even spread over the year, a share of the cases falls in the last two months.
  const openings = Array.from({ length: count }, () => rng.between(rng.chance(0.3) ? end - 60 * DAY : start, end - HOUR)).sort(
    (a, b) => a - b,
  );
  const types = openings.map(() => rng.weighted<CaseType>(CASE_TYPE_WEIGHTS));
  /** Cases whose value may change without losing the last of its kind. */
  const spare = <T>(values: T[], i: number) => values.filter((v) => v === values[i]).length > 1;
  if (count >= CASE_TYPES.length * 2) {
    for (const type of CASE_TYPES) {
      const chosen = types.findIndex((_, i) => spare(types, i));
      if (!types.includes(type) && chosen >= 0) types[chosen] = type;
    }
  }
  const targets = openings.map((t, i) => targetFor(rng, types[i] as CaseType, (end - t) / DAY));
  if (count >= CASE_STATUSES.length * 2) {
    // Every status on show: give a missing one to a complaint of a fitting age.
    for (const status of CASE_STATUSES) {
      if (targets.includes(status)) continue;
      const wantOld = status === 'closed' || status === 'rejected';
      const complaints = targets.map((_, i) => i).filter((i) => types[i] === 'complaint' && spare(targets, i));
      const ofAge = complaints.filter((i) => end - (openings[i] as number) > 30 * DAY === wantOld);
      const chosen = ofAge.at(-1) ?? complaints.at(-1);
      if (chosen !== undefined) targets[chosen] = status;
    }
  }

  // About one closed complaint in a hundred comes back (the customer rejects the conclusion).
  const reopenable = targets
    .map((_, i) => i)
    .filter((i) => targets[i] === 'closed' && types[i] === 'complaint' && end - (openings[i] as number) > 150 * DAY);
  const reopenCount = count >= 20 ? Math.max(1, Math.round(count / 100)) : 0;
  const stride = Math.floor(reopenable.length / (reopenCount + 1));
  const reopenAt = new Set(stride > 0 ? Array.from({ length: reopenCount }, (_, k) => reopenable[(k + 1) * stride] as number) : []);

  return openings.map((openAt, i) => {
    const type = types[i] as CaseType;
    const eligible = world.units.filter((u) => u.shippedAt < openAt - 7 * DAY);
    const useUnit =
      (type === 'complaint' || type === 'return' || type === 'service_request' ? 0.9 : 0.5) > rng.next() && eligible.length > 0;
    const unit = useUnit ? rng.pick(eligible) : undefined;
    const customer = unit
      ? (world.customers.find((c) => c.id === unit.customerId) as DemoCustomerRecord)
      : rng.pick(world.customers.flatMap((c) => Array<DemoCustomerRecord>({ A: 4, B: 3, C: 2, D: 1 }[c.tier] ?? 1).fill(c)));
    const product = unit?.product ?? rng.pick(world.products);
    const lang: 'zh' | 'en' = customer.foreign && rng.chance(0.8) ? 'en' : 'zh';
    const contact = customer.contacts.length ? rng.pick(customer.contacts) : undefined;
    const slot: Slot = { version: 0, status: 'new', type };
    const byLang = <T extends { lang: 'zh' | 'en' }>(items: readonly T[]) => {
      const same = items.filter((t) => t.lang === lang);
      return same.length ? same : items;
    };
    const spec: CaseSpec = {
      slot,
      type,
      target: targets[i] as CaseStatus,
      openAt,
      lang,
      receiver: customer.foreign ? 'emily' : type === 'service_request' && rng.chance(0.7) ? 'liuqiang' : 'zhangmin',
      owner: 'ligong',
      ownerDepartment: 'quality',
      customer,
      contact,
      unit,
      product,
      vars: {},
      quantityUndetermined: false,
      assignedAtIntake: rng.chance(0.6),
      gradedAtIntake: rng.chance(0.6),
      reopen: reopenAt.has(i),
    };
    if (type === 'complaint' || type === 'return') {
      const pool = byLang(type === 'complaint' ? COMPLAINTS : RETURNS);
      const fitting = pool.filter((t) => t.groups.includes(product.group));
      spec.problem = rng.pick(fitting.length ? fitting : pool);
      if (!spec.problem.isQualityRelated) {
        spec.owner = spec.receiver;
        spec.ownerDepartment = 'sales';
      } else if (rng.chance(0.15)) {
        spec.owner = 'wangjingli';
      }
      spec.severity = spec.problem.severity;
      spec.grade = gradeFor(rng, spec.problem.severity);
      spec.quantityUndetermined = type === 'return' && rng.chance(0.4);
    } else if (type === 'service_request') {
      spec.service = rng.pick(byLang(SERVICE_REQUESTS));
      spec.owner = 'liuqiang';
      spec.ownerDepartment = 'service';
    } else {
      spec.question = rng.pick(byLang(type === 'inquiry' ? INQUIRIES : SUGGESTIONS));
      spec.owner = spec.receiver;
      spec.ownerDepartment = 'sales';
    }
    const delivered = rng.int(2, 20) * 10;
    spec.vars = {
      model: product.model,
      product: product.name.replace(` ${product.model}`, ''),
      serial: unit?.serial ?? (lang === 'en' ? 'to be confirmed' : '待客户提供'),
      batch:
        unit?.batch ??
        `B${world.calendar
          .dateOf(openAt - 90 * DAY)
          .slice(2, 7)
          .replace('-', '')}`,
      code: rng.pick(['012', '027', '031', '105', '214']),
      place: rng.pick(['二号车间', '注塑车间', '三号线', '总装车间']),
      hours: rng.int(12, 90) * 100,
      tons: product.model.replace(/\D/g, ''),
      amount: rng.int(4, 60) * 500,
      amountUsd: rng.int(5, 40) * 100,
      times: rng.int(2, 6),
      order: `SO-${world.calendar
        .dateOf(openAt - 60 * DAY)
        .slice(2, 7)
        .replace('-', '')}-${String(rng.int(1, 480)).padStart(4, '0')}`,
      day: rng.pick(['周一', '周二', '周三', '周四', '周五']),
      rate: rng.int(3, 12),
      delivered,
      defective: rng.int(2, Math.max(2, Math.floor(delivered / 8))),
      people: rng.int(3, 8),
      warrantyEnd: unit?.warrantyEnd ?? '—',
      contact: contact?.name ?? (lang === 'en' ? 'Sir or Madam' : '客户'),
    };
    return spec;
  });
}

/** The intake record (产品质量投诉记录表) as the receiving agent fills it in. */
export function registration(world: PlanWorld, s: CaseSpec): z.input<typeof CreateCaseBody> {
  const { rng, calendar } = world;
  const text = s.problem ?? s.service ?? s.question;
  const { unit, product } = s;
  const underWarranty = unit?.warrantyEnd ? unit.warrantyEnd >= calendar.dateOf(s.openAt) : undefined;
  const tags = [...(s.problem?.tags ?? [])];
  if (underWarranty !== undefined && s.type !== 'inquiry' && s.type !== 'suggestion') tags.push(underWarranty ? '保修期内' : '保修期外');
  const receivedAt = s.openAt - rng.between(2, 40) * MINUTE;
  const problemFields = s.problem
    ? {
        isQualityRelated: s.problem.isQualityRelated,
        recurrence: s.problem.recurrence,
        customerDemands: [...s.problem.demands],
        occurredAt: new Date(receivedAt - rng.between(2, 120) * HOUR).toISOString(),
        occurredPlace: s.lang === 'en' ? 'Customer plant' : `客户${s.vars.place}`,
        customerActions:
          s.lang === 'en'
            ? 'Restarted the machine; checked the fuses.'
            : rng.pick(['重启设备，无效', '已自行更换保险丝，无效', '已停机等待处理']),
        ...(s.gradedAtIntake && s.severity && s.grade ? { severity: s.severity, grade: s.grade } : {}),
      }
    : {};
  const quantities =
    s.type === 'return'
      ? {
          quantityDelivered: Number(s.vars.delivered),
          ...(s.quantityUndetermined ? { quantityDefectiveUndetermined: true } : { quantityDefective: Number(s.vars.defective) }),
        }
      : {};
  return {
    type: s.type,
    title: fill(text?.title ?? '客户反馈', s.vars).slice(0, 200),
    description: fill(text?.description ?? '', s.vars),
    ...(s.service ? { serviceKind: s.service.kind, customerDemands: s.service.kind === 'repair' ? ['repair'] : [] } : {}),
    ...(s.question ? { customerDemands: s.type === 'inquiry' ? ['explanation'] : [] } : {}),
    customerId: s.customer.id,
    ...(s.contact
      ? {
          contactId: s.contact.id,
          contactName: s.contact.name,
          ...(s.contact.phone ? { contactPhone: s.contact.phone } : {}),
          ...(s.contact.email ? { contactEmail: s.contact.email } : {}),
        }
      : {}),
    productId: product.id,
    ...(unit ? { unitId: unit.id, deliveryDate: unit.shipDate, purchaseDate: unit.shipDate } : {}),
    ...(s.type === 'complaint' || s.type === 'return' ? { orderNo: String(s.vars.order) } : {}),
    ...problemFields,
    ...quantities,
    ...(s.assignedAtIntake ? { ownerId: world.staff[s.owner], departmentId: world.departments.get(s.ownerDepartment) } : {}),
    channel: rng.weighted<string>(s.customer.foreign ? FOREIGN_CHANNELS : DOMESTIC_CHANNELS) as z.input<typeof CreateCaseBody>['channel'],
    receivedAt: new Date(receivedAt).toISOString(),
    tags,
  };
}
