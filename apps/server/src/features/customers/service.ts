import {
  addMonthsToDate,
  type ContactBody,
  type CreateCustomerBody,
  type CreateProductBody,
  type CreateUnitBody,
  type ListCustomersQuery,
  type ListProductsQuery,
  type ListUnitsQuery,
  type UpdateCustomerBody,
  type UpdateProductBody,
  type UpdateUnitBody,
} from '@closeloop/domain';
import type { z } from 'zod';
import { ensure } from '../../lib/actor.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalidField, notFound, versionConflict } from '../../lib/errors.ts';
import { dateIn } from '../../lib/time.ts';
import { presentContact, presentCustomer, presentProduct, presentUnit } from './presenter.ts';
import * as repo from './repository.ts';

const marketOf = (ctx: Ctx, country: string) => (country === ctx.config.companyCountry ? 'domestic' : 'foreign');

export async function createCustomer(ctx: Ctx, input: CreateCustomerBody) {
  ensure(ctx.actor, 'customers:write');
  return ctx.db.transaction(async (tx) => {
    const { contacts, ...fields } = input;
    const row = await repo.insertCustomer(tx, { ...fields, market: fields.market ?? marketOf(ctx, fields.country) });
    const contactRows = await repo.insertContacts(
      tx,
      contacts.map((c) => ({ ...c, customerId: row.id })),
    );
    return presentCustomer(row, contactRows);
  });
}

export async function getCustomer(ctx: Ctx, id: string) {
  ensure(ctx.actor, 'customers:read');
  const row = await repo.findCustomer(ctx.db, id);
  if (!row) throw notFound('customer', id);
  return presentCustomer(row, await repo.contactsOf(ctx.db, id));
}

export async function updateCustomer(ctx: Ctx, id: string, input: UpdateCustomerBody) {
  ensure(ctx.actor, 'customers:write');
  const { version, ...values } = input;
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findCustomer(tx, id);
    if (!current) throw notFound('customer', id);
    if (values.country && !values.market) values.market = marketOf(ctx, values.country);
    const row = await repo.updateCustomer(tx, id, version, values);
    if (!row) throw versionConflict('the customer', current.version);
    return presentCustomer(row, await repo.contactsOf(tx, id));
  });
}

export async function listCustomers(ctx: Ctx, query: z.infer<typeof ListCustomersQuery>) {
  ensure(ctx.actor, 'customers:read');
  const { items, total } = await repo.listCustomers(ctx.db, query);
  const contacts = await repo.contactsOfMany(
    ctx.db,
    items.map((i) => i.id),
  );
  return { items: items.map((r) => presentCustomer(r, contacts.get(r.id) ?? [])), total, page: query.page, pageSize: query.pageSize };
}

export async function addContact(ctx: Ctx, customerId: string, input: ContactBody) {
  ensure(ctx.actor, 'customers:write');
  if (!(await repo.findCustomer(ctx.db, customerId))) throw notFound('customer', customerId);
  const [row] = await repo.insertContacts(ctx.db, [{ ...input, customerId }]);
  if (!row) throw new Error('insert returned no row');
  return presentContact(row);
}

// ---------------------------------------------------------------- products

export async function createProduct(ctx: Ctx, input: CreateProductBody) {
  ensure(ctx.actor, 'products:write');
  return presentProduct(await repo.insertProduct(ctx.db, input));
}

export async function getProduct(ctx: Ctx, id: string) {
  ensure(ctx.actor, 'customers:read');
  const row = await repo.findProduct(ctx.db, id);
  if (!row) throw notFound('product', id);
  return presentProduct(row);
}

export async function updateProduct(ctx: Ctx, id: string, input: z.infer<typeof UpdateProductBody>) {
  ensure(ctx.actor, 'products:write');
  const { version, ...values } = input;
  const row = await repo.updateProduct(ctx.db, id, version, values);
  if (row) return presentProduct(row);
  const current = await repo.findProduct(ctx.db, id);
  if (!current) throw notFound('product', id);
  throw versionConflict('the product', current.version);
}

export async function listProducts(ctx: Ctx, query: z.infer<typeof ListProductsQuery>) {
  ensure(ctx.actor, 'customers:read');
  const { items, total } = await repo.listProducts(ctx.db, query);
  return { items: items.map(presentProduct), total, page: query.page, pageSize: query.pageSize };
}

// ---------------------------------------------------------------- units

export async function createUnit(ctx: Ctx, input: CreateUnitBody) {
  ensure(ctx.actor, 'customers:write');
  const product = await repo.findProduct(ctx.db, input.productId);
  if (!product) throw invalidField('productId', 'no such product');
  if (input.customerId && !(await repo.findCustomer(ctx.db, input.customerId))) throw invalidField('customerId', 'no such customer');
  if (input.shipDate && input.installDate && input.installDate < input.shipDate) {
    throw invalidField('installDate', 'cannot be before the ship date');
  }
  const start = input.installDate ?? input.shipDate;
  const warrantyEnd = input.warrantyEnd ?? (start ? addMonthsToDate(start, product.warrantyMonths) : null);
  const row = await repo.insertUnit(ctx.db, { ...input, warrantyEnd });
  return getUnit(ctx, row.id);
}

export async function getUnit(ctx: Ctx, id: string) {
  ensure(ctx.actor, 'customers:read');
  const row = await repo.findUnit(ctx.db, id);
  if (!row) throw notFound('unit', id);
  return presentUnit(row, dateIn(ctx.config.timeZone, ctx.now()));
}

export async function updateUnit(ctx: Ctx, id: string, input: z.infer<typeof UpdateUnitBody>) {
  ensure(ctx.actor, 'customers:write');
  const { version, ...values } = input;
  if (values.customerId && !(await repo.findCustomer(ctx.db, values.customerId))) throw invalidField('customerId', 'no such customer');
  if (values.shipDate !== undefined || values.installDate !== undefined) {
    const current = await repo.findUnit(ctx.db, id);
    if (!current) throw notFound('unit', id);
    const shipDate = values.shipDate === undefined ? current.unit.shipDate : values.shipDate;
    const installDate = values.installDate === undefined ? current.unit.installDate : values.installDate;
    if (shipDate && installDate && installDate < shipDate) throw invalidField('installDate', 'cannot be before the ship date');
    // The warranty follows the dates unless the edit sets it explicitly.
    if (values.warrantyEnd === undefined) {
      const start = installDate ?? shipDate;
      values.warrantyEnd = start ? addMonthsToDate(start, current.warrantyMonths) : null;
    }
  }
  const row = await repo.updateUnit(ctx.db, id, version, values);
  if (!row) {
    const current = await repo.findUnit(ctx.db, id);
    if (!current) throw notFound('unit', id);
    throw versionConflict('the unit', current.unit.version);
  }
  return getUnit(ctx, id);
}

export async function listUnits(ctx: Ctx, query: z.infer<typeof ListUnitsQuery>) {
  ensure(ctx.actor, 'customers:read');
  const { items, total } = await repo.listUnits(ctx.db, query);
  const today = dateIn(ctx.config.timeZone, ctx.now());
  return { items: items.map((r) => presentUnit(r, today)), total, page: query.page, pageSize: query.pageSize };
}
