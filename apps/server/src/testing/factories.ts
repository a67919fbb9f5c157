import type {
  AssignmentRuleBody,
  AssignmentRuleView,
  CaseView,
  CreateCaseBody,
  CreateCustomerBody,
  CreateDepartmentBody,
  CreateProductBody,
  CreateUnitBody,
  CustomerView,
  DepartmentView,
  ProductView,
  SlaPolicyBody,
  SlaPolicyView,
  UnitView,
} from '@closeloop/domain';
import type { z } from 'zod';
import type { Client } from './index.ts';

/**
 * Test data built through the API, as a user would (validation, services, timeline, clocks), so a
 * test states only what matters to it. Each answer is typed with the domain's view; a refusal
 * fails the test with the problem the server gave.
 */

let sequence = 0;
/** A short value unique within the test run (serial numbers, models, names). */
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;

async function created<T>(client: Client, url: string, body: unknown): Promise<T> {
  const res = await client.post(url, body);
  if (res.statusCode !== 201) throw new Error(`POST ${url} answered ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

export const buildCustomer = (client: Client, overrides: Partial<z.input<typeof CreateCustomerBody>> = {}) =>
  created<CustomerView>(client, '/api/v1/customers', { kind: 'company', name: unique('宁波客户'), country: 'CN', tier: 'B', ...overrides });

export const buildProduct = (client: Client, overrides: Partial<z.input<typeof CreateProductBody>> = {}) =>
  created<ProductView>(client, '/api/v1/products', {
    model: unique('VP'),
    name: '变量柱塞泵',
    category: '液压泵',
    warrantyMonths: 12,
    ...overrides,
  });

/** An installed unit; builds its customer and product when they are not given. */
export async function buildUnit(client: Client, overrides: Partial<z.input<typeof CreateUnitBody>> = {}) {
  const customerId = overrides.customerId ?? (await buildCustomer(client)).id;
  const productId = overrides.productId ?? (await buildProduct(client)).id;
  return created<UnitView>(client, '/api/v1/units', { serial: unique('SN'), shipDate: '2026-05-10', ...overrides, customerId, productId });
}

/** A case registered by `client` (a complaint by phone unless told otherwise). */
export const buildCase = (client: Client, overrides: Partial<z.input<typeof CreateCaseBody>> = {}) =>
  created<CaseView>(client, '/api/v1/cases', { type: 'complaint', title: '轴封漏油', channel: 'phone', ...overrides });

/** A department (code and names unique to the run); make someone its head with `PATCH /departments/{id}`. */
export function buildDepartment(client: Client, overrides: Partial<z.input<typeof CreateDepartmentBody>> = {}) {
  const code = unique('dept').replace(/-/g, '_');
  return created<DepartmentView>(client, '/api/v1/departments', {
    code,
    nameZh: `部门 ${code}`,
    nameEn: `Department ${code}`,
    ...overrides,
  });
}

/**
 * An SLA policy, added at the end of the list (after the defaults, whose last one matches every
 * case: put it first with `POST /sla/policies/reorder` for it to take effect). Resolve within a
 * working day unless told otherwise.
 */
export const buildSlaPolicy = (
  client: Client,
  overrides: Partial<z.input<typeof SlaPolicyBody>> & Pick<z.input<typeof SlaPolicyBody>, 'calendarId'>,
) =>
  created<SlaPolicyView>(client, '/api/v1/sla/policies', {
    name: unique('时限规则'),
    targets: { resolve: { amount: 1, unit: 'working_days' } },
    ...overrides,
  });

/** An assignment rule, tried after those that exist; it needs a department or people. */
export const buildAssignmentRule = (client: Client, overrides: Partial<z.input<typeof AssignmentRuleBody>>) =>
  created<AssignmentRuleView>(client, '/api/v1/assignment-rules', { name: unique('分派规则'), ...overrides });
