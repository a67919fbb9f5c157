import type { CustomerView, ProductView, UnitView } from '@closeloop/domain';
import type { ContactRow, CustomerRow, ProductRow, UnitWithNames } from './repository.ts';

export const presentContact = (c: ContactRow) => ({
  id: c.id,
  name: c.name,
  title: c.title,
  phone: c.phone,
  email: c.email,
  isPrimary: c.isPrimary,
});

export const presentCustomer = (row: CustomerRow, contactRows: ContactRow[]): CustomerView => ({
  id: row.id,
  code: row.code,
  kind: row.kind as CustomerView['kind'],
  name: row.name,
  nameEn: row.nameEn,
  country: row.country,
  province: row.province,
  city: row.city,
  address: row.address,
  market: row.market as CustomerView['market'],
  tier: row.tier as CustomerView['tier'],
  notes: row.notes,
  contacts: contactRows.map(presentContact),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

export const presentProduct = (row: ProductRow): ProductView => ({
  id: row.id,
  model: row.model,
  name: row.name,
  nameEn: row.nameEn,
  category: row.category,
  productLine: row.productLine,
  warrantyMonths: row.warrantyMonths,
  isActive: row.isActive,
  version: row.version,
});

export const presentUnit = (r: UnitWithNames, today: string): UnitView => ({
  id: r.unit.id,
  serial: r.unit.serial,
  productId: r.unit.productId,
  productModel: r.productModel,
  customerId: r.unit.customerId,
  customerName: r.customerName,
  batch: r.unit.batch,
  shipDate: r.unit.shipDate,
  installDate: r.unit.installDate,
  warrantyEnd: r.unit.warrantyEnd,
  isUnderWarranty: r.unit.warrantyEnd ? r.unit.warrantyEnd >= today : null,
  version: r.unit.version,
});
