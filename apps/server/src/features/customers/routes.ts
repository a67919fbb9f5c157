import {
  ContactBody,
  ContactView,
  CreateCustomerBody,
  CreateProductBody,
  CreateUnitBody,
  CustomerView,
  Id,
  ListCustomersQuery,
  ListProductsQuery,
  ListUnitsQuery,
  ProductView,
  pageOf,
  UnitView,
  UpdateCustomerBody,
  UpdateProductBody,
  UpdateUnitBody,
} from '@closeloop/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

const IdParams = z.object({ id: Id });

export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['customers'];
  app.get(
    '/customers',
    {
      config: { permission: 'customers:read' },
      schema: { tags, summary: 'Find customers', querystring: ListCustomersQuery, response: { 200: pageOf(CustomerView) } },
    },
    async (r) => service.listCustomers(r.ctx, r.query),
  );
  app.post(
    '/customers',
    {
      config: { permission: 'customers:write' },
      schema: { tags, summary: 'Create a customer', body: CreateCustomerBody, response: { 201: CustomerView } },
    },
    async (r, reply) => reply.code(201).send(await service.createCustomer(r.ctx, r.body)),
  );
  app.get(
    '/customers/:id',
    {
      config: { permission: 'customers:read' },
      schema: { tags, summary: 'Read a customer', params: IdParams, response: { 200: CustomerView } },
    },
    async (r) => service.getCustomer(r.ctx, r.params.id),
  );
  app.patch(
    '/customers/:id',
    {
      config: { permission: 'customers:write' },
      schema: { tags, summary: 'Edit a customer', params: IdParams, body: UpdateCustomerBody, response: { 200: CustomerView } },
    },
    async (r) => service.updateCustomer(r.ctx, r.params.id, r.body),
  );
  app.post(
    '/customers/:id/contacts',
    {
      config: { permission: 'customers:write' },
      schema: { tags, summary: 'Add a contact', params: IdParams, body: ContactBody, response: { 201: ContactView } },
    },
    async (r, reply) => reply.code(201).send(await service.addContact(r.ctx, r.params.id, r.body)),
  );

  const ptags = ['products'];
  app.get(
    '/products',
    {
      config: { permission: 'customers:read' },
      schema: { tags: ptags, summary: 'Find products', querystring: ListProductsQuery, response: { 200: pageOf(ProductView) } },
    },
    async (r) => service.listProducts(r.ctx, r.query),
  );
  app.post(
    '/products',
    {
      config: { permission: 'products:write' },
      schema: { tags: ptags, summary: 'Create a product', body: CreateProductBody, response: { 201: ProductView } },
    },
    async (r, reply) => reply.code(201).send(await service.createProduct(r.ctx, r.body)),
  );
  app.get(
    '/products/:id',
    {
      config: { permission: 'customers:read' },
      schema: { tags: ptags, summary: 'Read a product', params: IdParams, response: { 200: ProductView } },
    },
    async (r) => service.getProduct(r.ctx, r.params.id),
  );
  app.patch(
    '/products/:id',
    {
      config: { permission: 'products:write' },
      schema: { tags: ptags, summary: 'Edit a product', params: IdParams, body: UpdateProductBody, response: { 200: ProductView } },
    },
    async (r) => service.updateProduct(r.ctx, r.params.id, r.body),
  );

  const utags = ['units'];
  app.get(
    '/units',
    {
      config: { permission: 'customers:read' },
      schema: { tags: utags, summary: 'Find installed units', querystring: ListUnitsQuery, response: { 200: pageOf(UnitView) } },
    },
    async (r) => service.listUnits(r.ctx, r.query),
  );
  app.post(
    '/units',
    {
      config: { permission: 'customers:write' },
      schema: { tags: utags, summary: 'Register an installed unit', body: CreateUnitBody, response: { 201: UnitView } },
    },
    async (r, reply) => reply.code(201).send(await service.createUnit(r.ctx, r.body)),
  );
  app.get(
    '/units/:id',
    {
      config: { permission: 'customers:read' },
      schema: { tags: utags, summary: 'Read an installed unit', params: IdParams, response: { 200: UnitView } },
    },
    async (r) => service.getUnit(r.ctx, r.params.id),
  );
  app.patch(
    '/units/:id',
    {
      config: { permission: 'customers:write' },
      schema: { tags: utags, summary: 'Edit an installed unit', params: IdParams, body: UpdateUnitBody, response: { 200: UnitView } },
    },
    async (r) => service.updateUnit(r.ctx, r.params.id, r.body),
  );
};
