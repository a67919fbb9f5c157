import {
  CASE_STATUSES,
  CASE_TYPES,
  type CaseStatus,
  type CaseType,
  CreateCustomerBody,
  CreateDispositionBody,
  CreateProductBody,
  CreateUnitBody,
  CreateUserBody,
  ListCustomersQuery,
  ListProductsQuery,
  ListUnitsQuery,
  type Permission,
} from '@closeloop/domain';
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import { cases as casesTable, departments as departmentsTable } from '../db/schema.ts';
import * as people from '../features/auth/index.ts';
import { createUser, listDepartments } from '../features/auth/index.ts';
import { countCases } from '../features/cases/index.ts';
import { createCustomer, createProduct, createUnit, listCustomers, listProducts, listUnits } from '../features/customers/index.ts';
import { actOnDisposition, addCost, proposeDisposition } from '../features/dispositions/index.ts';
import { companySettings, putCompanySettings } from '../features/settings/index.ts';
import { onCompanySettingsChanged } from '../features/sla/index.ts';
import type { Actor } from '../lib/actor.ts';
import type { Ctx } from '../lib/context.ts';
import {
  CN_PEOPLE,
  CN_TITLES,
  CUSTOMERS,
  type DemoCustomer,
  FOREIGN_PEOPLE,
  FOREIGN_TITLES,
  PRODUCTS,
  STAFF,
  type StaffKey,
} from './demo-catalog.ts';
import { planCases } from './demo-plan.ts';
import { DAY, type Rng, seededRng, workCalendar } from './demo-random.ts';
import type { DemoCustomerRecord, DemoUnitRecord } from './demo-spec.ts';

/** The password of every demo user (printed by `npm run demo`). */
export const DEMO_PASSWORD = 'closeloop-demo';
/** Written into the notes of demo customers, so a person (and a second run) can tell them apart. */
export const DEMO_MARKER = '演示数据 Demo data (npm run demo)';

export interface DemoDeps {
  db: Db;
  config: Config;
}

export interface DemoOptions {
  /** Number of cases to register (a few more appear when some are reopened). Default 300. */
  cases?: number;
  /** Same seed, same data. */
  seed?: number;
  /** The end of the twelve months the cases span; default now. */
  now?: Date;
  /** Load even when the database already holds cases; archive records are reused by name. */
  force?: boolean;
  /** Progress lines for a person watching. */
  onProgress?: (line: string) => void;
}

export interface DemoSummary {
  customers: number;
  products: number;
  units: number;
  users: { login: string; displayName: string; role: string }[];
  password: string;
  cases: number;
  byStatus: Record<CaseStatus, number>;
  byType: Record<CaseType, number>;
  from: Date;
  to: Date;
}

/** The database already has cases; `force` loads anyway. */
export class DemoDataPresentError extends Error {}

/** The permissions of a user, as a signed-in session would carry them. */
async function actorOf(db: Db, login: string): Promise<Actor> {
  const user = await people.findUserByLogin(db, login);
  if (!user) throw new Error(`no user "${login}": start the server once (or run bootstrap) before loading demo data`);
  const access = (await people.rolesOfUsers(db, [user.id])).get(user.id);
  return {
    userId: user.id,
    displayName: user.displayName,
    permissions: new Set((access?.permissions ?? []) as Permission[]),
    via: 'session',
  };
}

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');

function contactsFor(rng: Rng, c: DemoCustomer) {
  const foreign = c.country !== 'CN';
  const pool = foreign ? (FOREIGN_PEOPLE[c.country] ?? []) : CN_PEOPLE;
  const first = rng.int(0, pool.length - 1);
  const count = c.tier === 'A' || c.tier === 'B' ? 2 : 1;
  return Array.from({ length: Math.min(count, pool.length) }, (_, k) => {
    const [name, local] = pool[(first + k * 3) % pool.length] as [string, string];
    return {
      name,
      title: rng.pick(foreign ? FOREIGN_TITLES : CN_TITLES),
      phone: foreign
        ? `${c.phone} ${digits(rng, 3)} ${digits(rng, 4)}`
        : k === 0
          ? `1${rng.pick([3, 5, 8])}${digits(rng, 9)}`
          : `${c.phone}-${digits(rng, 8)}`,
      email: `${local}@${c.domain}`,
      isPrimary: k === 0,
    };
  });
}

/**
 * Load a realistic sample: staff, customers with contacts, products, installed units, and
 * `cases` cases spread over the twelve months before `now` in every type and status, each with the
 * history a team would have written — created through the service functions with a clock that
 * moves forward, so numbers, timeline and dates agree.
 */
export async function loadDemoData(deps: DemoDeps, options: DemoOptions = {}): Promise<DemoSummary> {
  const count = options.cases ?? 300;
  const end = (options.now ?? new Date()).getTime();
  const rng = seededRng(options.seed ?? 2611);
  const progress = options.onProgress ?? (() => {});
  let now = end;
  const ctxAs = (actor: Actor): Ctx => ({ db: deps.db, config: deps.config, now: () => new Date(now), actor });

  const admin = ctxAs(await actorOf(deps.db, 'admin'));
  const existing = await countCases(deps.db, {});
  if (existing > 0 && !options.force) {
    const first = CUSTOMERS[0]?.name ?? '';
    const demo = (await listCustomers(admin, ListCustomersQuery.parse({ q: first }))).items.some((c) => c.notes === DEMO_MARKER);
    throw new DemoDataPresentError(
      `The database already holds ${existing} cases${demo ? ', the demo data among them' : ''}. ` +
        'Loading the demo adds another set of cases beside them; add --force if that is what you want.',
    );
  }

  const departments = new Map((await listDepartments(admin)).map((d) => [d.code, d.id]));

  // Staff: reuse on a second run.
  const users: DemoSummary['users'] = [];
  const staff = {} as Record<StaffKey, string>;
  const actors = {} as Record<StaffKey, Actor>;
  for (const s of STAFF) {
    const found = await people.findUserByLogin(deps.db, s.login);
    const departmentId = departments.get(s.department);
    staff[s.key] =
      found?.id ??
      (
        await createUser(
          admin,
          CreateUserBody.parse({
            login: s.login,
            displayName: s.displayName,
            roles: [s.role],
            password: DEMO_PASSWORD,
            locale: s.locale,
            departmentId,
          }),
        )
      ).id;
    actors[s.key] = await actorOf(deps.db, s.login);
    users.push({ login: s.login, displayName: s.displayName, role: s.role });
  }
  progress(`staff: ${users.map((u) => u.login).join(', ')}`);

  // Deadlines need a home province (local vs other provinces) and department heads for escalation.
  const company = await companySettings(deps.db);
  if (!company.province)
    await putCompanySettings(admin, { ...company, companyName: '浙江精工液压机械有限公司', province: '浙江省' }, onCompanySettingsChanged);
  await deps.db
    .update(departmentsTable)
    .set({ headUserId: staff.wangjingli })
    .where(and(eq(departmentsTable.code, 'quality'), isNull(departmentsTable.headUserId)));

  const products = [];
  for (const p of PRODUCTS) {
    const { group: _group, ...fields } = p;
    const found = (await listProducts(admin, ListProductsQuery.parse({ q: p.model, pageSize: 50 }))).items.find((x) => x.model === p.model);
    products.push({ ...p, id: found?.id ?? (await createProduct(admin, CreateProductBody.parse(fields))).id });
  }

  const customers: DemoCustomerRecord[] = [];
  for (const c of CUSTOMERS) {
    const found = (await listCustomers(admin, ListCustomersQuery.parse({ q: c.name, pageSize: 50 }))).items.find((x) => x.name === c.name);
    const { domain: _domain, phone: _phone, ...fields } = c;
    const row =
      found ??
      (await createCustomer(
        admin,
        CreateCustomerBody.parse({ kind: 'company', ...fields, notes: DEMO_MARKER, contacts: contactsFor(rng, c) }),
      ));
    customers.push({ id: row.id, name: row.name, tier: row.tier, foreign: row.market === 'foreign', contacts: row.contacts });
  }
  progress(`customers: ${customers.length}, products: ${products.length}`);

  // Installed units: one per customer, the rest to the bigger accounts; shipped over three years.
  const calendar = workCalendar(deps.config.timeZone, new Date(end));
  const units: DemoUnitRecord[] = [];
  const weight = { A: 5, B: 3, C: 2, D: 1 } as const;
  const owners = [...customers, ...customers.flatMap((c) => Array<DemoCustomerRecord>(weight[c.tier as keyof typeof weight] ?? 1).fill(c))];
  const serials = new Map<string, number>();
  for (let i = 0; i < 120; i++) {
    const customer = i < customers.length ? (customers[i] as DemoCustomerRecord) : rng.pick(owners);
    const product = rng.pick(products);
    const shippedAt = end - rng.int(40, 1050) * DAY;
    const shipDate = calendar.dateOf(shippedAt);
    const period = shipDate.slice(2, 7).replace('-', '');
    const n = (serials.get(product.model) ?? 0) + 1;
    serials.set(product.model, n);
    const serial = `${product.model.replace('-', '')}-${period}-${String(n).padStart(4, '0')}`;
    const installed = product.group === 'machine' || product.group === 'aux' || rng.chance(0.4);
    const installAt = shippedAt + rng.int(5, 30) * DAY;
    const found = (await listUnits(admin, ListUnitsQuery.parse({ serial }))).items[0];
    const unit =
      found ??
      (await createUnit(
        admin,
        CreateUnitBody.parse({
          serial,
          productId: product.id,
          customerId: customer.id,
          batch: `B${period}-${rng.int(1, 4)}`,
          shipDate,
          ...(installed && installAt < end ? { installDate: calendar.dateOf(installAt) } : {}),
        }),
      ));
    units.push({
      id: unit.id,
      serial: unit.serial,
      batch: unit.batch,
      customerId: unit.customerId ?? customer.id,
      shippedAt,
      shipDate,
      warrantyEnd: unit.warrantyEnd,
      product,
    });
  }
  progress(`units: ${units.length}`);

  const { slots, steps } = planCases({ rng, calendar, end, staff, departments, customers, units, products }, count);
  const tenth = Math.max(1, Math.ceil(steps.length / 10));
  for (const [k, step] of steps.entries()) {
    now = step.at;
    await step.run(ctxAs(actors[step.who]));
    if ((k + 1) % tenth === 0) progress(`case history: ${Math.round(((k + 1) / steps.length) * 100)}% (${k + 1} of ${steps.length} steps)`);
  }

  // The remedy side: dispositions on cases being resolved, costs on closed complaints (for the settlement).
  const service = ctxAs(actors.liuqiang);
  const resolving = slots.filter((x) => x.id && (x.type === 'complaint' || x.type === 'return') && x.status === 'resolving');
  for (const [i, x] of resolving.entries()) {
    now = end - rng.int(1, 5) * DAY;
    const details = [
      { kind: 'service_order' as const, plannedArrival: new Date(end + rng.int(1, 48) * 3_600_000).toISOString() },
      { kind: 'rma' as const, quantity: rng.int(1, 5) },
      { kind: 'spare_parts' as const, parts: [{ name: '密封圈组件', partNo: 'SK-2045', quantity: rng.int(1, 6) }] },
      { kind: 'compensation' as const, amount: rng.pick([600, 1800, 12000]), form: 'credit_note' as const },
    ][i % 4]!;
    const d = await proposeDisposition(service, x.id as string, CreateDispositionBody.parse({ details }));
    const submitted = await actOnDisposition(service, d.id, { action: 'submit', version: d.version });
    if (details.kind !== 'compensation') {
      const started = await actOnDisposition(service, d.id, { action: 'start', version: submitted.disposition.version });
      if (details.kind === 'spare_parts') {
        await actOnDisposition(service, d.id, {
          action: 'update',
          version: started.disposition.version,
          details: { carrier: '顺丰速运', trackingNo: `SF${rng.int(100000000, 999999999)}`, shippedOn: calendar.dateOf(now) },
        });
      }
    }
  }
  const closed = await deps.db
    .select({ id: casesTable.id, closedAt: casesTable.closedAt, party: casesTable.responsibilityParty })
    .from(casesTable)
    .where(
      and(eq(casesTable.status, 'closed'), isNotNull(casesTable.responsibilityParty), inArray(casesTable.type, ['complaint', 'return'])),
    );
  for (const c of closed) {
    if (!c.closedAt || c.party === 'not_established') continue;
    now = c.closedAt.getTime();
    for (const category of rng.chance(0.5) ? (['parts', 'travel'] as const) : (['labour'] as const)) {
      await addCost(service, c.id, { category, amount: rng.int(80, 4000) + rng.int(0, 99) / 100, incurredOn: calendar.dateOf(now) });
    }
  }
  progress(`remedies: ${resolving.length} dispositions, costs on ${closed.length} closed cases`);

  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  const byType = Object.fromEntries(CASE_TYPES.map((t) => [t, 0])) as Record<CaseType, number>;
  for (const s of slots) {
    byStatus[s.status] += 1;
    byType[s.type] += 1;
  }
  return {
    customers: customers.length,
    products: products.length,
    units: units.length,
    users,
    password: DEMO_PASSWORD,
    cases: slots.length,
    byStatus,
    byType,
    from: new Date(end - 365 * DAY),
    to: new Date(end),
  };
}
